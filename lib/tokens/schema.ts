import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { TOKEN_SCOPES, isTokenScope, type TokenScope } from "@/lib/auth/permissions";
import { characterProblem } from "@/lib/posts/rules";

/** Every secret starts with this, so secret scanners (and people) recognise a Linkpress token. */
export const TOKEN_PREFIX = "lp_";
/** The shape of a secret: the prefix and 32 random bytes in base64url. */
export const TOKEN_PATTERN = /^lp_[A-Za-z0-9_-]{43}$/;
export const TOKEN_NAME_MAX = 100;
/** Active (not revoked, not expired) tokens one person may hold. */
export const MAX_ACTIVE_TOKENS = 50;
export const TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "none"] as const;
export type TokenExpiryChoice = (typeof TOKEN_EXPIRY_CHOICES)[number];

export const SCOPE_LABELS: Record<TokenScope, string> = {
  "posts:read": "Read posts, drafts included (those you may see)",
  "posts:write": "Create and edit posts (as drafts unless your role may publish)",
  "posts:publish": "Publish, schedule and unpublish (editors and admins only)",
  "taxonomy:write": "Rename, merge and delete tags and sources (editors and admins only)",
  "webhooks:write": "List, add, change and delete webhooks (admins only)",
};

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name, such as the app or script that will use it.")
  .max(TOKEN_NAME_MAX, `The name can be at most ${TOKEN_NAME_MAX} characters.`)
  .superRefine((value, context) => {
    const problem = characterProblem(value, "line");
    if (problem) context.addIssue({ code: "custom", message: `The name ${problem}.` });
  });

export const tokenScopesSchema = z
  .array(z.string())
  .max(TOKEN_SCOPES.length * 2)
  .transform((scopes, context) => {
    const unknown = scopes.filter((scope) => !isTokenScope(scope));
    if (unknown.length) context.addIssue({ code: "custom", message: `Unknown scope: ${unknown.join(", ")}. Choose from ${TOKEN_SCOPES.join(", ")}.` });
    return TOKEN_SCOPES.filter((scope) => scopes.includes(scope));
  })
  .refine((scopes) => scopes.length > 0, "Choose at least one scope.");

export const tokenCreateSchema = z.object({ name: tokenNameSchema, scopes: tokenScopesSchema, days: z.enum(TOKEN_EXPIRY_CHOICES, "Choose when it expires.") });
export type TokenCreateInput = { name: string; scopes: TokenScope[]; days: number | null };
export type TokenCreateValues = { name: string; scopes: string[]; days: string };

/** The command line's arguments: any whole number of days from 1 to 3650, or none. */
export const tokenCommandSchema = z.object({
  email: z.string().trim().min(1, "Give the owner's email with --email."),
  name: tokenNameSchema,
  scopes: z
    .string("Give the scopes with --scopes, such as posts:read,posts:write.")
    .transform((list) =>
      list
        .split(",")
        .map((scope) => scope.trim())
        .filter(Boolean),
    )
    .pipe(tokenScopesSchema),
  days: z.coerce
    .number("Give --days as a whole number of days.")
    .int("Give --days as a whole number of days.")
    .min(1, "Give --days as at least 1.")
    .max(3650, "Give --days as at most 3650 (ten years), or leave it out for a token that never expires.")
    .nullable(),
});

export const tokenIdSchema = z.object({ tokenId: z.string().trim().min(1).max(64) });

/** The create form's state: on success, the secret to copy, shown this once. */
export type IssuedTokenState = ActionState<TokenCreateValues> & { issued?: { name: string; secret: string; expiresAt: string | null } };

/** Splits a stored comma list into known scopes (anything else is dropped). */
export function parseScopes(stored: string): TokenScope[] {
  const listed = stored.split(",");
  return TOKEN_SCOPES.filter((scope) => listed.includes(scope));
}

/** Days from the form's choice: a number, or null for never. */
export function expiryDays(choice: TokenExpiryChoice): number | null {
  return choice === "none" ? null : Number(choice);
}
