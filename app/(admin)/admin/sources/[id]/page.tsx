import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { Metadata } from "next";
import { DeleteTaxonomyForm } from "@/components/taxonomy/delete-form";
import { MergeForm } from "@/components/taxonomy/merge-form";
import { SourceForm } from "@/components/taxonomy/source-form";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getSourceForAdmin, listSources } from "@/lib/sources/queries";
import { deleteSourceAction, mergeSourceAction } from "../actions";

export const metadata: Metadata = { title: "Source" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ merged?: string }> };

const posts = (count: number) => `${count} ${count === 1 ? "post" : "posts"}`;
/** "Its 1 post stays", "Its 3 posts stay". */
const itsPosts = (count: number, one: string, many: string) => `Its ${posts(count)} ${count === 1 ? one : many}`;

// GET /admin/sources/<id>: one source's posts, and editing, merging or deleting it (editors and admins).
export default async function AdminSourcePage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireAdminPageUser(`/admin/sources/${id}`);
  if (!canManageTaxonomy(user)) redirect("/admin/posts?denied=1");
  const [source, allSources, { merged }] = await Promise.all([getSourceForAdmin(id), listSources(), searchParams]);
  if (!source) notFound();
  return (
    <>
      <p>
        <Link href="/admin/sources">← All sources</Link>
      </p>
      <h1 className="page-heading">
        {source.name}
        <small>
          /sources/{source.slug} · {source.publishedCount} published of {posts(source.postCount)}
        </small>
      </h1>
      {merged && (
        <div className="notice notice--success" role="status">
          <p>The sources were merged: their posts are now under this one, and the other source is deleted.</p>
        </div>
      )}
      <dl>
        <dt>Public page</dt>
        <dd>{source.publishedCount > 0 ? <a href={`/sources/${source.slug}`}>/sources/{source.slug}</a> : "None yet: no published post has this source."}</dd>
        <dt>Domain</dt>
        <dd>{source.domain ?? "—"}</dd>
        <dt>Posts</dt>
        <dd>
          <Link href={`/admin/posts?source=${encodeURIComponent(source.slug)}`}>All {posts(source.postCount)} from this source</Link>
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(source.createdAt)}</dd>
      </dl>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit</h2>
        <SourceForm sourceId={source.id} initialValues={{ name: source.name, slug: source.slug, homepage: source.homepage ?? "" }} />
      </section>
      <section aria-labelledby="merge-heading">
        <h2 id="merge-heading">Merge into another source</h2>
        <p>For one publication known under two names, such as “CNCF” and “Cloud Native Computing Foundation”.</p>
        <MergeForm
          noun="source"
          idField="sourceId"
          id={source.id}
          name={source.name}
          explanation={`${itsPosts(source.postCount, "moves", "move")} to the source you choose, which also takes this homepage if it has none. Then “${source.name}” is deleted and /sources/${source.slug} shows “not found”. This cannot be undone.`}
          suggestions={allSources.filter((other) => other.slug !== source.slug).map((other) => other.name)}
          action={mergeSourceAction}
        />
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        <DeleteTaxonomyForm
          noun="source"
          idField="sourceId"
          id={source.id}
          name={source.name}
          explanation={`Delete “${source.name}” for good? ${itsPosts(source.postCount, "stays", "stay")} on the site with no source, and /sources/${source.slug} shows “not found”. This cannot be undone. To move these posts to another source, merge instead.`}
          action={deleteSourceAction}
        />
      </section>
    </>
  );
}
