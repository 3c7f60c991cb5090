"use server";

import { revalidatePath } from "next/cache";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { confirmTwoFactorEnrolment, disableOwnTwoFactor, regenerateRecoveryCodes, startTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { currentRequestMeta } from "@/lib/http/request-context";
import { requireUser } from "@/lib/auth/session";
import { changeOwnPassword, updateOwnProfile } from "@/lib/users/own-account";
import { revokeOtherSessions, revokeOwnSession } from "@/lib/auth/sessions";
import {
  confirmPasswordSchema,
  passwordChangeSchema,
  profileSchema,
  sessionIdSchema,
  totpCodeSchema,
  type PasswordChangeValues,
  type ProfileValues,
} from "@/lib/users/schema";

/** Two-factor forms that end by showing new recovery codes once. */
export type RecoveryCodesState = ActionState<{ code: string; currentPassword: string }> & { recoveryCodes?: string[] };

// Everything here is one's own account, so it stays open to someone who must still set up two-factor.
const signedIn = () => requireUser({ allowPendingTwoFactor: true });

// Change one's name and email (a new email needs the current password).
export async function updateProfileAction(_previous: ActionState<ProfileValues>, formData: FormData): Promise<ActionState<ProfileValues>> {
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? ""), currentPassword: "" };
  try {
    const user = await signedIn();
    const parsed = profileSchema.safeParse({ ...values, currentPassword: String(formData.get("currentPassword") ?? "") });
    if (!parsed.success) return invalidInputState(parsed.error, values);
    await updateOwnProfile(user, parsed.data, await currentRequestMeta());
    revalidatePath("/admin", "layout");
    return { status: "success", message: "Your details are saved.", values: { name: parsed.data.name, email: parsed.data.email } };
  } catch (error) {
    return errorState(error, values);
  }
}

// Change one's password; every other session signs out.
export async function changePasswordAction(_previous: ActionState<PasswordChangeValues>, formData: FormData): Promise<ActionState<PasswordChangeValues>> {
  try {
    const user = await signedIn();
    const parsed = passwordChangeSchema.safeParse({ currentPassword: formData.get("currentPassword") ?? "", newPassword: formData.get("newPassword") ?? "" });
    // Passwords are never sent back into the page.
    if (!parsed.success) return invalidInputState(parsed.error, {});
    const ended = await changeOwnPassword(user, parsed.data, await currentRequestMeta());
    revalidatePath("/admin/account");
    return { status: "success", message: `Your password is changed.${ended ? ` ${ended} other ${ended === 1 ? "session was" : "sessions were"} signed out.` : ""}` };
  } catch (error) {
    return errorState(error, {});
  }
}

// Sign out one of one's other sessions.
export async function revokeSessionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await signedIn();
    const parsed = sessionIdSchema.safeParse({ sessionId: formData.get("sessionId") });
    if (!parsed.success) return { status: "error", message: "Reload the page and try again." };
    if (parsed.data.sessionId === user.sessionId) return { status: "error", message: "Use “Sign out” to end this session." };
    await revokeOwnSession(user, parsed.data.sessionId);
    revalidatePath("/admin/account");
    return { status: "success", message: "That session is signed out." };
  } catch (error) {
    return errorState(error, {});
  }
}

// Sign out every session but this one.
export async function revokeOtherSessionsAction(): Promise<ActionState> {
  try {
    const user = await signedIn();
    const count = await revokeOtherSessions(user);
    revalidatePath("/admin/account");
    return { status: "success", message: count ? `Signed out ${count} other ${count === 1 ? "session" : "sessions"}.` : "There were no other sessions." };
  } catch (error) {
    return errorState(error, {});
  }
}

// Begin two-factor set-up: a new secret, shown as a QR code on the page.
export async function startTwoFactorAction(): Promise<RecoveryCodesState> {
  try {
    const user = await signedIn();
    await startTwoFactorEnrolment(user);
    revalidatePath("/admin/account/two-factor");
    return { status: "idle" };
  } catch (error) {
    return errorState(error, {});
  }
}

// Confirm set-up with a code from the app; the recovery codes are shown once.
export async function confirmTwoFactorAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const values = { code: String(formData.get("code") ?? "") };
  try {
    const user = await signedIn();
    const parsed = totpCodeSchema.safeParse(values);
    if (!parsed.success) return invalidInputState(parsed.error, values);
    const recoveryCodes = await confirmTwoFactorEnrolment(user, parsed.data.code);
    // No revalidation: a re-rendered page would replace the form that shows the codes this once.
    return { status: "success", message: "Two-factor authentication is on.", recoveryCodes };
  } catch (error) {
    return errorState(error, values);
  }
}

// Turn off two-factor (current password needed).
export async function disableTwoFactorAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  try {
    const user = await signedIn();
    const parsed = confirmPasswordSchema.safeParse({ currentPassword: formData.get("currentPassword") ?? "" });
    if (!parsed.success) return invalidInputState(parsed.error, {});
    await disableOwnTwoFactor(user, parsed.data.currentPassword, (await currentRequestMeta()).ip);
    revalidatePath("/admin", "layout");
    return { status: "success", message: "Two-factor authentication is off." };
  } catch (error) {
    return errorState(error, {});
  }
}

// New recovery codes (current password needed); the old ones stop working.
export async function regenerateRecoveryCodesAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  try {
    const user = await signedIn();
    const parsed = confirmPasswordSchema.safeParse({ currentPassword: formData.get("currentPassword") ?? "" });
    if (!parsed.success) return invalidInputState(parsed.error, {});
    const recoveryCodes = await regenerateRecoveryCodes(user, parsed.data.currentPassword, (await currentRequestMeta()).ip);
    return { status: "success", message: "New recovery codes are ready; the old ones no longer work.", recoveryCodes };
  } catch (error) {
    return errorState(error, {});
  }
}
