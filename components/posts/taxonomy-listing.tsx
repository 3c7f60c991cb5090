import { notFound } from "next/navigation";
import { listPublishedPosts } from "@/lib/posts/queries";
import { parsePageNumber } from "@/lib/page-number";
import { PostListing } from "./post-listing";

type Props = {
  kind: "tag" | "source";
  entity: { name: string; slug: string } | null;
  page: string | string[] | undefined;
};

/**
 * The published posts of one tag or source, paginated with ?page=N. A tag or source with no published post is a 404,
 * so names used only by drafts stay private.
 */
export async function TaxonomyListing({ kind, entity, page }: Props) {
  const pageNumber = parsePageNumber(page);
  if (!entity || !pageNumber) notFound();
  const base = `/${kind === "tag" ? "tags" : "sources"}/${entity.slug}`;
  const result = await listPublishedPosts(kind === "tag" ? { page: pageNumber, tagSlug: entity.slug } : { page: pageNumber, sourceSlug: entity.slug });
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
      result={result}
      hrefFor={(n) => (n <= 1 ? base : `${base}?page=${n}`)}
    />
  );
}
