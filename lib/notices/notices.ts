import "server-only";
// Notices: what happened to a person's post while they were away (an editor published or returned it), kept until
// they mark them read. Only their owner reads or marks them.
import { prisma, type DbTransaction } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";

export const NOTICE_KINDS = ["PUBLISHED", "SCHEDULED", "RETURNED", "WEBHOOK_DISABLED"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How many notices the list shows; older read ones drop off it. */
const NOTICE_LIST_SIZE = 50;

/** A notice for `userId`, in the caller's transaction (`postTitle` names what it is about: a webhook's URL has no post). */
export async function createNotice(
  tx: DbTransaction,
  notice: { userId: string; postId: string | null; kind: NoticeKind; actorLabel: string; postTitle: string },
) {
  await tx.notice.create({ data: { ...notice, postTitle: notice.postTitle.slice(0, 300) } });
}

/** This person's notices, unread first, newest first within each. */
export async function listNotices(actor: Actor) {
  return prisma.notice.findMany({
    where: { userId: actor.id },
    orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: NOTICE_LIST_SIZE,
    select: { id: true, postId: true, kind: true, actorLabel: true, postTitle: true, createdAt: true, readAt: true },
  });
}

export async function countUnreadNotices(actor: Actor): Promise<number> {
  return prisma.notice.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks one of this person's notices read, or all of them when `noticeId` is left out; another person's stay as they are. */
export async function markNoticesRead(actor: Actor, noticeId?: string, now = new Date()): Promise<number> {
  const { count } = await prisma.notice.updateMany({ where: { userId: actor.id, readAt: null, ...(noticeId ? { id: noticeId } : {}) }, data: { readAt: now } });
  return count;
}
