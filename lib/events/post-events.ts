// Which events a change to a post makes. Pure, so the rule is unit-tested and every writer asks the same question.
import { isPubliclyVisible } from "@/lib/posts/visibility";
import type { PostEventName } from "./schema";

type PostState = { status: string; publishedAt: Date | null; deletedAt?: Date | null };

/** An event to emit; `at` (a scheduled publication) delays it to that time. */
export type PendingPostEvent = { event: PostEventName; at?: Date };

/**
 * The events of a save from `before` (null: a new post) to `after`: readers gaining the post is "published", keeping
 * it "updated", losing it "unpublished"; a new or moved publish date in the future is "scheduled" now and
 * "published" at that date.
 */
export function postEventsForSave(before: PostState | null, after: PostState, now: Date): PendingPostEvent[] {
  const wasVisible = before !== null && isPubliclyVisible(before, now);
  const isVisible = isPubliclyVisible(after, now);
  const events: PendingPostEvent[] = [];
  if (!wasVisible && isVisible) events.push({ event: "post.published" });
  if (wasVisible && isVisible) events.push({ event: "post.updated" });
  if (wasVisible && !isVisible) events.push({ event: "post.unpublished" });
  const newlyScheduled =
    after.status === "SCHEDULED" &&
    !isVisible &&
    after.publishedAt !== null &&
    (before?.status !== "SCHEDULED" || wasVisible || before.publishedAt?.getTime() !== after.publishedAt.getTime());
  if (newlyScheduled && after.publishedAt) events.push({ event: "post.scheduled" }, { event: "post.published", at: after.publishedAt });
  return events;
}

/** The events of a move to the trash: "deleted" when readers saw the post until now. */
export function postEventsForDelete(before: PostState, now: Date): PendingPostEvent[] {
  return isPubliclyVisible(before, now) ? [{ event: "post.deleted" }] : [];
}
