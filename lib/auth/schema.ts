// The credentials a person signs in with: shared by the sign-in form, next-auth's authorize and the account forms.
import { z } from "zod";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "The email address is too long.")
  .pipe(z.email("Enter a valid email address, such as name@example.com."));

// Sign-in also carries the second-factor code (six digits or a recovery code) once the password was accepted.
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_MAX * 4),
  code: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value?.trim() || undefined),
});
export type SignInCredentials = { email: string; password: string; code?: string };
