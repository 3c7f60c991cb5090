import { connection } from "next/server";
import type { Metadata } from "next";
import { TaxonomyListing } from "@/components/posts/taxonomy-listing";
import { getTagBySlug } from "@/lib/tags/queries";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = await getTagBySlug((await params).slug);
  return { title: tag ? `#${tag.name}` : "Not found" };
}

// GET /tags/<slug>: that tag's published posts.
export default async function TagPage({ params, searchParams }: Props) {
  await connection();
  const [{ slug }, { page }] = await Promise.all([params, searchParams]);
  return <TaxonomyListing kind="tag" entity={await getTagBySlug(slug)} page={page} />;
}
