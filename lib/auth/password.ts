import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with OWASP's recommended memory and time costs. Unlike bcrypt it reads
// the whole password, so long passphrases are never silently truncated.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this hash when an account does not exist makes an unknown email cost the same time as a wrong
// password, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hashPassword("linkpress-dummy-password")));
  try {
    return (await verify(target, password)) && passwordHash !== null;
  } catch {
    return false;
  }
}
