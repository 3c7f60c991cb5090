import "server-only";
// Invitations: an admin invites a person (an account without a password and a 7-day link); they choose a password.
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import type { NamedActor, Role } from "@/lib/auth/permissions";
import type { RequestMeta } from "@/lib/http/request-context";
import { invitationMail } from "@/lib/mail/messages";
import { emailTaken } from "./accounts";
import { assertCanManage, findManagedUser } from "./admin";
import { deliver, issueToken, linkFor, spendToken, type IssuedLink } from "./links";

/** Invites a person: an account without a password and a 7-day one-time link (emailed when SMTP is configured). */
export async function inviteUser(
  actor: NamedActor,
  input: { name: string; email: string; role: Role },
  now = new Date(),
): Promise<IssuedLink & { userId: string }> {
  assertCanManage(actor);
  let issued;
  try {
    issued = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name: input.name, email: input.email, role: input.role }, select: { id: true, name: true, email: true } });
      const { token, expiresAt } = await issueToken(tx, actor, user.id, "INVITE", now);
      await recordAudit({ actor, action: "user.invite", target: userTarget(user), details: { role: input.role } }, tx);
      return { user, token, expiresAt };
    });
  } catch (error) {
    throw emailTaken(error) ?? error;
  }
  const link = linkFor("invite", issued.token);
  const emailed = await deliver(invitationMail(issued.user.email, issued.user.name, actor.name, link, issued.expiresAt), "invitation");
  return { userId: issued.user.id, link, expiresAt: issued.expiresAt, emailed };
}

/** A new invitation link for someone who has not accepted yet (the old link stops working). */
export async function reissueInvitation(actor: NamedActor, userId: string, now = new Date()): Promise<IssuedLink> {
  assertCanManage(actor);
  const issued = await prisma.$transaction(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (user.passwordHash !== null) throw new AppError("CONFLICT", "This person has already accepted their invitation.");
    if (!user.isActive) throw new AppError("CONFLICT", "Reactivate this account first.");
    const { token, expiresAt } = await issueToken(tx, actor, user.id, "INVITE", now);
    await recordAudit({ actor, action: "user.invite", target: userTarget(user), details: { role: user.role, reissued: true } }, tx);
    return { user, token, expiresAt };
  });
  const link = linkFor("invite", issued.token);
  const emailed = await deliver(invitationMail(issued.user.email, issued.user.name, actor.name, link, issued.expiresAt), "invitation");
  return { link, expiresAt: issued.expiresAt, emailed };
}

/** Accepting an invitation: the person chooses a password; the link is spent. The action then signs them in. */
export async function acceptInvitation(token: string, password: string, meta: Partial<RequestMeta> = {}, now = new Date()): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await spendToken(tx, token, "INVITE", now);
    if (user.passwordHash !== null) throw new AppError("INVALID_INPUT", "This invitation has already been accepted. Sign in instead.");
    assertAcceptablePassword(password, user);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null } });
    await recordAudit({ actor: user, action: "user.invite_accept", target: userTarget(user), ip: meta.ip ?? null }, tx);
    return { email: user.email };
  });
}
