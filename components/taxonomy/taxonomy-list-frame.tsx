import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import type { TaxonomyListQuery } from "@/lib/taxonomy/schema";

type Kind = "tag" | "source";

type Props = {
  kind: Kind;
  query: TaxonomyListQuery;
  result: { total: number; page: number; pageCount: number; items: unknown[] };
  /** Just back from deleting one (`?deleted=1`): say so, and what became of its posts. */
  deleted: boolean;
  /** The table of this page's rows. */
  children: React.ReactNode;
};

const WORDS = {
  tag: {
    one: "tag",
    many: "tags",
    heading: "Tags",
    base: "/admin/tags",
    publicBase: "/tags",
    search: "Name",
    deleted: "The tag was deleted. Its posts were kept, without it.",
    intro: "Tags are made by typing them on a post or by importing. Open one to rename it, merge it into another or delete it.",
    postsParam: "tag",
    postsOf: "posts tagged",
  },
  source: {
    one: "source",
    many: "sources",
    heading: "Sources",
    base: "/admin/sources",
    publicBase: "/sources",
    search: "Name or domain",
    deleted: "The source was deleted. Its posts were kept, with no source.",
    intro: "Sources are made by typing them on a post or by importing. Open one to edit it, merge it into another or delete it.",
    postsParam: "source",
    postsOf: "posts from",
  },
} as const;

function listHref(base: string, query: TaxonomyListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort !== "name") params.set("sort", query.sort);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** The admin list of tags or sources around its table: heading, search by name, sort, how many match, pages. */
export function TaxonomyListFrame({ kind, query, result, deleted, children }: Props) {
  const words = WORDS[kind];
  return (
    <>
      <h1 className="page-heading">{words.heading}</h1>
      {deleted && (
        <div className="notice notice--success" role="status">
          <p>{words.deleted}</p>
        </div>
      )}
      <p>{words.intro}</p>
      <form className="admin-toolbar" role="search" aria-label={`Search ${words.many}`}>
        <div className="field">
          <label htmlFor="taxonomy-q">{words.search}</label>
          <input className="input" id="taxonomy-q" name="q" type="search" defaultValue={query.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="taxonomy-sort">Sort by</label>
          <select className="input" id="taxonomy-sort" name="sort" defaultValue={query.sort}>
            <option value="name">Name</option>
            <option value="posts">Most posts</option>
          </select>
        </div>
        <button className="button" type="submit">
          Search
        </button>
      </form>
      <p className="field__hint">
        {result.total} {result.total === 1 ? words.one : words.many}
        {query.q ? ` matching “${query.q}”` : ""}
      </p>
      {result.items.length === 0 ? (
        <p className="empty">{result.total === 0 ? `No ${words.many} match.` : "This page is past the end of the list."}</p>
      ) : (
        children
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(page) => listHref(words.base, query, page)}
        label={`${kind === "tag" ? "Tag" : "Source"} list pages`}
        previousLabel="Previous page"
        nextLabel="Next page"
      />
    </>
  );
}

type RowProps = {
  kind: Kind;
  item: { id: string; name: string; slug: string; publishedCount: number; postCount: number };
  /** The cells this kind adds between "Slug" and "Published posts". */
  children?: React.ReactNode;
};

/** One row of the tag or source table: Name (to its admin page), Slug, [the kind's own cells], Published posts, All posts. */
export function TaxonomyRow({ kind, item, children }: RowProps) {
  const words = WORDS[kind];
  return (
    <tr>
      <td>
        <Link href={`${words.base}/${item.id}`}>{item.name}</Link>
      </td>
      <td>
        <code>{item.slug}</code>
      </td>
      {children}
      <td>
        {item.publishedCount > 0 ? (
          <a href={`${words.publicBase}/${item.slug}`}>
            {item.publishedCount}
            <span className="visually-hidden"> published, on the public page of {item.name}</span>
          </a>
        ) : (
          0
        )}
      </td>
      <td>
        <Link href={`/admin/posts?${words.postsParam}=${encodeURIComponent(item.slug)}`}>
          {item.postCount}
          <span className="visually-hidden"> {words.postsOf} {item.name}</span>
        </Link>
      </td>
    </tr>
  );
}
