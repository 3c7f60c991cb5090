import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostCardList } from "@/components/posts/post-card-list";
import { SearchForm } from "@/components/site/search-form";
import { Pagination } from "@/components/ui/pagination";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { parsePageNumber } from "@/lib/page-number";
import { searchPublishedPosts } from "@/lib/search/queries";
import { searchResultsNote, searchResultsStatus } from "@/lib/search/result-count";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = firstValue((await searchParams).q).trim();
  // Result pages are not indexed; the canonical address is the search page itself.
  return pageMetadata(await readSiteSettings(), { title: query ? `Search: ${query.slice(0, 80)}` : "Search", path: "/search", noindex: true });
}

// GET /search?q=…&page=N: published posts matching every word, best match first, with highlighted snippets. A word
// found in very many posts is ranked among its newest matches only (SEARCH_RANK_LIMIT), and the page says so.
export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const query = firstValue(params.q);
  const page = parsePageNumber(params.page);
  if (!page) notFound();
  const settings = await readSiteSettings();
  const results = query.trim() ? await searchPublishedPosts(query, { page, perPage: settings.postsPerPage }) : null;
  const hrefFor = (n: number) => `/search?q=${encodeURIComponent(query)}${n > 1 ? `&page=${n}` : ""}`;
  return (
    <>
      <h1 className="page-heading">
        Search
        {results && <small role="status">{searchResultsStatus(results, page)}</small>}
      </h1>
      <SearchForm query={query} id="search-page-query" label="Search again" />
      {results && (
        <>
          {searchResultsNote(results) && <p>{searchResultsNote(results)}</p>}
          <PostCardList
            timeZone={settings.timeZone}
            posts={results.items}
            label="Search results"
            emptyText={
              results.terms.length === 0
                ? "Type a word or two to search for: letters or digits."
                : page > 1 && results.total === 0
                  ? "There are no more results for this search."
                  : "Nothing found. Try fewer or different words."
            }
          />
          <Pagination page={page} pageCount={results.pageCount} hrefFor={hrefFor} label="Result pages" />
        </>
      )}
    </>
  );
}
