import "server-only";
import { prisma, type DbTransaction } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/mutations";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { canManageUsers, type Actor, type Role } from "@/lib/auth/permissions";
import { newToken, hashToken } from "@/lib/auth/tokens";
import {
  assertCurrentPassword,
  clearTwoFactor,
  isSignInThrottled,
  lockIfOverLimit,
  recordSignInFailureFromAddress,
  releaseAttempt,
  reserveAttempt,
  spendSecondFactor,
  userTarget,
  allowResetRequest,
  LOCKOUT,
} from "@/lib/auth/mutations";
import { isMailConfigured, sendMail } from "@/lib/mail/send";
import { invitationMail, passwordResetMail } from "@/lib/mail/messages";
import { site } from "@/lib/site";
import { emailSchema, type SignInCredentials } from "./schema";

export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;
export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;
const SETUP_MARKER = "setup.completedAt";
// Updating this row first serialises every change that could leave the site without an active admin, so two admins
// demoting each other at the same moment cannot both succeed (PostgreSQL row lock; SQLite serialises writers anyway).
const ADMIN_GUARD_KEY = "lock.activeAdmins";

export type RequestMeta = { ip?: string | null; userAgent?: string | null };
type Acting = Actor & { name: string; email: string };

function assertAcceptablePassword(password: string, person: { email?: string; name?: string }, field = "password") {
  const problem = passwordProblem(password, person);
  if (problem) throw new AppError("INVALID_INPUT", problem, { field });
}

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

function emailTaken(error: unknown): AppError | null {
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

export type SignedInUser = { id: string; name: string; email: string; role: string; sessionId: string };
export type SignInResult =
  | { status: "success"; user: SignedInUser }
  | { status: "invalid" | "throttled" | "two_factor_required" | "two_factor_invalid" };

type AuditTarget = { id: string; name: string; email: string };
type FailureReason = "unknown_email" | "wrong_password" | "locked" | "deactivated" | "two_factor";

async function signInFailed(email: string, user: (AuditTarget & { id: string }) | null, attempt: number | null, reason: FailureReason, meta: RequestMeta, now: Date) {
  const ip = meta.ip ?? null;
  // An unknown address is logged only when it looks like one: people sometimes type a password into the email field.
  const target = user ? userTarget(user) : { type: "user", label: emailSchema.safeParse(email).success ? email : "(not an email address)" };
  await recordAudit({ actor: null, action: "auth.sign_in_failed", target, ip, details: { reason } });
  await recordSignInFailureFromAddress(ip);
  if (user && attempt !== null) await lockIfOverLimit(user, attempt, ip, now);
}
/**
 * Sign-in: address throttle, per-account lockout, password, then the second factor when the account has one. Every
 * failure looks the same from outside; the audit log knows why. An unknown email does the same work as a wrong
 * password (the same statements, keyed by the email, matching no row, and a check against a dummy hash), so the
 * time an answer takes does not tell which accounts exist.
 */
export async function signIn(credentials: SignInCredentials, meta: RequestMeta, now = new Date()): Promise<SignInResult> {
  if (await isSignInThrottled(meta.ip ?? null)) return { status: "throttled" };
  const email = credentials.email;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, role: true, isActive: true, totpEnabledAt: true } });
  const attempt = await reserveAttempt({ email }, now);
  // Past the limit (parallel attempts), locked or unknown: no real password is checked, the dummy check keeps the work alike.
  const checkable = user !== null && attempt !== null && attempt <= LOCKOUT.attempts;
  const stored = await prisma.user.findUnique({ where: { email }, select: { passwordHash: true } });
  const passwordOk = await verifyPassword(checkable ? (stored?.passwordHash ?? null) : null, credentials.password);

  if (!user || !passwordOk || !user.isActive) {
    const reason: FailureReason = !user ? "unknown_email" : attempt === null || !checkable ? "locked" : !passwordOk ? "wrong_password" : "deactivated";
    await signInFailed(credentials.email, user, attempt, reason, meta, now);
    return { status: "invalid" };
  }

  let method = "password";
  if (user.totpEnabledAt) {
    if (!credentials.code) {
      await releaseAttempt(user.id);
      return { status: "two_factor_required" };
    }
    const factor = await spendSecondFactor(user.id, credentials.code, now);
    if (!factor) {
      await signInFailed(credentials.email, user, attempt, "two_factor", meta, now);
      return { status: "two_factor_invalid" };
    }
    method = `password+${factor}`;
  }

  const sessionId = await prisma.$transaction(async (tx) => {
    // A parallel failure may have locked the account meanwhile; then this success does not count either.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, isActive: true, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      data: { failedLoginCount: 0, lastLoginAt: now },
    });
    if (count === 0) return null;
    const session = await tx.session.create({
      data: {
        userId: user.id,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
        ip: meta.ip?.slice(0, 64) ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      },
      select: { id: true },
    });
    await recordAudit({ actor: user, action: "auth.sign_in", target: userTarget(user), ip: meta.ip ?? null, details: { method } }, tx);
    return session.id;
  });
  if (!sessionId) return { status: "invalid" };
  return { status: "success", user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionId } };
}

/** Password-only sign-in for accounts without a second factor: the session, or null. */
export async function signInWithPassword(email: string, password: string, meta: RequestMeta, now = new Date()): Promise<SignedInUser | null> {
  const result = await signIn({ email, password }, meta, now);
  return result.status === "success" ? result.user : null;
}

/** Ends a session; its cookie is refused from the next request on. Logged as a sign-out when it was still open. */
export async function revokeSession(sessionId: string, now = new Date()) {
  const session = await prisma.session.findUnique({ where: { id: sessionId }, select: { revokedAt: true, user: { select: { id: true, name: true, email: true } } } });
  if (!session || session.revokedAt) return;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
    if (count) await recordAudit({ actor: session.user, action: "auth.sign_out", target: userTarget(session.user) }, tx);
  });
}

/** Signs out one of one's own other sessions (a session id of someone else is simply not found). */
export async function revokeOwnSession(actor: Acting, sessionId: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, userId: actor.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", "That session has already ended.");
    await recordAudit({ actor, action: "session.revoke", target: userTarget(actor), details: { sessions: 1 } }, tx);
  });
}

async function revokeSessionsOf(tx: DbTransaction, userId: string, exceptSessionId: string | null, now: Date): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/** "Sign out everywhere else": every session of this person except the current one. */
export async function revokeOtherSessions(actor: Acting & { sessionId: string }, now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const count = await revokeSessionsOf(tx, actor.id, actor.sessionId, now);
    await recordAudit({ actor, action: "session.revoke", target: userTarget(actor), details: { sessions: count, scope: "others" } }, tx);
    return count;
  });
}

function assertCanManage(actor: Actor) {
  if (!canManageUsers(actor)) throw new AppError("FORBIDDEN", "Only admins can manage people.");
}

async function findManagedUser(tx: DbTransaction, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, isActive: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "This person no longer has an account.");
  return user;
}

/** Runs a change, then refuses it (rolling back) when no active admin with a password would remain. */
async function keepingAnActiveAdmin<T>(work: (tx: DbTransaction) => Promise<T>, message: string): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: ADMIN_GUARD_KEY }, create: { key: ADMIN_GUARD_KEY, value: "" }, update: { value: new Date().toISOString() } });
    const result = await work(tx);
    const admins = await tx.user.count({ where: { role: "ADMIN", isActive: true, passwordHash: { not: null } } });
    if (admins === 0) throw new AppError("CONFLICT", message);
    return result;
  });
}

function linkFor(path: string, token: string): string {
  return `${site.url}/${path}/${token}`;
}

// Mail goes out after the transaction and never delays or fails the admin's action; the error is logged without
// the message (which holds the link).
function deliver(mail: { to: string; subject: string; text: string }, what: string): Promise<boolean> {
  if (!isMailConfigured()) return Promise.resolve(false);
  return sendMail(mail).then(
    () => true,
    (error: unknown) => {
      console.error(`[mail] sending the ${what} failed:`, error instanceof Error ? error.message : "unknown error");
      return false;
    },
  );
}

async function issueToken(tx: DbTransaction, actor: Actor | null, userId: string, kind: "INVITE" | "RESET", now: Date) {
  // A new link replaces any earlier unused link of the same kind.
  await tx.userToken.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: now } });
  const { token, tokenHash } = newToken();
  const lifetimeMs = kind === "INVITE" ? INVITATION_DAYS * 86_400_000 : RESET_MINUTES * 60_000;
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await tx.userToken.create({ data: { userId, kind, tokenHash, expiresAt, createdById: actor?.id ?? null } });
  return { token, expiresAt };
}

export type IssuedLink = { link: string; expiresAt: Date; emailed: boolean };

/** Invites a person: an account without a password and a 7-day one-time link (emailed when SMTP is configured). */
export async function inviteUser(actor: Acting, input: { name: string; email: string; role: Role }, now = new Date()): Promise<IssuedLink & { userId: string }> {
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
export async function reissueInvitation(actor: Acting, userId: string, now = new Date()): Promise<IssuedLink> {
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

/** A one-hour password-reset link for a person, issued by an admin (who passes it on, or it is emailed). */
export async function issuePasswordReset(actor: Acting, userId: string, now = new Date()): Promise<IssuedLink> {
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
export async function requestPasswordReset(email: string, meta: RequestMeta, now = new Date()): Promise<void> {
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

/** Spends a one-time link: marks it used and returns its person, or explains why it cannot be used. */
async function spendToken(tx: DbTransaction, token: string, kind: "INVITE" | "RESET", now: Date) {
  const tokenHash = hashToken(token);
  // The conditional update is the single-use guarantee: of two parallel submissions only one matches.
  const { count } = await tx.userToken.updateMany({ where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  const row = await tx.userToken.findUnique({
    where: { tokenHash },
    select: { kind: true, usedAt: true, expiresAt: true, user: { select: { id: true, name: true, email: true, isActive: true, passwordHash: true } } },
  });
  if (count === 0 || !row || row.kind !== kind || !row.user.isActive) {
    const reason = !row || row.kind !== kind || !row.user.isActive ? "This link is not valid." : row.expiresAt <= now ? "This link has expired." : "This link has already been used.";
    throw new AppError("INVALID_INPUT", `${reason} Ask an admin for a new one.`);
  }
  return row.user;
}

/** Accepting an invitation: the person chooses a password; the link is spent. They sign in next. */
export async function acceptInvitation(token: string, password: string, meta: RequestMeta = {}, now = new Date()): Promise<{ email: string }> {
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

/** Choosing a new password from a reset link: every session of the account ends and any lock is lifted. */
export async function resetPasswordWithToken(token: string, password: string, meta: RequestMeta = {}, now = new Date()): Promise<{ email: string }> {
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

/** Changes a person's role. The last active admin keeps theirs. Takes effect on their next request. */
export async function changeUserRole(actor: Acting, userId: string, role: Role): Promise<void> {
  assertCanManage(actor);
  await keepingAnActiveAdmin(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (user.role === role) return;
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit({ actor, action: "user.role_change", target: userTarget(user), details: { from: user.role, to: role } }, tx);
  }, "This is the last active admin. Make someone else an admin first.");
}

/** Deactivates (ending every session at once) or reactivates an account. Nobody deactivates themselves or the last admin. */
export async function setUserActive(actor: Acting, userId: string, active: boolean, now = new Date()): Promise<void> {
  assertCanManage(actor);
  if (!active && userId === actor.id) throw new AppError("FORBIDDEN", "You cannot deactivate your own account.");
  await keepingAnActiveAdmin(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (user.isActive === active) return;
    await tx.user.update({ where: { id: user.id }, data: active ? { isActive: true, failedLoginCount: 0, lockedUntil: null } : { isActive: false } });
    const sessionsEnded = active ? 0 : await revokeSessionsOf(tx, user.id, null, now);
    await recordAudit({ actor, action: active ? "user.reactivate" : "user.deactivate", target: userTarget(user), details: active ? undefined : { sessionsEnded } }, tx);
  }, "This is the last active admin. Make someone else an admin first.");
}

/** Lifts a sign-in lock and clears the failure count. */
export async function unlockUser(actor: Acting, userId: string): Promise<void> {
  assertCanManage(actor);
  await prisma.$transaction(async (tx) => {
    const user = await findManagedUser(tx, userId);
    await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedLoginCount: 0 } });
    await recordAudit({ actor, action: "user.unlock", target: userTarget(user) }, tx);
  });
}

/** Turns off someone's two-factor sign-in (a lost phone and lost recovery codes); they can set it up again. */
export async function resetUserTwoFactor(actor: Acting, userId: string): Promise<void> {
  assertCanManage(actor);
  await prisma.$transaction(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (!user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already off for this person.");
    await clearTwoFactor(tx, actor, user);
  });
}

/** Deletes an account; its posts stay, moved to the owner the admin chose. Nobody deletes themselves or the last admin. */
export async function deleteUser(actor: Acting, userId: string, newOwnerId: string): Promise<{ postsMoved: number }> {
  assertCanManage(actor);
  if (userId === actor.id) throw new AppError("FORBIDDEN", "You cannot delete your own account.");
  if (newOwnerId === userId) throw new AppError("INVALID_INPUT", "Choose someone else to keep the posts.", { field: "newOwnerId" });
  return keepingAnActiveAdmin(async (tx) => {
    const user = await findManagedUser(tx, userId);
    const owner = await tx.user.findUnique({ where: { id: newOwnerId }, select: { id: true, name: true, email: true } });
    if (!owner) throw new AppError("INVALID_INPUT", "The person chosen to keep the posts no longer exists.", { field: "newOwnerId" });
    const { count } = await tx.post.updateMany({ where: { authorId: user.id }, data: { authorId: owner.id } });
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit({ actor, action: "user.delete", target: userTarget(user), details: { postsMovedTo: `${owner.name} <${owner.email}>`, posts: count } }, tx);
    return { postsMoved: count };
  }, "This is the last active admin. Make someone else an admin first.");
}

/** Changes one's own name and email; a new email needs the current password. */
export async function updateOwnProfile(actor: Acting, input: { name: string; email: string; currentPassword: string }, meta: RequestMeta = {}): Promise<void> {
  const emailChanged = input.email !== actor.email;
  if (emailChanged) await assertCurrentPassword(actor, input.currentPassword, meta.ip ?? null);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.id }, data: { name: input.name, email: input.email } });
      const details = { ...(input.name !== actor.name ? { name: true } : {}), ...(emailChanged ? { emailFrom: actor.email, emailTo: input.email } : {}) };
      if (Object.keys(details).length) await recordAudit({ actor: { ...actor, name: input.name }, action: "user.profile_change", target: userTarget({ ...actor, ...input }), ip: meta.ip ?? null, details }, tx);
    });
  } catch (error) {
    throw emailTaken(error) ?? error;
  }
}

/** Changes one's own password after the current one; every other session of the account ends. */
export async function changeOwnPassword(actor: Acting & { sessionId: string }, input: { currentPassword: string; newPassword: string }, meta: RequestMeta = {}, now = new Date()): Promise<number> {
  assertAcceptablePassword(input.newPassword, actor, "newPassword");
  await assertCurrentPassword(actor, input.currentPassword, meta.ip ?? null);
  const passwordHash = await hashPassword(input.newPassword);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: now } });
    const sessionsEnded = await revokeSessionsOf(tx, actor.id, actor.sessionId, now);
    await recordAudit({ actor, action: "user.password_change", target: userTarget(actor), ip: meta.ip ?? null, details: { sessionsEnded } }, tx);
    return sessionsEnded;
  });
}
