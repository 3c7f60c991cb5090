import Link from "next/link";
import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { canReviewPosts } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listReviewQueue } from "@/lib/posts/review";
import { getSiteTimeZone } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Review" };

type Props = { searchParams: Promise<{ returned?: string }> };

// GET /admin/review: the posts contributors submitted, the longest waiting first (editors and admins).
export default async function ReviewInboxPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/review");
  if (!canReviewPosts(user)) {
    return (
      <>
        <h1 className="page-heading">Review</h1>
        <div className="notice notice--error" role="alert">
          <p>Only editors and admins review posts. Your submitted posts are in your posts list.</p>
        </div>
      </>
    );
  }
  const [queue, { returned }, timeZone] = await Promise.all([listReviewQueue(user), searchParams, getSiteTimeZone()]);
  return (
    <>
      <h1 className="page-heading">Review</h1>
      {returned && (
        <div className="notice notice--success" role="status">
          <p>Returned to its author with your note. It is a draft again, and theirs to change.</p>
        </div>
      )}
      <p>
        Posts contributors submitted for review, the longest waiting first. Open one to edit it, publish or schedule it, or return it to its author with a note.
      </p>
      {queue.length === 0 ? (
        <p className="empty">Nothing is waiting for review.</p>
      ) : (
        <DataTable caption="Posts in review" columns={["Title", "Author", "Submitted"]}>
          {queue.map((post) => (
            <tr key={post.id}>
              <td>
                <Link href={`/admin/posts/${post.id}/edit`}>{post.title}</Link>
              </td>
              <td>{post.author ?? "—"}</td>
              <td>
                <time dateTime={post.submittedAt.toISOString()}>{formatDateTime(post.submittedAt, timeZone)}</time>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
