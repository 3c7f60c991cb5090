import { connection } from "next/server";
import type { Metadata } from "next";
import { TaxonomyListing } from "@/components/posts/taxonomy-listing";
import { taxonomyMetadata } from "@/lib/seo/taxonomy-metadata";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, { page }] = await Promise.all([params, searchParams]);
  return taxonomyMetadata("source", slug, page);
}

// GET /sources/<slug>: that publication's published posts.
export default async function SourcePage({ params, searchParams }: Props) {
  await connection();
  const [{ slug }, { page }] = await Promise.all([params, searchParams]);
  return <TaxonomyListing kind="source" slug={slug} page={page} />;
}
