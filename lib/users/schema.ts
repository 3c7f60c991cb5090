import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { emailSchema, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/schema";

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const nameSchema = z.string().trim().min(1, "Enter a name.").max(100, "The name can be at most 100 characters.");

export const setupSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type SetupValues = { name: string; email: string; password: string };

export const roleSchema = z.enum(ROLES);

const USER_STATUSES = ["active", "invited", "deactivated", "locked"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const idSchema = z.string().trim().min(1).max(64);
const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === "all" ? undefined : value), schema.optional()).catch(undefined);

export const userListQuerySchema = z.object({
  role: optionalFilter(roleSchema),
  status: optionalFilter(z.enum(USER_STATUSES)),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const inviteSchema = z.object({ name: nameSchema, email: emailSchema, role: roleSchema });
export type InviteValues = { name: string; email: string; role: string };

/** A form that hands out a one-time link: the link to copy, and whether it was also emailed. */
export type IssuedLinkState<V extends Record<string, unknown> = Record<string, string>> = ActionState<V> & {
  issued?: { link: string; expiresAt: string; emailed: boolean };
};

export const userIdSchema = z.object({ userId: idSchema });
export const roleChangeSchema = z.object({ userId: idSchema, role: roleSchema });
export const deleteUserSchema = z.object({ userId: idSchema, newOwnerId: idSchema });

export const profileSchema = z.object({ name: nameSchema, email: emailSchema, currentPassword: z.string().max(PASSWORD_MAX * 4) });
export type ProfileValues = { name: string; email: string; currentPassword: string };

export const passwordChangeSchema = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password.")
    .max(PASSWORD_MAX * 4),
  newPassword: passwordSchema,
});
export type PasswordChangeValues = { currentPassword: string; newPassword: string };

/** A one-time link's token: 43 URL-safe characters (32 random bytes). */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
export const choosePasswordSchema = z.object({ token: tokenSchema, password: passwordSchema });
export type ChoosePasswordValues = { password: string };

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordValues = { email: string };

export const sessionIdSchema = z.object({ sessionId: idSchema });
export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the six-digit code from your app."),
});
export const confirmPasswordSchema = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password.")
    .max(PASSWORD_MAX * 4),
});
export const twoFactorPolicySchema = z.object({ required: z.enum(["on", "off"]) });

/** Two-factor forms that end by showing new recovery codes once. */
export type RecoveryCodesState = ActionState<{ code: string; currentPassword: string }> & { recoveryCodes?: string[] };
