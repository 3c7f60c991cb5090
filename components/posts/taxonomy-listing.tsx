import { notFound } from "next/navigation";
import { FeedLinks } from "@/components/site/feed-links";
import { readPostList, readTaxonomyEntity } from "@/lib/cache/public-reads";
import { parsePageNumber } from "@/lib/page-number";
import { movedOrNotFound } from "@/lib/redirects/moved";
import { taxonomyLabel } from "@/lib/seo/taxonomy-metadata";
import { PostListing } from "./post-listing";

type Props = { kind: "tag" | "source"; slug: string; page: string | string[] | undefined };

/**
 * The published posts of one tag or source, paginated with ?page=N, with links to its feeds. A tag or source with no
 * published post is a 404, so names used only by drafts stay private.
 */
export async function TaxonomyListing({ kind, slug, page }: Props) {
  const pageNumber = parsePageNumber(page);
  const entity = await readTaxonomyEntity(kind, slug);
  if (!pageNumber) notFound();
  if (!entity) return movedOrNotFound(kind, slug, `/${kind === "tag" ? "tags" : "sources"}/${slug}${pageNumber > 1 ? `?page=${pageNumber}` : ""}`);
  const base = `/${kind === "tag" ? "tags" : "sources"}/${entity.slug}`;
  const result = await readPostList(kind === "tag" ? { tagSlug: entity.slug } : { sourceSlug: entity.slug }, pageNumber);
  if (result.total === 0) notFound();
  const heading = kind === "tag" ? <>Posts tagged #{entity.name}</> : <>Posts from {entity.name}</>;
  return (
    <PostListing
      heading={
        <>
          {heading}
          <small>
            {result.total} {result.total === 1 ? "post" : "posts"}
            {pageNumber > 1 ? `, page ${pageNumber}` : ""}
          </small>
        </>
      }
      intro={<FeedLinks scope={{ kind, slug: entity.slug }} label={taxonomyLabel(kind, entity.name)} />}
      result={result}
      hrefFor={(n) => (n <= 1 ? base : `${base}?page=${n}`)}
    />
  );
}
