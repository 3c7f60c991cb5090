import { Pagination } from "@/components/ui/pagination";
import type { TaxonomyListQuery } from "@/lib/taxonomy/schema";

type Props = {
  kind: "tag" | "source";
  query: TaxonomyListQuery;
  result: { total: number; page: number; pageCount: number; items: unknown[] };
  /** The table of this page's rows. */
  children: React.ReactNode;
};

const WORDS = {
  tag: { one: "tag", many: "tags", base: "/admin/tags", search: "Name" },
  source: { one: "source", many: "sources", base: "/admin/sources", search: "Name or domain" },
} as const;

function listHref(base: string, query: TaxonomyListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort !== "name") params.set("sort", query.sort);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** The admin list of tags or sources around its table: search by name, sort, how many match, pages. */
export function TaxonomyListFrame({ kind, query, result, children }: Props) {
  const words = WORDS[kind];
  return (
    <>
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
