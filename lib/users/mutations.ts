import "server-only";
import { prisma } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";

export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;
const SETUP_MARKER = "setup.completedAt";

/** Creates the owner (first admin). Refused once any user exists, even when two setups race. */
export async function createOwner(input: { name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new AppError("FORBIDDEN", "Linkpress is already set up. Sign in instead.");
      // The marker's primary key turns a concurrent second setup into a unique violation.
      await tx.setting.create({ data: { key: SETUP_MARKER, value: new Date().toISOString() } });
      return tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, role: "ADMIN" },
        select: { id: true, email: true },
      });
    });
  } catch (error) {
    if (uniqueViolationTarget(error)) throw new AppError("FORBIDDEN", "Linkpress is already set up. Sign in instead.");
    throw error;
  }
}

/** Creates an active account with a password (command line and tests; the admin screen invites instead). */
export async function createUserAccount(input: { name: string; email: string; password: string; role: Role }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: { name: input.name, email: input.email.trim().toLowerCase(), passwordHash, role: input.role },
      select: { id: true, name: true, email: true, role: true },
    });
  } catch (error) {
    if (uniqueViolationTarget(error)) throw new AppError("CONFLICT", "Someone already has an account with this email.", { field: "email" });
    throw error;
  }
}

export type SignInMeta = { ip?: string | null; userAgent?: string | null };

/** Checks an email and password; on success opens a session and returns its id. Unknown email and wrong password look alike. */
export async function signInWithPassword(email: string, password: string, meta: SignInMeta, now = new Date()) {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, isActive: true, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || !user.isActive) return null;
  const session = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    return tx.session.create({
      data: {
        userId: user.id,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
        ip: meta.ip?.slice(0, 64) ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true },
    });
  });
  return { id: user.id, name: user.name, email: user.email, role: user.role, sessionId: session.id };
}

/** Ends a session; its cookie is refused from the next request on. */
export async function revokeSession(sessionId: string, now = new Date()) {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
