import { AppError } from "@/lib/errors";
import { TRASH_DAYS, type PostIntent, type PostListFilter, type PostStatus } from "./schema";

/**
 * Posts outside the trash. A trashed post is gone for every read but the trash's own: each where clause below starts
 * from this, and so does viewablePostWhere (lib/auth/permissions.ts).
 */
export const notTrashedWhere = { deletedAt: null };

/** Posts in the trash. */
export const trashedWhere = { deletedAt: { not: null } };

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a post moved to the trash at `deletedAt` is deleted for good. */
export function trashPurgeDate(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS);
}

/** Whole days left before a trashed post is deleted for good (0 on its last day and after). */
export function trashDaysLeft(deletedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((trashPurgeDate(deletedAt).getTime() - now.getTime()) / DAY_MS));
}

/** Trashed posts whose time in the trash is over at `now`. */
export function trashExpiredWhere(now: Date) {
  return { deletedAt: { lte: new Date(now.getTime() - TRASH_DAYS * DAY_MS) } };
}

// A post is public when it is published, or scheduled and due, and not in the trash. Reads compare with the current
// time, so a scheduled post appears on its own once its date passes: no cron, no job runner, no restart.
export function publicPostWhere(now: Date) {
  return { ...notTrashedWhere, status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { lte: now } };
}

/** The admin's status filter (the posts list, the export and the API) as a where clause, as effectiveStatus names them. */
export function postStatusWhere(filter: PostListFilter, now: Date) {
  switch (filter) {
    case "draft":
      return { ...notTrashedWhere, status: "DRAFT" };
    case "in_review":
      return { ...notTrashedWhere, status: "IN_REVIEW" };
    case "scheduled":
      return { ...notTrashedWhere, status: "SCHEDULED", publishedAt: { gt: now } };
    case "published":
      return publicPostWhere(now);
    case "all":
      return notTrashedWhere;
  }
}

/**
 * The status and publish date a save gives a post, for every door that writes one (the form, the importer): a draft
 * keeps its date; publishing with a date still ahead is scheduling, so a post never shows before its date; scheduling
 * needs a date in the future.
 */
export function decideStatus(intent: PostIntent, requestedDate: Date | null, now: Date): { status: PostStatus; publishedAt: Date | null } {
  switch (intent) {
    case "draft":
    case "unpublish":
      return { status: "DRAFT", publishedAt: requestedDate };
    // In review is never public, whatever its date: an editor publishes or schedules it.
    case "review":
      return { status: "IN_REVIEW", publishedAt: requestedDate };
    case "publish": {
      const publishedAt = requestedDate ?? now;
      return { status: publishedAt > now ? "SCHEDULED" : "PUBLISHED", publishedAt };
    }
    case "schedule":
      if (!requestedDate || requestedDate <= now)
        throw new AppError("INVALID_INPUT", "Choose a publish date in the future to schedule the post.", { field: "publishedAt" });
      return { status: "SCHEDULED", publishedAt: requestedDate };
  }
}

/** What the admin shows: a scheduled post whose date has passed is simply published. */
export function effectiveStatus(post: { status: string; publishedAt: Date | null }, now: Date): PostStatus {
  if (post.status === "SCHEDULED" && post.publishedAt && post.publishedAt <= now) return "PUBLISHED";
  return post.status as PostStatus;
}

/** publicPostWhere for a post in hand; one read without `deletedAt` is taken as outside the trash (its query saw to that). */
export function isPubliclyVisible(post: { status: string; publishedAt: Date | null; deletedAt?: Date | null }, now: Date): boolean {
  return !post.deletedAt && (post.status === "PUBLISHED" || post.status === "SCHEDULED") && post.publishedAt !== null && post.publishedAt <= now;
}
