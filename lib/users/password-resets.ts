import "server-only";
// Password resets: a one-hour link, issued by an admin or asked for on "forgot password"; using it ends every session.
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { allowResetRequest } from "@/lib/auth/lockout";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import type { NamedActor } from "@/lib/auth/permissions";
import { revokeSessionsOf } from "@/lib/auth/sessions";
import type { RequestMeta } from "@/lib/http/request-context";
import { isMailConfigured } from "@/lib/mail/send";
import { passwordResetMail } from "@/lib/mail/messages";
import { assertCanManage, findManagedUser } from "./admin";
import { deliver, issueToken, linkFor, spendToken, type IssuedLink } from "./links";

/** A one-hour password-reset link for a person, issued by an admin (who passes it on, or it is emailed). */
export async function issuePasswordReset(actor: NamedActor, userId: string, now = new Date()): Promise<IssuedLink> {
  assertCanManage(actor);
  const issued = await prisma.$transaction(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (!user.isActive) throw new AppError("CONFLICT", "Reactivate this account first.");
    if (user.passwordHash === null) throw new AppError("CONFLICT", "This person has not accepted their invitation yet: send a new invitation link instead.");
    const { token, expiresAt } = await issueToken(tx, actor, user.id, "RESET", now);
    await recordAudit({ actor, action: "user.password_reset_link", target: userTarget(user) }, tx);
    return { user, token, expiresAt };
  });
  const link = linkFor("reset-password", issued.token);
  const emailed = await deliver(passwordResetMail(issued.user.email, issued.user.name, link), "password reset");
  return { link, expiresAt: issued.expiresAt, emailed };
}

/**
 * Self-service "forgot password": emails a reset link when the address belongs to an active account. The caller
 * answers the same whatever happens here, and the email goes out in the background, so neither the answer nor its
 * timing tells whether the account exists.
 */
export async function requestPasswordReset(email: string, meta: Partial<RequestMeta>, now = new Date()): Promise<void> {
  if (!isMailConfigured()) return;
  if (!(await allowResetRequest(meta.ip ?? null, email))) return;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, isActive: true, passwordHash: true } });
  if (!user?.isActive || user.passwordHash === null) return;
  const { token } = await prisma.$transaction(async (tx) => {
    const issued = await issueToken(tx, null, user.id, "RESET", now);
    await recordAudit({ actor: null, action: "user.password_reset_requested", target: userTarget(user), ip: meta.ip ?? null }, tx);
    return issued;
  });
  void deliver(passwordResetMail(user.email, user.name, linkFor("reset-password", token)), "password reset");
}

/** Choosing a new password from a reset link: every session of the account ends and any lock is lifted. */
export async function resetPasswordWithToken(token: string, password: string, meta: Partial<RequestMeta> = {}, now = new Date()): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await spendToken(tx, token, "RESET", now);
    assertAcceptablePassword(password, user);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null } });
    const sessions = await revokeSessionsOf(tx, user.id, null, now);
    await recordAudit({ actor: user, action: "user.password_reset", target: userTarget(user), ip: meta.ip ?? null, details: { sessionsEnded: sessions } }, tx);
    return { email: user.email };
  });
}
