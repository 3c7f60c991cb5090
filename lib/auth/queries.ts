import "server-only";
import { prisma } from "@/lib/db";
import { openTotpSecret, qrCodeDataUrl, totpUri } from "./totp";
import type { Role } from "./permissions";

export const TWO_FACTOR_POLICY_KEY = "security.requireTwoFactorRoles";

/** The roles that must use two-factor sign-in (none, or admins and editors). */
export async function twoFactorRequiredRoles(): Promise<Role[]> {
  const setting = await prisma.setting.findUnique({ where: { key: TWO_FACTOR_POLICY_KEY }, select: { value: true } });
  return (setting?.value.split(",").filter(Boolean) ?? []) as Role[];
}

/** Whether this person must set up two-factor before doing anything else in the admin area. */
export async function mustEnrolTwoFactor(user: { role: string; twoFactorEnabled: boolean }): Promise<boolean> {
  if (user.twoFactorEnabled || user.role === "CONTRIBUTOR") return false;
  return (await twoFactorRequiredRoles()).includes(user.role as Role);
}

export type TwoFactorStatus =
  | { state: "off" }
  | { state: "pending"; qrCode: string; secret: string }
  | { state: "on"; enabledAt: Date; recoveryCodesLeft: number };

/** One's own two-factor state; while set-up is pending, the QR code and the secret to type by hand. */
export async function getTwoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, totpSecret: true, totpEnabledAt: true } });
  if (user?.totpEnabledAt) {
    const recoveryCodesLeft = await prisma.recoveryCode.count({ where: { userId, usedAt: null } });
    return { state: "on", enabledAt: user.totpEnabledAt, recoveryCodesLeft };
  }
  const secret = openTotpSecret(user?.totpSecret ?? null);
  if (!user || !secret) return { state: "off" };
  return { state: "pending", qrCode: await qrCodeDataUrl(totpUri(secret, user.email)), secret };
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
