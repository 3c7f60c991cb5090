import { connection } from "next/server";
import type { Metadata } from "next";
import { readArchiveMonths, readSiteSettings } from "@/lib/cache/public-reads";
import { archiveHref, monthName } from "@/lib/seo/archive";
import { pageMetadata } from "@/lib/seo/metadata";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await readSiteSettings();
  return pageMetadata(settings, { title: "Archive", description: `Every month of links on ${settings.title}.`, path: "/archive" });
}

// GET /archive: the months with published posts, newest first, grouped by year.
export default async function ArchivePage() {
  await connection();
  const months = await readArchiveMonths();
  const years = [...new Set(months.map((entry) => entry.year))];
  return (
    <>
      <h1 className="page-heading">Archive</h1>
      {years.length === 0 && <p className="empty">Nothing has been published yet.</p>}
      {years.map((year) => (
        <section key={year} className="archive-year" aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{year}</h2>
          <ul className="taxonomy-index">
            {months
              .filter((entry) => entry.year === year)
              .map((entry) => (
                <li key={entry.month}>
                  <a href={archiveHref(entry.year, entry.month)}>{monthName(entry.year, entry.month)}</a>{" "}
                  <span className="taxonomy-index__count">
                    {entry.count} {entry.count === 1 ? "post" : "posts"}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
