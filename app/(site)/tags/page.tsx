import { connection } from "next/server";
import { TaxonomyIndex } from "@/components/posts/taxonomy-index";
import { taxonomyIndexMetadata } from "@/lib/seo/taxonomy-metadata";

export const generateMetadata = () => taxonomyIndexMetadata("tag");

// GET /tags: every tag with published posts and their counts.
export default async function TagsPage() {
  await connection();
  return <TaxonomyIndex kind="tag" />;
}
