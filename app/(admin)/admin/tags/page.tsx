import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { TaxonomyListFrame, TaxonomyRow } from "@/components/taxonomy/taxonomy-list-frame";
import { DataTable } from "@/components/ui/data-table";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { listTagsForAdmin } from "@/lib/tags/queries";
import { taxonomyListQuerySchema } from "@/lib/taxonomy/schema";

export const metadata: Metadata = { title: "Tags" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/tags: every tag with its published and total posts, searched by name, 50 a page (editors and admins).
export default async function AdminTagsPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/tags");
  if (!canManageTaxonomy(user)) redirect("/admin/posts?denied=1");
  const raw = await searchParams;
  const query = taxonomyListQuerySchema.parse({ q: raw.q, sort: raw.sort, page: raw.page });
  const result = await listTagsForAdmin(query);
  return (
    <TaxonomyListFrame kind="tag" query={query} result={result} deleted={Boolean(raw.deleted)}>
      <DataTable caption="Tags" columns={["Name", "Slug", "Published posts", "All posts"]}>
        {result.items.map((tag) => (
          <TaxonomyRow key={tag.id} kind="tag" item={tag} />
        ))}
      </DataTable>
    </TaxonomyListFrame>
  );
}
