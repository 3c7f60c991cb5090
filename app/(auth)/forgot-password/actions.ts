"use server";

import { invalidInputState, type ActionState } from "@/lib/action-state";
import { currentRequestMeta } from "@/lib/http/request-context";
import { requestPasswordReset } from "@/lib/users/password-resets";
import { forgotPasswordSchema, type ForgotPasswordValues } from "@/lib/users/schema";

export type ForgotPasswordState = ActionState<ForgotPasswordValues>;

const FORGOT_PASSWORD_ANSWER = "If an account uses that address, we have sent it a link to choose a new password. The link works for one hour.";

// POST /forgot-password: emails a reset link when the address has an account. The answer is the same either way.
export async function forgotPasswordAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success) return invalidInputState(parsed.error, values);
  try {
    await requestPasswordReset(parsed.data.email, await currentRequestMeta());
  } catch (error) {
    // Logged, never shown: a different answer would tell whether the account exists.
    console.error("[forgot-password] failed:", error instanceof Error ? error.message : "unknown error");
  }
  return { status: "success", message: FORGOT_PASSWORD_ANSWER };
}
