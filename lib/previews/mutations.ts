import "server-only";
// Secret preview links: made and revoked by whoever may edit the post, each step in the audit log. Only the SHA-256 of
// a link's token is stored, so the link is returned once, to be shown once; a lost link is revoked and made anew.
import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { canSharePreview, type NamedActor } from "@/lib/auth/permissions";
import { newToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { isPubliclyVisible, notTrashedWhere } from "@/lib/posts/visibility";
import { MAX_ACTIVE_PREVIEW_LINKS, previewPath } from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;

// One message for a post that is missing, trashed or not this person's to share, so a refusal reveals nothing.
const notYours = () => new AppError("FORBIDDEN", "You cannot share a preview of this post.");

/** Makes a preview link for a post readers cannot see yet, lasting `days`; returns its path (with the token) once. */
export async function createPreviewLink(
  actor: NamedActor,
  postId: string,
  days: number,
  now = new Date(),
): Promise<{ id: string; path: string; expiresAt: Date }> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const link = await prisma.$transaction(async (tx) => {
    const post = await tx.post.findFirst({
      where: { id: postId, ...notTrashedWhere },
      select: { id: true, title: true, authorId: true, status: true, publishedAt: true },
    });
    if (!post || !canSharePreview(actor, post)) throw notYours();
    if (isPubliclyVisible(post, now)) throw new AppError("CONFLICT", "This post is public already: share its own address instead.");
    const active = await tx.previewLink.count({ where: { postId, revokedAt: null, expiresAt: { gt: now } } });
    if (active >= MAX_ACTIVE_PREVIEW_LINKS)
      throw new AppError("CONFLICT", `This post has ${MAX_ACTIVE_PREVIEW_LINKS} live preview links, the most allowed. Revoke one first.`);
    const created = await tx.previewLink.create({ data: { postId, tokenHash, createdById: actor.id, createdAt: now, expiresAt }, select: { id: true } });
    await recordAudit(
      {
        actor,
        action: "post.preview_link_create",
        target: { type: "post", id: post.id, label: post.title },
        details: { linkId: created.id, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return created;
  });
  return { id: link.id, path: previewPath(token), expiresAt };
}

/** Revokes a live preview link at once; returns the post's id (for its edit page to refresh). */
export async function revokePreviewLink(actor: NamedActor, linkId: string, now = new Date()): Promise<{ postId: string }> {
  return prisma.$transaction(async (tx) => {
    const link = await tx.previewLink.findUnique({
      where: { id: linkId },
      select: { id: true, post: { select: { id: true, title: true, authorId: true, status: true } } },
    });
    if (!link || !canSharePreview(actor, link.post)) throw new AppError("NOT_FOUND", "That preview link no longer exists.");
    const { count } = await tx.previewLink.updateMany({ where: { id: link.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", "That preview link was already revoked.");
    await recordAudit(
      { actor, action: "post.preview_link_revoke", target: { type: "post", id: link.post.id, label: link.post.title }, details: { linkId: link.id } },
      tx,
    );
    return { postId: link.post.id };
  });
}
