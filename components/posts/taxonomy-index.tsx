import { readTaxonomyIndex } from "@/lib/cache/public-reads";
import { taxonomyLabel } from "@/lib/seo/taxonomy-metadata";

const NAMES = { tag: ["tag", "tags", "Tags"], source: ["source", "sources", "Sources"] } as const;

/** The /tags or /sources page: every tag or source with published posts, by name, each with its post count. */
export async function TaxonomyIndex({ kind }: { kind: "tag" | "source" }) {
  const entries = await readTaxonomyIndex(kind);
  const [singular, plural, title] = NAMES[kind];
  return (
    <>
      <h1 className="page-heading">
        {title}{" "}
        <small>
          {entries.length} {entries.length === 1 ? singular : plural}
        </small>
      </h1>
      {entries.length === 0 ? (
        <p className="empty">Nothing has been published yet.</p>
      ) : (
        <ul className="taxonomy-index" aria-label={title}>
          {entries.map((entry) => (
            <li key={entry.slug}>
              <a href={`/${plural}/${entry.slug}`}>{taxonomyLabel(kind, entry.name)}</a>{" "}
              <span className="taxonomy-index__count">
                {entry.count} {entry.count === 1 ? "post" : "posts"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
