import Link from "next/link";
import type { Metadata } from "next";
import { Pagination } from "@/components/ui/pagination";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDay } from "@/lib/format";
import { listPostsForAdmin } from "@/lib/posts/queries";
import { postListQuerySchema, TRASH_DAYS, type PostListQuery } from "@/lib/posts/schema";
import { effectiveStatus } from "@/lib/posts/visibility";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { DataTable } from "@/components/ui/data-table";
import { PostStatusBadge } from "@/components/posts/post-status-badge";

export const metadata: Metadata = { title: "Posts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function listHref(query: PostListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.status !== "all") params.set("status", query.status);
  if (query.tag) params.set("tag", query.tag);
  if (query.source) params.set("source", query.source);
  if (query.q) params.set("q", query.q);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/posts?${search}` : "/admin/posts";
}

// GET /admin/posts: every post (a contributor's own), newest first, filtered by status, tag, source and title.
export default async function AdminPostsPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/posts");
  const timeZone = await getSiteTimeZone();
  const raw = await searchParams;
  const query = postListQuerySchema.parse({
    ...raw,
    tag: raw.tag || undefined,
    source: raw.source || undefined,
    q: raw.q || undefined,
  });
  const [result, tags, sources] = await Promise.all([listPostsForAdmin(user, query), listTagsVisibleTo(user), listSourcesVisibleTo(user)]);
  const now = new Date();
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
      <form className="admin-toolbar" role="search" aria-label="Filter posts">
        <div className="field">
          <label htmlFor="filter-q">Search titles</label>
          <input className="input" id="filter-q" name="q" type="search" defaultValue={query.q} />
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select className="input" id="filter-status" name="status" defaultValue={query.status}>
            <option value="all">All</option>
            <option value="draft">Drafts</option>
            <option value="in_review">In review</option>
            <option value="scheduled">Scheduled</option>
            <option value="published">Published</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-tag">Tag</label>
          <select className="input" id="filter-tag" name="tag" defaultValue={query.tag ?? ""}>
            <option value="">Any tag</option>
            {tags.map((tag) => (
              <option key={tag.slug} value={tag.slug}>
                {tag.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-source">Source</label>
          <select className="input" id="filter-source" name="source" defaultValue={query.source ?? ""}>
            <option value="">Any source</option>
            {sources.map((source) => (
              <option key={source.slug} value={source.slug}>
                {source.name}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          Filter
        </button>
        <Link className="button button--primary" href="/admin/posts/new">
          New post
        </Link>
      </form>
      <p className="field__hint">
        {result.total} {result.total === 1 ? "post" : "posts"}
      </p>
      {result.items.length === 0 ? (
        <p className="empty">No posts match these filters.</p>
      ) : (
        <DataTable caption="Posts" columns={["Title", "Status", "Source", "Tags", "Author", "Date"]}>
          {result.items.map((post) => {
            return (
              <tr key={post.id}>
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
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => listHref(query, page)} label="Post list pages" />
    </>
  );
}
