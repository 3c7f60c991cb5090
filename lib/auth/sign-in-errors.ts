// The error codes sign-in reports (next-auth passes a thrown error's message to the form as `error`) and what the form says for each.
export const SIGN_IN_ERROR_CODES = { tooMany: "TooManyAttempts", needsCode: "TwoFactorRequired", wrongCode: "TwoFactorInvalid" } as const;

const SIGN_IN_MESSAGES: Record<string, string> = {
  [SIGN_IN_ERROR_CODES.tooMany]: "Too many attempts. Wait a few minutes and try again.",
  [SIGN_IN_ERROR_CODES.wrongCode]: "That code is not valid. Type the current code from your app, or one of your recovery codes.",
  default: "Email or password is incorrect.",
};

/** The message for an error code from next-auth (a status of 429 means throttled whatever the code). */
export function signInMessage(error: string | null | undefined, status?: number): string {
  if (status === 429) return SIGN_IN_MESSAGES[SIGN_IN_ERROR_CODES.tooMany];
  return SIGN_IN_MESSAGES[error ?? ""] ?? SIGN_IN_MESSAGES.default;
}
