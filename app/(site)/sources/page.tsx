import { connection } from "next/server";
import { TaxonomyIndex } from "@/components/posts/taxonomy-index";
import { taxonomyIndexMetadata } from "@/lib/seo/taxonomy-metadata";

export const generateMetadata = () => taxonomyIndexMetadata("source");

// GET /sources: every source with published posts and their counts.
export default async function SourcesPage() {
  await connection();
  return <TaxonomyIndex kind="source" />;
}
