import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "The email address is too long.")
  .pipe(z.email("Enter a valid email address, such as name@example.com."));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const nameSchema = z.string().trim().min(1, "Enter a name.").max(100, "The name can be at most 100 characters.");

export const setupSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type SetupValues = { name: string; email: string; password: string };

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_MAX * 4),
});

export const roleSchema = z.enum(ROLES);
