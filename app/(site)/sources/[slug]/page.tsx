import { connection } from "next/server";
import type { Metadata } from "next";
import { TaxonomyListing } from "@/components/posts/taxonomy-listing";
import { getSourceBySlug } from "@/lib/sources/queries";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const source = await getSourceBySlug((await params).slug);
  return { title: source ? source.name : "Not found" };
}

// GET /sources/<slug>: that publication's published posts.
export default async function SourcePage({ params, searchParams }: Props) {
  await connection();
  const [{ slug }, { page }] = await Promise.all([params, searchParams]);
  return <TaxonomyListing kind="source" entity={await getSourceBySlug(slug)} page={page} />;
}
