import { z } from "zod";
import type { ActionState } from "@/lib/action-state";

// Secret preview links (/preview/<token>) for posts readers cannot see yet. Client-safe: no database here.

/** Where a preview link opens: the token is the only secret in it. */
export const PREVIEW_PATH_PREFIX = "/preview";

/** How long a new link lasts, in days; the form offers these and 7 is the default. */
export const PREVIEW_DURATION_CHOICES = ["1", "3", "7", "14", "30"] as const;
export const DEFAULT_PREVIEW_DAYS = "7";

/** Live links one post may have at a time, so a loop cannot fill the table. */
export const MAX_ACTIVE_PREVIEW_LINKS = 20;

/** A token as newToken (lib/auth/tokens.ts) makes it: 32 random bytes in base64url. Anything else is never looked up. */
export const PREVIEW_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedPreviewToken(token: string): boolean {
  return PREVIEW_TOKEN_PATTERN.test(token);
}

export function previewPath(token: string): string {
  return `${PREVIEW_PATH_PREFIX}/${token}`;
}

export const createPreviewLinkSchema = z.object({
  postId: z.string().min(1).max(64),
  days: z.enum(PREVIEW_DURATION_CHOICES, "Choose how long the link lasts.").transform(Number),
});

export const revokePreviewLinkSchema = z.object({ linkId: z.string().min(1).max(64) });

/** The create form's state: the link, shown once (only its hash is stored). */
export type PreviewLinkState = ActionState<{ days: string }> & { issued?: { href: string; expiresAt: string } };

/** A live link as the edit page lists it (never the token: it is not kept). */
export type PreviewLinkRow = { id: string; createdAt: string; expiresAt: string; createdBy: string | null };
