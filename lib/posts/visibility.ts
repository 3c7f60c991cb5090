import type { PostStatus } from "./schema";

// A post is public when it is published, or scheduled and due. Reads compare with the current time, so a
// scheduled post appears on its own once its date passes: no cron, no job runner, no restart.
export function publicPostWhere(now: Date) {
  return { status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { lte: now } };
}

/** What the admin shows: a scheduled post whose date has passed is simply published. */
export function effectiveStatus(post: { status: string; publishedAt: Date | null }, now: Date): PostStatus {
  if (post.status === "SCHEDULED" && post.publishedAt && post.publishedAt <= now) return "PUBLISHED";
  return post.status as PostStatus;
}

export function isPubliclyVisible(post: { status: string; publishedAt: Date | null }, now: Date): boolean {
  return (post.status === "PUBLISHED" || post.status === "SCHEDULED") && post.publishedAt !== null && post.publishedAt <= now;
}
