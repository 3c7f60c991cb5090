import "server-only";
// Accounts created with a password: the owner at first-run setup, anyone else from the command line.
import { prisma } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import type { Role } from "@/lib/auth/permissions";

const SETUP_MARKER = "setup.completedAt";

/** Creates the owner (first admin). Refused once any user exists, even when two setups race. */
export async function createOwner(input: { name: string; email: string; password: string }) {
  assertAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new AppError("FORBIDDEN", "Linkpress is already set up. Sign in instead.");
      // The marker's primary key turns a concurrent second setup into a unique violation.
      await tx.setting.create({ data: { key: SETUP_MARKER, value: new Date().toISOString() } });
      const owner = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, role: "ADMIN", passwordChangedAt: new Date() },
        select: { id: true, name: true, email: true },
      });
      await recordAudit({ actor: owner, action: "user.setup_owner", target: userTarget(owner) }, tx);
      return owner;
    });
  } catch (error) {
    if (uniqueViolationTarget(error)) throw new AppError("FORBIDDEN", "Linkpress is already set up. Sign in instead.");
    throw error;
  }
}

/** The refusal for an email another account already has (a unique violation), or null for any other error. */
export function emailTaken(error: unknown): AppError | null {
  return uniqueViolationTarget(error) ? new AppError("CONFLICT", "Someone already has an account with this email.", { field: "email" }) : null;
}

/** Creates an active account with a password (command line and tests; the admin screen invites instead). */
export async function createUserAccount(input: { name: string; email: string; password: string; role: Role }) {
  assertAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: { name: input.name, email: input.email.trim().toLowerCase(), passwordHash, role: input.role, passwordChangedAt: new Date() },
      select: { id: true, name: true, email: true, role: true },
    });
  } catch (error) {
    throw emailTaken(error) ?? error;
  }
}
