import "server-only";
import { prisma } from "@/lib/db";

/** Whether anybody has an account yet; with none, the admin area leads to first-run setup. */
export async function hasAnyUser(): Promise<boolean> {
  return (await prisma.user.count({ take: 1 })) > 0;
}

export type SessionUser = { id: string; name: string; email: string; role: string; sessionId: string };

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
      user: { select: { id: true, name: true, email: true, role: true, isActive: true } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.user.isActive) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Best effort: "last seen" is informative and must never fail the request.
    await prisma.session.update({ where: { id: sessionId }, data: { lastSeenAt: now } }).catch(() => undefined);
  }
  const { id, name, email, role } = session.user;
  return { id, name, email, role, sessionId };
}
