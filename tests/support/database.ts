import { describe, inject } from "vitest";
import { createUserAccount } from "@/lib/users/accounts";
import { signIn } from "@/lib/auth/sign-in";
import type { Actor, Role } from "@/lib/auth/permissions";

export const provider = inject("provider");
const skipReason = inject("skipReason");

/** A describe block bound to this project's database, reported as skipped (with the reason) when it is unavailable. */
export function describeDatabase(name: string, body: () => void) {
  const title = skipReason ? `${name} [${provider}] (skipped: ${skipReason})` : `${name} [${provider}]`;
  describe.skipIf(Boolean(skipReason))(title, body);
}

let counter = 0;
/** A string unique to this test run, for data that must not clash with other tests sharing the database. */
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export type TestUser = Actor & { name: string; email: string; password: string };

export async function createTestUser(role: Role, name = `${role.toLowerCase()} ${unique()}`): Promise<TestUser> {
  const email = `${unique(role.toLowerCase())}@example.test`;
  const password = `pw-${unique()}`;
  const user = await createUserAccount({ name, email, password, role });
  return { id: user.id, role, name: user.name, email: user.email, password };
}

/** Signs in with a password alone (accounts without a second factor), as the sign-in form does: the session, or null. */
export async function signInWithPassword(email: string, password: string, meta: Parameters<typeof signIn>[1], now?: Date) {
  const result = await signIn({ email, password }, meta, now);
  return result.status === "success" ? result.user : null;
}
