"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { setTwoFactorRequirement } from "@/lib/auth/two-factor";
import { requireRole } from "@/lib/auth/session";
import { changeUserRole, deleteUser, resetUserTwoFactor, setUserActive, unlockUser } from "@/lib/users/admin";
import { inviteUser, reissueInvitation } from "@/lib/users/invitations";
import { issuePasswordReset } from "@/lib/users/password-resets";
import type { IssuedLink } from "@/lib/users/links";
import { deleteUserSchema, inviteSchema, roleChangeSchema, twoFactorPolicySchema, userIdSchema, type InviteValues } from "@/lib/users/schema";

/** A form that hands out a one-time link: the link to copy, and whether it was also emailed. */
export type IssuedLinkState<V extends Record<string, unknown> = Record<string, string>> = ActionState<V> & {
  issued?: { link: string; expiresAt: string; emailed: boolean };
};

function issuedState(message: string, issued: IssuedLink): IssuedLinkState {
  return { status: "success", message, issued: { link: issued.link, expiresAt: issued.expiresAt.toISOString(), emailed: issued.emailed } };
}

const refresh = (userId?: string) => {
  revalidatePath("/admin/users");
  if (userId) revalidatePath(`/admin/users/${userId}`);
};

// Invite someone: an invited account and a 7-day link, shown to the admin (and emailed when SMTP is set up).
export async function inviteUserAction(_previous: IssuedLinkState<InviteValues>, formData: FormData): Promise<IssuedLinkState<InviteValues>> {
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "") };
  try {
    const admin = await requireRole("ADMIN");
    const parsed = inviteSchema.safeParse(values);
    if (!parsed.success) return invalidInputState(parsed.error, values);
    const issued = await inviteUser(admin, parsed.data);
    refresh();
    return { ...issuedState(`${parsed.data.name} is invited.`, issued), values: {} };
  } catch (error) {
    return errorState(error, values);
  }
}

// Change someone's role (not the last active admin's).
export async function changeRoleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await requireRole("ADMIN");
    const parsed = roleChangeSchema.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
    if (!parsed.success) return { status: "error", message: "Choose one of the roles." };
    await changeUserRole(admin, parsed.data.userId, parsed.data.role);
    refresh(parsed.data.userId);
    return { status: "success", message: "The role is changed. It applies from their next click." };
  } catch (error) {
    return errorState(error, {});
  }
}

const RELOAD: ActionState = { status: "error", message: "Reload the page and try again." };

/** The shape of every admin action on one person: admin check, the person's id, the change, a fresh page. */
async function onePerson(formData: FormData, change: (admin: Awaited<ReturnType<typeof requireRole>>, userId: string) => Promise<string | null>): Promise<ActionState> {
  try {
    const admin = await requireRole("ADMIN");
    const parsed = userIdSchema.safeParse({ userId: formData.get("userId") });
    if (!parsed.success) return RELOAD;
    const message = await change(admin, parsed.data.userId);
    if (message === null) return RELOAD;
    refresh(parsed.data.userId);
    return { status: "success", message };
  } catch (error) {
    return errorState(error, {});
  }
}

// Deactivate (signing them out everywhere) or reactivate an account, as the button pressed says.
export async function setUserActiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const intent = formData.get("intent");
  return onePerson(formData, async (admin, userId) => {
    if (intent !== "deactivate" && intent !== "reactivate") return null;
    await setUserActive(admin, userId, intent === "reactivate");
    return intent === "reactivate" ? "The account is active again." : "The account is deactivated and signed out everywhere.";
  });
}

// Lift a sign-in lock.
export async function unlockUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return onePerson(formData, async (admin, userId) => {
    await unlockUser(admin, userId);
    return "The account is unlocked.";
  });
}

// A one-time link: a password reset (1 hour) for an active account, or a new invitation (7 days) for an invited one.
export async function issueLinkAction(_previous: IssuedLinkState, formData: FormData): Promise<IssuedLinkState> {
  try {
    const admin = await requireRole("ADMIN");
    const parsed = userIdSchema.safeParse({ userId: formData.get("userId") });
    const kind = formData.get("kind");
    if (!parsed.success || (kind !== "reset" && kind !== "invite")) return RELOAD;
    const issued = kind === "reset" ? await issuePasswordReset(admin, parsed.data.userId) : await reissueInvitation(admin, parsed.data.userId);
    refresh(parsed.data.userId);
    return issuedState(kind === "reset" ? "A password-reset link is ready." : "A new invitation link is ready; the earlier one no longer works.", issued);
  } catch (error) {
    return errorState(error, {});
  }
}

// Turn off someone's two-factor sign-in (lost phone and recovery codes).
export async function resetTwoFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return onePerson(formData, async (admin, userId) => {
    await resetUserTwoFactor(admin, userId);
    return "Two-factor authentication is off for this person. They can set it up again.";
  });
}

// Delete an account after confirmation; the posts move to the chosen person.
export async function deleteUserAction(_previous: ActionState<{ newOwnerId: string }>, formData: FormData): Promise<ActionState<{ newOwnerId: string }>> {
  const values = { newOwnerId: String(formData.get("newOwnerId") ?? "") };
  try {
    const admin = await requireRole("ADMIN");
    const parsed = deleteUserSchema.safeParse({ userId: formData.get("userId"), newOwnerId: values.newOwnerId });
    if (!parsed.success) return { status: "error", message: "Choose who keeps the posts.", fieldErrors: { newOwnerId: ["Choose who keeps the posts."] }, values };
    await deleteUser(admin, parsed.data.userId, parsed.data.newOwnerId);
    refresh();
  } catch (error) {
    return errorState(error, values);
  }
  redirect("/admin/users?deleted=1");
}

// Require (or stop requiring) two-factor sign-in for admins and editors.
export async function setTwoFactorPolicyAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await requireRole("ADMIN");
    const parsed = twoFactorPolicySchema.safeParse({ required: formData.get("required") ?? "off" });
    if (!parsed.success) return RELOAD;
    await setTwoFactorRequirement(admin, parsed.data.required === "on");
    refresh();
    return {
      status: "success",
      message: parsed.data.required === "on" ? "Admins and editors now set up two-factor at their next visit." : "Two-factor is optional again.",
    };
  } catch (error) {
    return errorState(error, {});
  }
}
