import "server-only";
import type { Page } from "@/lib/posts/queries";
import { TAXONOMY_PAGE_SIZE, type TaxonomyListQuery } from "@/lib/taxonomy/schema";

// What listTagsForAdmin and listSourcesForAdmin share; each runs its own queries on its own table.

/** A tag or source as the API reads it: how many of its posts the person may see, and whether readers see any. */
export type TaxonomyApiRow = { id: string; name: string; slug: string; postCount: number; hasPublicPosts: boolean };

type TaxonomyOrderBy = { posts?: { _count: "desc" }; slug?: "asc" }[];

/** Order and slice of one list page: by slug (which ignores case), or by most posts with the slug breaking ties. */
export function taxonomyPageArgs(query: TaxonomyListQuery): { orderBy: TaxonomyOrderBy; skip: number; take: number } {
  return {
    orderBy: query.sort === "posts" ? [{ posts: { _count: "desc" } }, { slug: "asc" }] : [{ slug: "asc" }],
    skip: (query.page - 1) * TAXONOMY_PAGE_SIZE,
    take: TAXONOMY_PAGE_SIZE,
  };
}

/** The page of the list that holds these rows, out of `total` matches. */
export function taxonomyPage<T>(items: T[], query: TaxonomyListQuery, total: number): Page<T> {
  return { items, page: query.page, pageCount: Math.max(1, Math.ceil(total / TAXONOMY_PAGE_SIZE)), total };
}
