import { POST_STATUS_LABELS, type PostStatus } from "@/lib/posts/schema";

/** A post's status as a badge, in the admin's words ("in review", not IN_REVIEW). */
export function PostStatusBadge({ status }: { status: string }) {
  const label = POST_STATUS_LABELS[status as PostStatus] ?? status.toLowerCase();
  return <span className={`status status--${status.toLowerCase()}`}>{label}</span>;
}
