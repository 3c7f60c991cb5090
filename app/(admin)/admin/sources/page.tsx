import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { TaxonomyListFrame, TaxonomyRow } from "@/components/taxonomy/taxonomy-list-frame";
import { DataTable } from "@/components/ui/data-table";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { listSourcesForAdmin } from "@/lib/sources/queries";
import { taxonomyListQuerySchema } from "@/lib/taxonomy/schema";

export const metadata: Metadata = { title: "Sources" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/sources: every source with its homepage, domain and post counts, searched by name or domain (editors and admins).
export default async function AdminSourcesPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/sources");
  if (!canManageTaxonomy(user)) redirect("/admin/posts?denied=1");
  const raw = await searchParams;
  const query = taxonomyListQuerySchema.parse({ q: raw.q, sort: raw.sort, page: raw.page });
  const result = await listSourcesForAdmin(query);
  return (
    <TaxonomyListFrame kind="source" query={query} result={result} deleted={Boolean(raw.deleted)}>
      <DataTable caption="Sources" columns={["Name", "Slug", "Homepage", "Domain", "Published posts", "All posts"]}>
        {result.items.map((source) => (
          <TaxonomyRow key={source.id} kind="source" item={source}>
            <td>
              {source.homepage && /^https?:\/\//i.test(source.homepage) ? (
                <a href={source.homepage} rel="noopener noreferrer nofollow">
                  {source.homepage}
                </a>
              ) : (
                "—"
              )}
            </td>
            <td>{source.domain ?? "—"}</td>
          </TaxonomyRow>
        ))}
      </DataTable>
    </TaxonomyListFrame>
  );
}
