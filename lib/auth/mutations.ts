import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { prisma, type DbTransaction } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/mutations";
import { AppError } from "@/lib/errors";
import { canManageSettings, type Actor } from "./permissions";
import { verifyPassword } from "./password";
import { hashToken } from "./tokens";
import { matchTotp, newRecoveryCodes, newTotpSecret, openTotpSecret, recoveryCodeHash, sealTotpSecret } from "./totp";
import { TWO_FACTOR_POLICY_KEY } from "./queries";

// Per account (Payload's numbers, 15 minutes as the issue asks): the 5th failure in a row locks sign-in for 15 minutes.
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;
// Per address, across accounts: 20 failures in 15 minutes pause sign-in from that address until the window ends.
export const IP_THROTTLE = { failures: 20, windowSeconds: 15 * 60 } as const;
// Self-service password-reset requests: per address and per email, per hour.
const RESET_REQUESTS = { perAddress: 10, perEmail: 3, windowSeconds: 60 * 60 } as const;

export type AuditTarget = { id: string; name: string; email: string };
export const userTarget = (user: AuditTarget) => ({ type: "user", id: user.id, label: `${user.name} <${user.email}>` });

const notLocked = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });

/**
 * Counts an attempt against the account before the password is checked, with one atomic increment that only an
 * unlocked account accepts. Returns the attempt's number, or null when the account is locked or (by email) does not
 * exist. Parallel attempts each get their own number, so at most LOCKOUT.attempts passwords are ever checked before
 * the lock. Sign-in reserves by the normalised email whether or not an account has it, so an unknown email runs the
 * very same statements as a real one and its timing tells nothing.
 */
export async function reserveAttempt(account: { id: string } | { email: string }, now = new Date()): Promise<number | null> {
  const { count } = await prisma.user.updateMany({ where: { ...account, ...notLocked(now) }, data: { failedLoginCount: { increment: 1 } } });
  const state = await prisma.user.findUnique({ where: account, select: { failedLoginCount: true, lockedUntil: true } });
  if (count === 0) return null;
  // A parallel attempt may have locked the account (and reset the count) between the two statements.
  if (!state || (state.lockedUntil && state.lockedUntil > now)) return null;
  return Math.max(state.failedLoginCount, 1);
}

/** Gives back a reserved attempt that turned out not to be a failure (right password, second factor still to come). */
export async function releaseAttempt(userId: string): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId, failedLoginCount: { gt: 0 } }, data: { failedLoginCount: { decrement: 1 } } });
}

/** After a failed attempt numbered `attempt`: locks the account once the limit is reached (exactly one caller wins and logs it). */
export async function lockIfOverLimit(user: AuditTarget, attempt: number, ip: string | null, now = new Date()): Promise<void> {
  if (attempt < LOCKOUT.attempts) return;
  const lockedUntil = new Date(now.getTime() + LOCKOUT.minutes * 60_000);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: user.id, ...notLocked(now) }, data: { lockedUntil, failedLoginCount: 0 } });
    if (count === 1)
      await recordAudit({ actor: null, action: "auth.lockout", target: userTarget(user), ip, details: { minutes: LOCKOUT.minutes, after: LOCKOUT.attempts } }, tx);
  });
}

/**
 * For account changes that need the current password: refuses a wrong one (counting it like a failed sign-in, so a
 * stolen session cannot guess the password without locking the account) and a locked account.
 */
export async function assertCurrentPassword(user: AuditTarget, password: string, ip: string | null): Promise<void> {
  const attempt = await reserveAttempt({ id: user.id });
  const stored = attempt === null ? null : await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  const valid = await verifyPassword(stored?.passwordHash ?? null, password);
  if (attempt === null) throw new AppError("RATE_LIMITED", `Too many wrong passwords. Try again in ${LOCKOUT.minutes} minutes.`, { field: "currentPassword" });
  if (valid) return releaseAttempt(user.id);
  await lockIfOverLimit(user, attempt, ip);
  throw new AppError("INVALID_INPUT", "Your current password is not correct.", { field: "currentPassword" });
}

let signInLimiter: RateLimiterPrisma | undefined;
let resetLimiter: RateLimiterPrisma | undefined;

// Counters live in the database (RateLimiterFlexible), so every app instance shares them.
function limiter(kind: "sign-in" | "reset") {
  if (kind === "sign-in")
    return (signInLimiter ??= new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimiterFlexible", keyPrefix: "sign-in-ip", points: IP_THROTTLE.failures, duration: IP_THROTTLE.windowSeconds }));
  return (resetLimiter ??= new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimiterFlexible", keyPrefix: "reset-request", points: RESET_REQUESTS.perAddress, duration: RESET_REQUESTS.windowSeconds }));
}

const addressKey = (ip: string | null) => ip || "unknown";

/** Whether sign-in from this address is paused after too many failures. */
export async function isSignInThrottled(ip: string | null): Promise<boolean> {
  const state = await limiter("sign-in").get(addressKey(ip));
  return (state?.consumedPoints ?? 0) >= IP_THROTTLE.failures;
}

/** Counts a failed sign-in against the address; the failure that reaches the limit is logged. */
export async function recordSignInFailureFromAddress(ip: string | null): Promise<void> {
  const state = await limiter("sign-in").penalty(addressKey(ip), 1);
  if (state.consumedPoints === IP_THROTTLE.failures)
    await recordAudit({ actor: null, action: "auth.address_throttled", ip, details: { failures: IP_THROTTLE.failures, minutes: IP_THROTTLE.windowSeconds / 60 } });
}

/** Counts a self-service reset request; false once the address or the email asked too often this hour. */
export async function allowResetRequest(ip: string | null, email: string): Promise<boolean> {
  const [byAddress, byEmail] = await Promise.all([
    limiter("reset").penalty(`ip:${addressKey(ip)}`, 1),
    limiter("reset").penalty(`email:${hashToken(email)}`, 1),
  ]);
  return byAddress.consumedPoints <= RESET_REQUESTS.perAddress && byEmail.consumedPoints <= RESET_REQUESTS.perEmail;
}

/**
 * Checks a second-factor code at sign-in: a current TOTP code not used before, or an unused recovery code, which is
 * spent. Both are single-use through conditional updates, so two parallel sign-ins cannot share one code.
 */
export async function spendSecondFactor(userId: string, code: string, now = new Date()): Promise<"totp" | "recovery_code" | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastUsedStep: true } });
  const secret = openTotpSecret(user?.totpSecret ?? null);
  const step = secret ? matchTotp(secret, code, user?.totpLastUsedStep ?? null, now) : null;
  if (step !== null) {
    const { count } = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: step } }] },
      data: { totpLastUsedStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  const codeHash = recoveryCodeHash(code);
  if (!codeHash) return null;
  const { count } = await prisma.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: now } });
  return count === 1 ? "recovery_code" : null;
}

/** Starts two-factor set-up: a new secret waits, unused, until the person confirms it with a code from their app. */
export async function startTwoFactorEnrolment(actor: Actor): Promise<void> {
  const { count } = await prisma.user.updateMany({
    where: { id: actor.id, totpEnabledAt: null },
    data: { totpSecret: sealTotpSecret(newTotpSecret()), totpLastUsedStep: null },
  });
  if (count === 0) throw new AppError("CONFLICT", "Two-factor authentication is already on for your account.");
}

async function replaceRecoveryCodes(tx: DbTransaction, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code)! })) });
  return codes;
}

/** Turns two-factor on once a code from the app matches the waiting secret; returns the ten recovery codes to show once. */
export async function confirmTwoFactorEnrolment(actor: AuditActor & Actor, code: string, now = new Date()): Promise<string[]> {
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { id: true, name: true, email: true, totpSecret: true, totpEnabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "Your account no longer exists.");
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on for your account.");
  const secret = openTotpSecret(user.totpSecret);
  if (!secret) throw new AppError("CONFLICT", "Start the set-up again: choose “Set up two-factor authentication”.");
  const step = matchTotp(secret, code, null, now);
  if (step === null)
    throw new AppError("INVALID_INPUT", "That code does not match. Check that your phone's clock is right and type the newest code.", { field: "code" });
  return prisma.$transaction(async (tx) => {
    // The secret in the WHERE clause makes sure the code was checked against the secret being enabled.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: now, totpLastUsedStep: step },
    });
    if (count === 0) throw new AppError("CONFLICT", "The set-up changed in another tab. Start it again.");
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit({ actor, action: "two_factor.enable", target: userTarget(user) }, tx);
    return codes;
  });
}

/** Turns two-factor off for the given account, removing its secret and recovery codes. */
export async function clearTwoFactor(tx: DbTransaction, actor: AuditActor, user: AuditTarget): Promise<void> {
  await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
  await recordAudit({ actor, action: "two_factor.disable", target: userTarget(user) }, tx);
}

async function ownAccount(actor: Actor) {
  const user = await prisma.user.findUnique({ where: { id: actor.id }, select: { id: true, name: true, email: true, totpEnabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "Your account no longer exists.");
  return user;
}

/** Turns off one's own two-factor sign-in, after the current password. */
export async function disableOwnTwoFactor(actor: Actor, currentPassword: string, ip: string | null): Promise<void> {
  const user = await ownAccount(actor);
  await assertCurrentPassword(user, currentPassword, ip);
  await prisma.$transaction((tx) => clearTwoFactor(tx, user, user));
}

/** Replaces one's recovery codes (the old ones stop working), after the current password. */
export async function regenerateRecoveryCodes(actor: Actor, currentPassword: string, ip: string | null): Promise<string[]> {
  const user = await ownAccount(actor);
  if (!user.totpEnabledAt) throw new AppError("CONFLICT", "Turn on two-factor authentication first.");
  await assertCurrentPassword(user, currentPassword, ip);
  return prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit({ actor: user, action: "two_factor.recovery_codes", target: userTarget(user) }, tx);
    return codes;
  });
}

/** The site-wide rule that admins and editors must use two-factor sign-in (they enrol at their next visit). */
export async function setTwoFactorRequirement(actor: AuditActor & Actor, required: boolean): Promise<void> {
  if (!canManageSettings(actor)) throw new AppError("FORBIDDEN", "Only admins can change security settings.");
  // Otherwise the admin would be sent to set-up at once, with the switch out of reach until done.
  if (required && !(await prisma.user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } }))?.totpEnabledAt)
    throw new AppError("CONFLICT", "Turn on two-factor authentication for your own account first (Your account → Two-factor authentication).");
  const value = required ? "ADMIN,EDITOR" : "";
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: TWO_FACTOR_POLICY_KEY }, create: { key: TWO_FACTOR_POLICY_KEY, value }, update: { value } });
    await recordAudit({ actor, action: "settings.two_factor_policy", target: { type: "setting", label: "Require two-factor for admins and editors" }, details: { required } }, tx);
  });
}
