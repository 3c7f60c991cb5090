import type { Metadata } from "next";
import { TrashList } from "@/components/posts/trash-list";
import { Pagination } from "@/components/ui/pagination";
import { canPublish, canPurgePosts, canRestorePost } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { listTrashedPosts } from "@/lib/posts/queries";
import { TRASH_DAYS, trashQuerySchema } from "@/lib/posts/schema";
import { effectiveStatus, trashDaysLeft } from "@/lib/posts/visibility";
import { purgePostAction, restorePostAction } from "./actions";

export const metadata: Metadata = { title: "Trash" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/trash: deleted posts, restorable for TRASH_DAYS (editors and admins see all, a contributor their own).
export default async function TrashPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/trash");
  const timeZone = await getSiteTimeZone();
  const query = trashQuerySchema.parse(await searchParams);
  const now = new Date();
  const result = await listTrashedPosts(user, query.page);
  const rows = result.items.map((post) => ({
    id: post.id,
    title: post.title,
    status: effectiveStatus(post, now),
    author: post.author?.name ?? null,
    deletedBy: post.deletedBy?.name ?? null,
    deletedAt: post.deletedAt.toISOString(),
    deletedAtText: formatDateTime(post.deletedAt, timeZone),
    daysLeft: trashDaysLeft(post.deletedAt, now),
    canRestore: canRestorePost(user, post),
  }));
  return (
    <>
      <h1 className="page-heading">Trash</h1>
      <p>
        Deleted posts wait here for {TRASH_DAYS} days, gone from the site, and can be restored as they were. After that they are deleted for good
        {canPurgePosts(user) ? ", or sooner by an admin" : ""}.{canPublish(user) ? "" : " You see the posts you wrote."}
      </p>
      <TrashList rows={rows} canPurge={canPurgePosts(user)} actions={{ restore: restorePostAction, purge: purgePostAction }} />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(page) => `/admin/trash?page=${page}`}
        label="Trash pages"
        previousLabel="Previous page"
        nextLabel="Next page"
      />
    </>
  );
}
