"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { setTwoFactorRequirement } from "@/lib/auth/two-factor";
import { canManageUsers } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { formValues, redirectTo, userAction } from "@/lib/server/action";
import { changeUserRole, deleteUser, resetUserTwoFactor, setUserActive, unlockUser } from "@/lib/users/admin";
import { inviteUser, reissueInvitation } from "@/lib/users/invitations";
import type { IssuedLink } from "@/lib/users/links";
import { issuePasswordReset } from "@/lib/users/password-resets";
import {
  deleteUserSchema,
  inviteSchema,
  roleChangeSchema,
  twoFactorPolicySchema,
  userIdSchema,
  type InviteValues,
  type IssuedLinkState,
} from "@/lib/users/schema";

function issuedState(message: string, issued: IssuedLink): IssuedLinkState {
  return { status: "success", message, issued: { link: issued.link, expiresAt: issued.expiresAt.toISOString(), emailed: issued.emailed } };
}

const refresh = (userId?: string) => {
  revalidatePath("/admin/users");
  if (userId) revalidatePath(`/admin/users/${userId}`);
};

// Every action here is an admin's, checked before the form is read (the mutations check again).
const admins = { allowed: canManageUsers } as const;

const RELOAD: ActionState = { status: "error", message: "Reload the page and try again." };

// Invite someone: an invited account and a 7-day link, shown to the admin (and emailed when SMTP is set up).
export const inviteUserAction = userAction<z.output<typeof inviteSchema>, InviteValues, IssuedLinkState<InviteValues>>({
  ...admins,
  values: (formData) => formValues(formData, ["name", "email", "role"]),
  schema: inviteSchema,
  run: async (admin, input) => ({ ...issuedState(`${input.name} is invited.`, await inviteUser(admin, input)), values: {} }),
  revalidate: () => refresh(),
});

// Change someone's role (not the last active admin's).
export const changeRoleAction = userAction({
  ...admins,
  schema: roleChangeSchema,
  input: (formData) => ({ userId: formData.get("userId"), role: formData.get("role") }),
  invalid: () => ({ status: "error", message: "Choose one of the roles." }),
  run: async (admin, { userId, role }) => {
    await changeUserRole(admin, userId, role);
    return { status: "success", message: "The role is changed. It applies from their next click." };
  },
  revalidate: ({ userId }) => refresh(userId),
});

/** The shape of every admin action on one person: their id (and the button pressed), the change, a fresh page. */
function personAction<Input extends { userId: string }>(
  schema: z.ZodType<Input>,
  fields: readonly string[],
  change: (admin: CurrentUser, input: Input) => Promise<string>,
) {
  return userAction({
    ...admins,
    schema,
    input: (formData) => Object.fromEntries(fields.map((field) => [field, formData.get(field)])),
    invalid: () => RELOAD,
    run: async (admin, input) => ({ status: "success", message: await change(admin, input) }),
    revalidate: ({ userId }) => refresh(userId),
  });
}

// Deactivate (signing them out everywhere) or reactivate an account, as the button pressed says.
export const setUserActiveAction = personAction(
  userIdSchema.extend({ intent: z.enum(["deactivate", "reactivate"]) }),
  ["userId", "intent"],
  async (admin, { userId, intent }) => {
    await setUserActive(admin, userId, intent === "reactivate");
    return intent === "reactivate" ? "The account is active again." : "The account is deactivated and signed out everywhere.";
  },
);

// Lift a sign-in lock.
export const unlockUserAction = personAction(userIdSchema, ["userId"], async (admin, { userId }) => {
  await unlockUser(admin, userId);
  return "The account is unlocked.";
});

// Turn off someone's two-factor sign-in (lost phone and recovery codes).
export const resetTwoFactorAction = personAction(userIdSchema, ["userId"], async (admin, { userId }) => {
  await resetUserTwoFactor(admin, userId);
  return "Two-factor authentication is off for this person. They can set it up again.";
});

// A one-time link: a password reset (1 hour) for an active account, or a new invitation (7 days) for an invited one.
export const issueLinkAction = userAction<{ userId: string; kind: "reset" | "invite" }, Record<string, string>, IssuedLinkState>({
  ...admins,
  schema: userIdSchema.extend({ kind: z.enum(["reset", "invite"]) }),
  input: (formData) => ({ userId: formData.get("userId"), kind: formData.get("kind") }),
  invalid: () => RELOAD,
  run: async (admin, { userId, kind }) =>
    kind === "reset"
      ? issuedState("A password-reset link is ready.", await issuePasswordReset(admin, userId))
      : issuedState("A new invitation link is ready; the earlier one no longer works.", await reissueInvitation(admin, userId)),
  revalidate: ({ userId }) => refresh(userId),
});

// Delete an account after confirmation; the posts move to the chosen person.
export const deleteUserAction = userAction<z.output<typeof deleteUserSchema>, { newOwnerId: string }>({
  ...admins,
  values: (formData) => formValues(formData, ["newOwnerId"]),
  schema: deleteUserSchema,
  input: (formData, values) => ({ userId: formData.get("userId"), newOwnerId: values.newOwnerId }),
  invalid: (_error, values) => ({
    status: "error",
    message: "Choose who keeps the posts.",
    fieldErrors: { newOwnerId: ["Choose who keeps the posts."] },
    values,
  }),
  run: async (admin, { userId, newOwnerId }) => {
    await deleteUser(admin, userId, newOwnerId);
    return redirectTo("/admin/users?deleted=1");
  },
  revalidate: () => refresh(),
});

// Require (or stop requiring) two-factor sign-in for admins and editors.
export const setTwoFactorPolicyAction = userAction({
  ...admins,
  schema: twoFactorPolicySchema,
  input: (formData) => ({ required: formData.get("required") ?? "off" }),
  invalid: () => RELOAD,
  run: async (admin, { required }) => {
    await setTwoFactorRequirement(admin, required === "on");
    return {
      status: "success",
      message: required === "on" ? "Admins and editors now set up two-factor at their next visit." : "Two-factor is optional again.",
    };
  },
  revalidate: () => refresh(),
});
