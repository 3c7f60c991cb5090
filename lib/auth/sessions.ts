import "server-only";
// Session rows: one per sign-in, read on every request, listed and ended from the account page. (The current
// request's user and the guards built on it are in ./session.ts.)
import { prisma, type DbTransaction } from "@/lib/db";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { AppError } from "@/lib/errors";
import type { NamedActor } from "./permissions";

export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

export type SessionUser = { id: string; name: string; email: string; role: string; sessionId: string; twoFactorEnabled: boolean };

const TOUCH_INTERVAL_MS = 60_000;

/**
 * The person behind a session id, or null when the session was revoked or expired or the account deactivated.
 * Called on every request, so a role change or deactivation applies at once.
 */
export async function getSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, name: true, email: true, role: true, isActive: true, totpEnabledAt: true } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.user.isActive) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Best effort: "last seen" is informative and must never fail the request.
    await prisma.session.update({ where: { id: sessionId }, data: { lastSeenAt: now } }).catch(() => undefined);
  }
  const { id, name, email, role, totpEnabledAt } = session.user;
  return { id, name, email, role, sessionId, twoFactorEnabled: totpEnabledAt !== null };
}

export type SessionSummary = { id: string; userAgent: string | null; ip: string | null; createdAt: Date; lastSeenAt: Date };

/** This person's signed-in sessions (not revoked, not expired), most recently seen first. */
export async function listActiveSessions(userId: string, now = new Date()): Promise<SessionSummary[]> {
  return prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
    take: 100,
  });
}

/** Ends a session; its cookie is refused from the next request on. Logged as a sign-out when it was still open. */
export async function revokeSession(sessionId: string, now = new Date()) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { revokedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!session || session.revokedAt) return;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
    if (count) await recordAudit({ actor: session.user, action: "auth.sign_out", target: userTarget(session.user) }, tx);
  });
}

/** Signs out one of one's own other sessions (a session id of someone else is simply not found). */
export async function revokeOwnSession(actor: NamedActor, sessionId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, userId: actor.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", "That session has already ended.");
    await recordAudit({ actor, action: "session.revoke", target: userTarget(actor), details: { sessions: 1 } }, tx);
  });
}

/** Ends every open session of a person (but one); in the caller's transaction, with the change that requires it. */
export async function revokeSessionsOf(tx: DbTransaction, userId: string, exceptSessionId: string | null, now: Date): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/** "Sign out everywhere else": every session of this person except the current one. */
export async function revokeOtherSessions(actor: NamedActor & { sessionId: string }, now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const count = await revokeSessionsOf(tx, actor.id, actor.sessionId, now);
    await recordAudit({ actor, action: "session.revoke", target: userTarget(actor), details: { sessions: count, scope: "others" } }, tx);
    return count;
  });
}
