import "server-only";
import { prisma } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { withRenderedText } from "@/lib/markdown/render";
import { publicPostSelect, toPublicPost, type PublicPost } from "@/lib/posts/queries";
import { isPubliclyVisible } from "@/lib/posts/visibility";
import { isWellFormedPreviewToken, type PreviewLinkRow } from "./schema";

/** What a live preview link leads to: the post as its page will show it, or, once readers can see it, its address. */
export type PreviewTarget =
  { kind: "preview"; post: PublicPost & { tldrHtml: string; summaryHtml: string; commentaryHtml: string } } | { kind: "public"; slug: string };

/**
 * The post behind a preview token, or null when the token is malformed, unknown, revoked or expired, or the post is in
 * the trash: every one of these answers the same, so the link tells nobody which.
 */
export async function findPreviewByToken(token: string, now = new Date()): Promise<PreviewTarget | null> {
  if (!isWellFormedPreviewToken(token)) return null;
  const link = await prisma.previewLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, revokedAt: true, post: { select: { ...publicPostSelect, status: true, deletedAt: true } } },
  });
  if (!link || link.revokedAt || link.expiresAt <= now || link.post.deletedAt) return null;
  const { post } = link;
  if (isPubliclyVisible(post, now)) return { kind: "public", slug: post.slug };
  // A draft has no date yet: it shows the day it would get if published now.
  return { kind: "preview", post: withRenderedText({ ...toPublicPost(post), publishedAt: post.publishedAt ?? now }) };
}

/** A post's live preview links (not revoked, not expired), newest first, for its edit page. Never the token's hash. */
export async function listActivePreviewLinks(postId: string, now = new Date()): Promise<PreviewLinkRow[]> {
  const links = await prisma.previewLink.findMany({
    where: { postId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return links.map((link) => ({
    id: link.id,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    createdBy: link.createdBy?.name ?? null,
  }));
}
