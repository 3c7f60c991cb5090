import "server-only";
// Two-factor sign-in: the site-wide requirement, enrolment, the second factor at sign-in, recovery codes.
import { prisma, type DbTransaction } from "@/lib/db";
import { recordAudit, userTarget, type AuditActor, type AuditPerson } from "@/lib/audit/mutations";
import { AppError } from "@/lib/errors";
import { canManageSettings, type Actor, type Role } from "./permissions";
import { assertCurrentPassword } from "./lockout";
import { matchTotp, newRecoveryCodes, newTotpSecret, openTotpSecret, qrCodeDataUrl, recoveryCodeHash, sealTotpSecret, totpUri } from "./totp";

const TWO_FACTOR_POLICY_KEY = "security.requireTwoFactorRoles";

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
  { state: "off" } | { state: "pending"; qrCode: string; secret: string } | { state: "on"; enabledAt: Date; recoveryCodesLeft: number };

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
export async function clearTwoFactor(tx: DbTransaction, actor: AuditActor, user: AuditPerson): Promise<void> {
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
    await recordAudit(
      { actor, action: "settings.two_factor_policy", target: { type: "setting", label: "Require two-factor for admins and editors" }, details: { required } },
      tx,
    );
  });
}
