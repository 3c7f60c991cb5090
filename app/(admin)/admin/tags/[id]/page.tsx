import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import type { Metadata } from "next";
import { DeleteTaxonomyForm } from "@/components/taxonomy/delete-form";
import { MergeForm } from "@/components/taxonomy/merge-form";
import { TagForm } from "@/components/taxonomy/tag-form";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getTagForAdmin, listTags } from "@/lib/tags/queries";
import { deleteTagAction, mergeTagAction } from "../actions";

export const metadata: Metadata = { title: "Tag" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ merged?: string }> };

const posts = (count: number) => `${count} ${count === 1 ? "post" : "posts"}`;
/** "Its 1 post stays", "Its 3 posts stay". */
const itsPosts = (count: number, one: string, many: string) => `Its ${posts(count)} ${count === 1 ? one : many}`;

// GET /admin/tags/<id>: one tag's posts, and renaming, merging or deleting it (editors and admins).
export default async function AdminTagPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireAdminPageUser(`/admin/tags/${id}`);
  if (!canManageTaxonomy(user)) redirect("/admin/posts?denied=1");
  const [tag, allTags, { merged }] = await Promise.all([getTagForAdmin(id), listTags(), searchParams]);
  if (!tag) notFound();
  return (
    <>
      <p>
        <Link href="/admin/tags">← All tags</Link>
      </p>
      <h1 className="page-heading">
        #{tag.name}
        <small>
          /tags/{tag.slug} · {tag.publishedCount} published of {posts(tag.postCount)}
        </small>
      </h1>
      {merged && (
        <div className="notice notice--success" role="status">
          <p>The tags were merged: their posts now carry this one, and the other tag is deleted.</p>
        </div>
      )}
      <dl>
        <dt>Public page</dt>
        <dd>{tag.publishedCount > 0 ? <a href={`/tags/${tag.slug}`}>/tags/{tag.slug}</a> : "None yet: no published post has this tag."}</dd>
        <dt>Posts</dt>
        <dd>
          <Link href={`/admin/posts?tag=${encodeURIComponent(tag.slug)}`}>All {posts(tag.postCount)} with this tag</Link>
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(tag.createdAt)}</dd>
      </dl>
      <section aria-labelledby="rename-heading">
        <h2 id="rename-heading">Rename</h2>
        <TagForm tagId={tag.id} initialValues={{ name: tag.name, slug: tag.slug }} />
      </section>
      <section aria-labelledby="merge-heading">
        <h2 id="merge-heading">Merge into another tag</h2>
        <p>For two tags that mean the same thing, such as “k8s” and “Kubernetes”.</p>
        <MergeForm
          noun="tag"
          idField="tagId"
          id={tag.id}
          name={tag.name}
          explanation={`${itsPosts(tag.postCount, "gets", "get")} the tag you choose instead, in the place this one had; a post that already has both keeps it once. Then “${tag.name}” is deleted and /tags/${tag.slug} shows “not found”. This cannot be undone.`}
          suggestions={allTags.filter((other) => other.slug !== tag.slug).map((other) => other.name)}
          action={mergeTagAction}
        />
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        <DeleteTaxonomyForm
          noun="tag"
          idField="tagId"
          id={tag.id}
          name={tag.name}
          explanation={`Delete “${tag.name}” for good? ${itsPosts(tag.postCount, "stays", "stay")} on the site without it, and /tags/${tag.slug} shows “not found”. This cannot be undone. To keep these posts together under another tag, merge instead.`}
          action={deleteTagAction}
        />
      </section>
    </>
  );
}
