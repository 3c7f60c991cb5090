import { describe, expect, it } from "vitest";
import { SIGN_IN_ERROR_CODES, signInMessage } from "@/lib/auth/sign-in-errors";

describe("signInMessage", () => {
  it("says the same for every credentials failure, whatever the reason", () => {
    for (const code of ["CredentialsSignin", "AccessDenied", "", null, undefined, "Unexpected"])
      expect(signInMessage(code)).toBe("Email or password is incorrect.");
  });

  it("tells a throttled sign-in (by code or by status 429) to wait", () => {
    expect(signInMessage(SIGN_IN_ERROR_CODES.tooMany)).toMatch(/Too many attempts/);
    expect(signInMessage("CredentialsSignin", 429)).toMatch(/Too many attempts/);
  });

  it("explains a wrong second-factor code", () => {
    expect(signInMessage(SIGN_IN_ERROR_CODES.wrongCode)).toMatch(/code is not valid/);
  });
});
