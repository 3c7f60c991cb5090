import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { PostListing } from "@/components/posts/post-listing";
import { readPostList, readSiteSettings } from "@/lib/cache/public-reads";
import { parsePageNumber } from "@/lib/page-number";
import { archiveHref, monthName, parseArchiveMonth } from "@/lib/seo/archive";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ year: string; month: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { year, month } = await params;
  const parsed = parseArchiveMonth(year, month);
  if (!parsed) return { title: "Not found", robots: { index: false } };
  const name = monthName(parsed.year, parsed.month);
  const settings = await readSiteSettings();
  return pageMetadata(settings, { title: name, description: `Links published on ${settings.title} in ${name}.`, path: archiveHref(parsed.year, parsed.month) });
}

// GET /archive/<year>/<month>: the posts published in that month (in the site's time zone), newest first, paginated with ?page=N.
export default async function ArchiveMonthPage({ params, searchParams }: Props) {
  await connection();
  const [{ year, month }, { page }] = await Promise.all([params, searchParams]);
  const parsed = parseArchiveMonth(year, month);
  const pageNumber = parsePageNumber(page);
  if (!parsed || !pageNumber) notFound();
  const result = await readPostList({ month: parsed }, pageNumber);
  if (result.total === 0) notFound();
  const base = archiveHref(parsed.year, parsed.month);
  return (
    <PostListing
      heading={
        <>
          {monthName(parsed.year, parsed.month)}
          <small>
            {result.total} {result.total === 1 ? "post" : "posts"}
            {pageNumber > 1 ? `, page ${pageNumber}` : ""}
          </small>
        </>
      }
      result={result}
      hrefFor={(n) => (n <= 1 ? base : `${base}?page=${n}`)}
    />
  );
}
