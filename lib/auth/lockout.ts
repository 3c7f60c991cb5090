import "server-only";
// Limits on guessing: the per-account lockout, the per-address throttle, and the current-password check that counts
// like a sign-in.
import { prisma } from "@/lib/db";
import { recordAudit, userTarget, type AuditPerson } from "@/lib/audit/mutations";
import { AppError } from "@/lib/errors";
import { sharedLimiter } from "@/lib/rate-limit/shared";
import { verifyPassword } from "./password";
import { hashToken } from "./tokens";

// Per account (Payload's numbers, 15 minutes as the issue asks): the 5th failure in a row locks sign-in for 15 minutes.
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;
// Per address, across accounts: 20 failures in 15 minutes pause sign-in from that address until the window ends.
export const IP_THROTTLE = { failures: 20, windowSeconds: 15 * 60 } as const;
// Self-service password-reset requests: per address and per email, per hour.
const RESET_REQUESTS = { perAddress: 10, perEmail: 3, windowSeconds: 60 * 60 } as const;

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
export async function lockIfOverLimit(user: AuditPerson, attempt: number, ip: string | null, now = new Date()): Promise<void> {
  if (attempt < LOCKOUT.attempts) return;
  const lockedUntil = new Date(now.getTime() + LOCKOUT.minutes * 60_000);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: user.id, ...notLocked(now) }, data: { lockedUntil, failedLoginCount: 0 } });
    if (count === 1)
      await recordAudit(
        { actor: null, action: "auth.lockout", target: userTarget(user), ip, details: { minutes: LOCKOUT.minutes, after: LOCKOUT.attempts } },
        tx,
      );
  });
}

/**
 * For account changes that need the current password: refuses a wrong one (counting it like a failed sign-in, so a
 * stolen session cannot guess the password without locking the account) and a locked account.
 */
export async function assertCurrentPassword(user: AuditPerson, password: string, ip: string | null): Promise<void> {
  const attempt = await reserveAttempt({ id: user.id });
  const stored = attempt === null ? null : await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  const valid = await verifyPassword(stored?.passwordHash ?? null, password);
  if (attempt === null) throw new AppError("RATE_LIMITED", `Too many wrong passwords. Try again in ${LOCKOUT.minutes} minutes.`, { field: "currentPassword" });
  if (valid) return releaseAttempt(user.id);
  await lockIfOverLimit(user, attempt, ip);
  throw new AppError("INVALID_INPUT", "Your current password is not correct.", { field: "currentPassword" });
}

// Counters live in the database (RateLimiterFlexible), so every app instance shares them.
const signInLimiter = sharedLimiter({ keyPrefix: "sign-in-ip", points: IP_THROTTLE.failures, duration: IP_THROTTLE.windowSeconds });
const resetLimiter = sharedLimiter({ keyPrefix: "reset-request", points: RESET_REQUESTS.perAddress, duration: RESET_REQUESTS.windowSeconds });
const limiter = (kind: "sign-in" | "reset") => (kind === "sign-in" ? signInLimiter() : resetLimiter());

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
    await recordAudit({
      actor: null,
      action: "auth.address_throttled",
      ip,
      details: { failures: IP_THROTTLE.failures, minutes: IP_THROTTLE.windowSeconds / 60 },
    });
}

/** Counts a self-service reset request; false once the address or the email asked too often this hour. */
export async function allowResetRequest(ip: string | null, email: string): Promise<boolean> {
  const [byAddress, byEmail] = await Promise.all([
    limiter("reset").penalty(`ip:${addressKey(ip)}`, 1),
    limiter("reset").penalty(`email:${hashToken(email)}`, 1),
  ]);
  return byAddress.consumedPoints <= RESET_REQUESTS.perAddress && byEmail.consumedPoints <= RESET_REQUESTS.perEmail;
}
