import { connection } from "next/server";
import type { Metadata } from "next";
import { TaxonomyListing } from "@/components/posts/taxonomy-listing";
import { taxonomyMetadata } from "@/lib/seo/taxonomy-metadata";
import type { TaxonomyKind } from "@/lib/taxonomy/kinds";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

/** The public page of one tag or source (/tags/<slug>, /sources/<slug>): its metadata and its published posts. */
export function taxonomyPage(kind: TaxonomyKind) {
  return {
    async generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
      const [{ slug }, { page }] = await Promise.all([params, searchParams]);
      return taxonomyMetadata(kind, slug, page);
    },
    async Page({ params, searchParams }: Props) {
      await connection();
      const [{ slug }, { page }] = await Promise.all([params, searchParams]);
      return <TaxonomyListing kind={kind} slug={slug} page={page} />;
    },
  };
}
