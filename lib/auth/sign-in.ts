import "server-only";
// Signing in with a password and, when the account has one, a second factor; next-auth's authorize calls it.
import { prisma } from "@/lib/db";
import { recordAudit, userTarget, type AuditPerson } from "@/lib/audit/mutations";
import type { RequestMeta } from "@/lib/http/request-context";
import { metrics } from "@/lib/observability/metrics";
import { verifyPassword } from "./password";
import { isSignInThrottled, lockIfOverLimit, LOCKOUT, recordSignInFailureFromAddress, releaseAttempt, reserveAttempt } from "./lockout";
import { emailSchema, type SignInCredentials } from "./schema";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { spendSecondFactor } from "./two-factor";

type SignedInUser = { id: string; name: string; email: string; role: string; sessionId: string };
export type SignInResult = { status: "success"; user: SignedInUser } | { status: "invalid" | "throttled" | "two_factor_required" | "two_factor_invalid" };

type FailureReason = "unknown_email" | "wrong_password" | "locked" | "deactivated" | "two_factor";

async function signInFailed(email: string, user: AuditPerson | null, attempt: number | null, reason: FailureReason, meta: Partial<RequestMeta>, now: Date) {
  const ip = meta.ip ?? null;
  // An unknown address is logged only when it looks like one: people sometimes type a password into the email field.
  const target = user ? userTarget(user) : { type: "user", label: emailSchema.safeParse(email).success ? email : "(not an email address)" };
  await recordAudit({ actor: null, action: "auth.sign_in_failed", target, ip, details: { reason } });
  metrics().signInFailures.inc({ reason });
  await recordSignInFailureFromAddress(ip);
  if (user && attempt !== null) await lockIfOverLimit(user, attempt, ip, now);
}

/**
 * Sign-in: address throttle, per-account lockout, password, then the second factor when the account has one. Every
 * failure looks the same from outside; the audit log knows why. An unknown email does the same work as a wrong
 * password (the same statements, keyed by the email, matching no row, and a check against a dummy hash), so the
 * time an answer takes does not tell which accounts exist.
 */
export async function signIn(credentials: SignInCredentials, meta: Partial<RequestMeta>, now = new Date()): Promise<SignInResult> {
  if (await isSignInThrottled(meta.ip ?? null)) {
    metrics().signInFailures.inc({ reason: "throttled" });
    return { status: "throttled" };
  }
  const email = credentials.email;
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, isActive: true, totpEnabledAt: true },
  });
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
