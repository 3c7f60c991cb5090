import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { PASSWORD_MAX, PASSWORD_MIN } from "./schema";

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  const text = readFileSync(path.join(process.cwd(), "lib/auth/common-passwords.txt"), "utf8");
  return new Set(text.split("\n").filter((line) => line && !line.startsWith("#")));
}

/**
 * Why a new password is refused, or null when it is acceptable: 8 to 128 characters, no composition rules (NIST
 * 800-63B), but never one of the most common passwords nor the person's own email address or name.
 */
export function passwordProblem(password: string, person: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lowered = password.toLowerCase();
  commonPasswords ??= loadCommonPasswords();
  if (commonPasswords.has(lowered)) return "This password is one of the most common ones and easy to guess. Choose another, for example a few unrelated words.";
  const own = [person.email, person.email?.split("@")[0], person.name].filter((value): value is string => Boolean(value && value.length >= 4));
  if (own.some((value) => lowered === value.toLowerCase())) return "Do not use your email address or name as your password.";
  return null;
}

/** passwordProblem as an input error on the form's field, for the code that sets a password. */
export function assertAcceptablePassword(password: string, person: { email?: string; name?: string }, field = "password") {
  const problem = passwordProblem(password, person);
  if (problem) throw new AppError("INVALID_INPUT", problem, { field });
}
