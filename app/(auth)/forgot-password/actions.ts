"use server";

import type { z } from "zod";
import { currentRequestMeta } from "@/lib/http/request-context";
import { formValues, publicAction } from "@/lib/server/action";
import { requestPasswordReset } from "@/lib/users/password-resets";
import { forgotPasswordSchema, type ForgotPasswordValues } from "@/lib/users/schema";

const FORGOT_PASSWORD_ANSWER = "If an account uses that address, we have sent it a link to choose a new password. The link works for one hour.";

// POST /forgot-password: emails a reset link when the address has an account. The answer is the same either way.
export const forgotPasswordAction = publicAction<z.output<typeof forgotPasswordSchema>, ForgotPasswordValues>({
  values: (formData) => formValues(formData, ["email"]),
  schema: forgotPasswordSchema,
  run: async ({ email }) => {
    try {
      await requestPasswordReset(email, await currentRequestMeta());
    } catch (error) {
      // Logged, never shown: a different answer would tell whether the account exists.
      console.error("[forgot-password] failed:", error instanceof Error ? error.message : "unknown error");
    }
    return { status: "success", message: FORGOT_PASSWORD_ANSWER };
  },
});
