import "server-only";
import { prisma, type DbTransaction } from "@/lib/db";
import type { PostBeforeEvent } from "./schema";

/** What an event's handler checks before it fans out: whether the post is still as the event says. */
export async function getPostForEvent(postId: string) {
  return prisma.post.findUnique({ where: { id: postId }, select: { id: true, title: true, status: true, publishedAt: true, deletedAt: true } });
}

/** Whether the audit log already says this post was published on schedule at that time (a job run again after a crash). */
export async function hasScheduledPublicationEntry(postId: string, scheduledFor: string): Promise<boolean> {
  const entry = await prisma.auditLog.findFirst({
    where: { action: "post.publish_on_schedule", targetId: postId, details: { contains: scheduledFor } },
    select: { id: true },
  });
  return entry !== null;
}

/** A post's article and feeds as they are now, read in a saving transaction before it changes them (an event's `before`). */
export async function getPostBeforeChange(tx: DbTransaction, postId: string): Promise<PostBeforeEvent | undefined> {
  const post = await tx.post.findUnique({
    where: { id: postId },
    select: { externalUrl: true, source: { select: { slug: true } }, tags: { orderBy: { position: "asc" }, select: { tag: { select: { slug: true } } } } },
  });
  return post ? { externalUrl: post.externalUrl, tagSlugs: post.tags.map(({ tag }) => tag.slug), sourceSlug: post.source?.slug ?? null } : undefined;
}
