import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import type { Page } from "@/lib/posts/queries";
import { TAXONOMY_WORDS, type TaxonomyKind, type TaxonomyWords } from "@/lib/taxonomy/kinds";
import type { TaxonomyListQuery } from "@/lib/taxonomy/schema";

/** A row of the tag or source list, as lib/tags and lib/sources read it. */
export type TaxonomyListRow = { id: string; name: string; slug: string; publishedCount: number; postCount: number };

export type TaxonomyListProps<Row extends TaxonomyListRow> = {
  kind: TaxonomyKind;
  query: TaxonomyListQuery;
  result: Page<Row>;
  /** Just back from deleting one (`?deleted=1`): say so, and what became of its posts. */
  deleted: boolean;
  /** The kind's own columns, between "Slug" and "Published posts", and the cells of a row for them. */
  ownColumns?: { headings: string[]; cells: (row: Row) => React.ReactNode };
};

function listHref(base: string, query: TaxonomyListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort !== "name") params.set("sort", query.sort);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** The admin list of tags or sources: heading, search by name, sort, how many match, the table, pages. */
export function TaxonomyList<Row extends TaxonomyListRow>({ kind, query, result, deleted, ownColumns }: TaxonomyListProps<Row>) {
  const words: TaxonomyWords = TAXONOMY_WORDS[kind];
  return (
    <>
      <h1 className="page-heading">{words.heading}</h1>
      {deleted && (
        <div className="notice notice--success" role="status">
          <p>{words.list.deleted}</p>
        </div>
      )}
      <p>{words.list.intro}</p>
      <form className="admin-toolbar" role="search" aria-label={`Search ${words.many}`}>
        <div className="field">
          <label htmlFor="taxonomy-q">{words.list.search}</label>
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
        <DataTable caption={words.heading} columns={["Name", "Slug", ...(ownColumns?.headings ?? []), "Published posts", "All posts"]}>
          {result.items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link href={`${words.adminBase}/${item.id}`}>{item.name}</Link>
              </td>
              <td>
                <code>{item.slug}</code>
              </td>
              {ownColumns?.cells(item)}
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
                  <span className="visually-hidden">
                    {" "}
                    {words.list.postsOf} {item.name}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(page) => listHref(words.adminBase, query, page)}
        label={`${words.capital} list pages`}
        previousLabel="Previous page"
        nextLabel="Next page"
      />
    </>
  );
}
