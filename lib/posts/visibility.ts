import { AppError } from "@/lib/errors";
import type { PostIntent, PostListFilter, PostStatus } from "./schema";

// A post is public when it is published, or scheduled and due. Reads compare with the current time, so a
// scheduled post appears on its own once its date passes: no cron, no job runner, no restart.
export function publicPostWhere(now: Date) {
  return { status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { lte: now } };
}

/** The admin's status filter (the posts list and the export) as a where clause, as effectiveStatus names them. */
export function postStatusWhere(filter: PostListFilter, now: Date) {
  switch (filter) {
    case "draft":
      return { status: "DRAFT" };
    case "scheduled":
      return { status: "SCHEDULED", publishedAt: { gt: now } };
    case "published":
      return publicPostWhere(now);
    case "all":
      return {};
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

export function isPubliclyVisible(post: { status: string; publishedAt: Date | null }, now: Date): boolean {
  return (post.status === "PUBLISHED" || post.status === "SCHEDULED") && post.publishedAt !== null && post.publishedAt <= now;
}
