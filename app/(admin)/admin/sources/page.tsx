import Link from "next/link";
import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { TaxonomyListFrame } from "@/components/taxonomy/taxonomy-list-frame";
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
    <>
      <h1 className="page-heading">Sources</h1>
      {raw.deleted && (
        <div className="notice notice--success" role="status">
          <p>The source was deleted. Its posts were kept, with no source.</p>
        </div>
      )}
      <p>Sources are made by typing them on a post or by importing. Open one to edit it, merge it into another or delete it.</p>
      <TaxonomyListFrame kind="source" query={query} result={result}>
        <DataTable caption="Sources" columns={["Name", "Slug", "Homepage", "Domain", "Published posts", "All posts"]}>
          {result.items.map((source) => (
            <tr key={source.id}>
              <td>
                <Link href={`/admin/sources/${source.id}`}>{source.name}</Link>
              </td>
              <td>
                <code>{source.slug}</code>
              </td>
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
              <td>
                {source.publishedCount > 0 ? (
                  <a href={`/sources/${source.slug}`}>
                    {source.publishedCount}
                    <span className="visually-hidden"> published, on the public page of {source.name}</span>
                  </a>
                ) : (
                  0
                )}
              </td>
              <td>
                <Link href={`/admin/posts?source=${encodeURIComponent(source.slug)}`}>
                  {source.postCount}
                  <span className="visually-hidden"> posts from {source.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      </TaxonomyListFrame>
    </>
  );
}
