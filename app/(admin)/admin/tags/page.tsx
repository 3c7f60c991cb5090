import Link from "next/link";
import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { TaxonomyListFrame } from "@/components/taxonomy/taxonomy-list-frame";
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
    <>
      <h1 className="page-heading">Tags</h1>
      {raw.deleted && (
        <div className="notice notice--success" role="status">
          <p>The tag was deleted. Its posts were kept, without it.</p>
        </div>
      )}
      <p>Tags are made by typing them on a post or by importing. Open one to rename it, merge it into another or delete it.</p>
      <TaxonomyListFrame kind="tag" query={query} result={result}>
        <DataTable caption="Tags" columns={["Name", "Slug", "Published posts", "All posts"]}>
          {result.items.map((tag) => (
            <tr key={tag.id}>
              <td>
                <Link href={`/admin/tags/${tag.id}`}>{tag.name}</Link>
              </td>
              <td>
                <code>{tag.slug}</code>
              </td>
              <td>
                {tag.publishedCount > 0 ? (
                  <a href={`/tags/${tag.slug}`}>
                    {tag.publishedCount}
                    <span className="visually-hidden"> published, on the public page of {tag.name}</span>
                  </a>
                ) : (
                  0
                )}
              </td>
              <td>
                <Link href={`/admin/posts?tag=${encodeURIComponent(tag.slug)}`}>
                  {tag.postCount}
                  <span className="visually-hidden"> posts tagged {tag.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      </TaxonomyListFrame>
    </>
  );
}
