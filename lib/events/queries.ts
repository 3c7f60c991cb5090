import "server-only";
import { prisma } from "@/lib/db";

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
