import "server-only";
// One-time links (invitations and password resets): issued as a token whose hash alone is stored, mailed when
// SMTP is configured, and spent exactly once.
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { site } from "@/lib/settings/defaults";

const INVITATION_DAYS = 7;
const RESET_MINUTES = 60;

export type IssuedLink = { link: string; expiresAt: Date; emailed: boolean };

/** The address of a one-time link page: /invite/<token> or /reset-password/<token>. */
export function linkFor(path: string, token: string): string {
  return `${site.url}/${path}/${token}`;
}

export { deliverMail as deliver } from "@/lib/mail/send";

/** A new link of the given kind for a person, in the caller's transaction. */
export async function issueToken(tx: DbTransaction, actor: Actor | null, userId: string, kind: "INVITE" | "RESET", now: Date) {
  // A new link replaces any earlier unused link of the same kind.
  await tx.userToken.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: now } });
  const { token, tokenHash } = newToken();
  const lifetimeMs = kind === "INVITE" ? INVITATION_DAYS * 86_400_000 : RESET_MINUTES * 60_000;
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await tx.userToken.create({ data: { userId, kind, tokenHash, expiresAt, createdById: actor?.id ?? null } });
  return { token, expiresAt };
}

/** Spends a one-time link: marks it used and returns its person, or explains why it cannot be used. */
export async function spendToken(tx: DbTransaction, token: string, kind: "INVITE" | "RESET", now: Date) {
  const tokenHash = hashToken(token);
  // The conditional update is the single-use guarantee: of two parallel submissions only one matches.
  const { count } = await tx.userToken.updateMany({ where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  const row = await tx.userToken.findUnique({
    where: { tokenHash },
    select: { kind: true, usedAt: true, expiresAt: true, user: { select: { id: true, name: true, email: true, isActive: true, passwordHash: true } } },
  });
  if (count === 0 || !row || row.kind !== kind || !row.user.isActive) {
    const reason =
      !row || row.kind !== kind || !row.user.isActive
        ? "This link is not valid."
        : row.expiresAt <= now
          ? "This link has expired."
          : "This link has already been used.";
    throw new AppError("INVALID_INPUT", `${reason} Ask an admin for a new one.`);
  }
  return row.user;
}
