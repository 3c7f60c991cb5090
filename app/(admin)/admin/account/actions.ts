"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { confirmTwoFactorEnrolment, disableOwnTwoFactor, regenerateRecoveryCodes, startTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { currentRequestMeta } from "@/lib/http/request-context";
import { AppError } from "@/lib/errors";
import { formValues, userAction } from "@/lib/server/action";
import { revokeOtherSessions, revokeOwnSession } from "@/lib/auth/sessions";
import { changeOwnPassword, updateOwnProfile } from "@/lib/users/own-account";
import {
  confirmPasswordSchema,
  passwordChangeSchema,
  profileSchema,
  sessionIdSchema,
  totpCodeSchema,
  type PasswordChangeValues,
  type ProfileValues,
  type RecoveryCodesState,
} from "@/lib/users/schema";

// Everything here is one's own account, so it stays open to someone who must still set up two-factor.
const ownAccount = { allowPendingTwoFactor: true } as const;

// Buttons without fields.
const noInput = z.object({});

// Passwords are never sent back into the page: these forms echo no values.
const currentPassword = (formData: FormData) => ({ currentPassword: formData.get("currentPassword") ?? "" });

// Change one's name and email (a new email needs the current password).
export const updateProfileAction = userAction<z.output<typeof profileSchema>, ProfileValues>({
  ...ownAccount,
  values: (formData) => ({ ...formValues(formData, ["name", "email"]), currentPassword: "" }),
  schema: profileSchema,
  input: (formData, values) => ({ ...values, currentPassword: String(formData.get("currentPassword") ?? "") }),
  run: async (user, input) => {
    await updateOwnProfile(user, input, await currentRequestMeta());
    return { status: "success", message: "Your details are saved.", values: { name: input.name, email: input.email } };
  },
  revalidate: () => revalidatePath("/admin", "layout"),
});

// Change one's password; every other session signs out.
export const changePasswordAction = userAction<z.output<typeof passwordChangeSchema>, PasswordChangeValues>({
  ...ownAccount,
  schema: passwordChangeSchema,
  input: (formData) => ({ ...currentPassword(formData), newPassword: formData.get("newPassword") ?? "" }),
  run: async (user, input) => {
    const ended = await changeOwnPassword(user, input, await currentRequestMeta());
    return {
      status: "success",
      message: `Your password is changed.${ended ? ` ${ended} other ${ended === 1 ? "session was" : "sessions were"} signed out.` : ""}`,
    };
  },
  revalidate: () => revalidatePath("/admin/account"),
});

// Sign out one of one's other sessions.
export const revokeSessionAction = userAction({
  ...ownAccount,
  schema: sessionIdSchema,
  input: (formData) => ({ sessionId: formData.get("sessionId") }),
  invalid: () => ({ status: "error", message: "Reload the page and try again." }),
  run: async (user, { sessionId }) => {
    if (sessionId === user.sessionId) throw new AppError("INVALID_INPUT", "Use “Sign out” to end this session.");
    await revokeOwnSession(user, sessionId);
    return { status: "success", message: "That session is signed out." };
  },
  revalidate: () => revalidatePath("/admin/account"),
});

// Sign out every session but this one.
export const revokeOtherSessionsAction = userAction({
  ...ownAccount,
  schema: noInput,
  run: async (user) => {
    const count = await revokeOtherSessions(user);
    return { status: "success", message: count ? `Signed out ${count} other ${count === 1 ? "session" : "sessions"}.` : "There were no other sessions." };
  },
  revalidate: () => revalidatePath("/admin/account"),
});

// Begin two-factor set-up: a new secret, shown as a QR code on the page.
export const startTwoFactorAction = userAction<z.output<typeof noInput>, Record<string, string>, RecoveryCodesState>({
  ...ownAccount,
  schema: noInput,
  run: async (user) => {
    await startTwoFactorEnrolment(user);
    return { status: "idle" };
  },
  revalidate: () => revalidatePath("/admin/account/two-factor"),
});

// Confirm set-up with a code from the app; the recovery codes are shown once.
export const confirmTwoFactorAction = userAction<z.output<typeof totpCodeSchema>, { code: string }, RecoveryCodesState>({
  ...ownAccount,
  values: (formData) => formValues(formData, ["code"]),
  schema: totpCodeSchema,
  // No revalidation: a re-rendered page would replace the form that shows the codes this once.
  run: async (user, { code }) => ({
    status: "success",
    message: "Two-factor authentication is on.",
    recoveryCodes: await confirmTwoFactorEnrolment(user, code),
  }),
});

// Turn off two-factor (current password needed).
export const disableTwoFactorAction = userAction<z.output<typeof confirmPasswordSchema>, Record<string, string>, RecoveryCodesState>({
  ...ownAccount,
  schema: confirmPasswordSchema,
  input: currentPassword,
  run: async (user, input) => {
    await disableOwnTwoFactor(user, input.currentPassword, (await currentRequestMeta()).ip);
    return { status: "success", message: "Two-factor authentication is off." };
  },
  revalidate: () => revalidatePath("/admin", "layout"),
});

// New recovery codes (current password needed); the old ones stop working.
export const regenerateRecoveryCodesAction = userAction<z.output<typeof confirmPasswordSchema>, Record<string, string>, RecoveryCodesState>({
  ...ownAccount,
  schema: confirmPasswordSchema,
  input: currentPassword,
  run: async (user, input) => ({
    status: "success",
    message: "New recovery codes are ready; the old ones no longer work.",
    recoveryCodes: await regenerateRecoveryCodes(user, input.currentPassword, (await currentRequestMeta()).ip),
  }),
});
