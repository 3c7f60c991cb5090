import Link from "next/link";
import type { Metadata } from "next";
import { Pagination } from "@/components/ui/pagination";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canPublish } from "@/lib/auth/permissions";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDay } from "@/lib/format";
import { listPostsForAdmin } from "@/lib/posts/queries";
import {
  BULK_ACTIONS,
  DEFAULT_SORT_DIRECTION,
  POST_LIST_SIZES,
  postListQuerySchema,
  TRASH_DAYS,
  type PostListQuery,
  type PostListSort,
} from "@/lib/posts/schema";
import { effectiveStatus } from "@/lib/posts/visibility";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { DataTable } from "@/components/ui/data-table";
import { PostStatusBadge } from "@/components/posts/post-status-badge";
import { PostListFilters } from "@/components/posts/post-list-filters";
import { BULK_FORM_ID, PostBulkActions, SelectAllPosts } from "@/components/posts/post-bulk-actions";
import { bulkPostsAction } from "../bulk-actions";

export const metadata: Metadata = { title: "Posts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list's address for this view with some of it changed; defaults are left out, so the plain view is /admin/posts. */
function listHref(query: PostListQuery, change: Partial<PostListQuery>): string {
  const view = { ...query, page: 1, ...change };
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.status !== "all") params.set("status", view.status);
  if (view.tag) params.set("tag", view.tag);
  if (view.source) params.set("source", view.source);
  if (view.sort !== "date") params.set("sort", view.sort);
  if (view.dir !== DEFAULT_SORT_DIRECTION[view.sort]) params.set("dir", view.dir);
  if (view.size !== POST_LIST_SIZES[0]) params.set("size", String(view.size));
  if (view.page > 1) params.set("page", String(view.page));
  const search = params.toString();
  return search ? `/admin/posts?${search}` : "/admin/posts";
}

// The columns, with the sort each header's link chooses (null: not sortable).
const COLUMNS: [label: string, sort: PostListSort | null][] = [
  ["Title", "title"],
  ["Status", "status"],
  ["Source", "source"],
  ["Tags", null],
  ["Author", "author"],
  ["Publish date", "date"],
  ["Last change", "updated"],
];

/** A column header: a link that sorts by the column, or turns the order round when it is the sorted one. */
function SortHeader({ query, label, sort }: { query: PostListQuery; label: string; sort: PostListSort }) {
  const current = query.sort === sort;
  const dir = current ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_SORT_DIRECTION[sort];
  return (
    <Link href={listHref(query, { sort, dir })}>
      {label}
      {current && <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span>}
    </Link>
  );
}

// GET /admin/posts: every post (a contributor's own), newest publish date first (undated drafts on top, by last
// change), sortable by column, filtered by status, tag, source and a search, with bulk actions on the ticked rows.
export default async function AdminPostsPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/posts");
  const timeZone = await getSiteTimeZone();
  const raw = await searchParams;
  const query = postListQuerySchema.parse(raw);
  const [result, tags, sources] = await Promise.all([listPostsForAdmin(user, query), listTagsVisibleTo(user), listSourcesVisibleTo(user)]);
  const now = new Date();
  // Contributors are offered only what they may do to their own drafts; the server checks each post again.
  const bulkActions = BULK_ACTIONS.filter((action) => canPublish(user) || (action !== "publish" && action !== "unpublish"));
  const sortedColumn = COLUMNS.findIndex(([, sort]) => sort === query.sort) + 1;
  return (
    <>
      <h1 className="page-heading">Posts</h1>
      {raw.deleted && (
        <div className="notice notice--success" role="status">
          <p>
            The post was moved to the trash. You can restore it from the <Link href="/admin/trash">trash</Link> for {TRASH_DAYS} days.
          </p>
        </div>
      )}
      {raw.denied && (
        <div className="notice notice--error" role="alert">
          <p>Your role does not allow opening that page.</p>
        </div>
      )}
      <PostListFilters query={query} tags={tags} sources={sources} />
      <p className="field__hint">
        {result.total} {result.total === 1 ? "post" : "posts"}
      </p>
      {/* Always there, so the report of an action that empties the list (all moved to the trash) stays on screen. */}
      <PostBulkActions action={bulkPostsAction} actions={bulkActions} hasRows={result.items.length > 0} />
      {result.items.length === 0 ? (
        <p className="empty">No posts match these filters.</p>
      ) : (
        <>
          <DataTable
            caption="Posts"
            sorted={{ column: sortedColumn, direction: query.dir === "asc" ? "ascending" : "descending" }}
            columns={[
              <SelectAllPosts key="select" />,
              ...COLUMNS.map(([label, sort]) => (sort ? <SortHeader key={label} query={query} label={label} sort={sort} /> : label)),
            ]}
          >
            {result.items.map((post) => (
              <tr key={post.id}>
                <td>
                  <input type="checkbox" name="post" value={`${post.id}@${post.version}`} form={BULK_FORM_ID} aria-label={`Select “${post.title}”`} />
                </td>
                <td>
                  <Link href={`/admin/posts/${post.id}/edit`}>{post.title}</Link>
                </td>
                <td>
                  <PostStatusBadge status={effectiveStatus(post, now)} />
                </td>
                <td>{post.source?.name ?? "—"}</td>
                <td>{post.tags.map((link) => link.tag.name).join(", ") || "—"}</td>
                <td>{post.author?.name ?? "—"}</td>
                <td>{post.publishedAt ? <time dateTime={post.publishedAt.toISOString()}>{formatDay(post.publishedAt, timeZone)}</time> : "—"}</td>
                <td>
                  <time dateTime={post.updatedAt.toISOString()}>{formatDay(post.updatedAt, timeZone)}</time>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(page) => listHref(query, { page })}
        label="Post list pages"
        previousLabel="Previous page"
        nextLabel="Next page"
        numbered
      />
    </>
  );
}
