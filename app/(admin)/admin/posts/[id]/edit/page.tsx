import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { PostForm } from "@/components/posts/post-form";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canDeletePost, canEditPost, canPublish, canViewPost } from "@/lib/auth/permissions";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { postFormValues, revisionFormValues } from "@/lib/posts/form-values";
import { getPostForEditing } from "@/lib/posts/queries";
import { getPostRevisions } from "@/lib/posts/revisions";
import { effectiveStatus, isPubliclyVisible } from "@/lib/posts/visibility";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { checkLinkAction, deletePostAction, prefillPostAction, previewMarkdownAction, savePostAction } from "../../actions";

export const metadata: Metadata = { title: "Edit post" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; restore?: string }> };

const SAVED_NOTICES: Record<string, string> = {
  draft: "Saved as a draft. It is not visible on the site.",
  published: "Published. It is live on the site now.",
  scheduled: "Scheduled. It will appear on the site by itself at its publish date.",
};

// GET /admin/posts/<id>/edit: the post form for one post, if this person may edit it.
export default async function EditPostPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireAdminPageUser(`/admin/posts/${id}/edit`);
  const timeZone = await getSiteTimeZone();
  const post = await getPostForEditing(id);
  // A post this person may not know of answers as if it did not exist.
  if (!post || !canViewPost(user, post, new Date())) notFound();
  if (post.deletedAt) {
    return (
      <>
        <h1 className="page-heading">{post.title}</h1>
        <div className="notice notice--error" role="alert">
          <p>
            This post was moved to the trash on {formatDateTime(post.deletedAt, timeZone)}. Restore it from the <Link href="/admin/trash">trash</Link> to edit
            it.
          </p>
        </div>
      </>
    );
  }
  if (!canEditPost(user, post)) {
    return (
      <>
        <h1 className="page-heading">{post.title}</h1>
        <div className="notice notice--error" role="alert">
          <p>You can only edit your own drafts. Ask an editor to change this post.</p>
        </div>
      </>
    );
  }
  const [{ saved, restore }, tags, sources] = await Promise.all([searchParams, listTagsVisibleTo(user), listSourcesVisibleTo(user)]);
  // "Restore this version": the revision's text as unsaved changes on the current version, so the save is checked as any other.
  const [restored] = typeof restore === "string" ? await getPostRevisions(user, post.id, [restore]) : [];
  const now = new Date();
  const status = effectiveStatus(post, now);
  return (
    <>
      <h1 className="page-heading">
        Edit post
        <small>
          <span className={`status status--${status.toLowerCase()}`}>{status.toLowerCase()}</span> · version {post.version} · last saved{" "}
          {formatDateTime(post.updatedAt, timeZone)}
          {post.updatedBy ? ` by ${post.updatedBy.name}` : ""} · <Link href={`/admin/posts/${post.id}/history`}>History</Link>
        </small>
      </h1>
      <PostForm
        key={restored?.id ?? "current"}
        actions={{ save: savePostAction, remove: deletePostAction, preview: previewMarkdownAction, checkLink: checkLinkAction, prefill: prefillPostAction }}
        post={{
          id: post.id,
          version: post.version,
          status: post.status,
          title: post.title,
          publicHref: isPubliclyVisible(post, now) ? `/posts/${post.slug}` : null,
        }}
        initialValues={restored ? revisionFormValues(restored, timeZone) : postFormValues(post, timeZone)}
        restoredFrom={restored?.id}
        canPublish={canPublish(user)}
        canDelete={canDeletePost(user, post)}
        savedNotice={
          restored
            ? `Restored the text of ${formatDateTime(restored.createdAt, timeZone)}; review and save to keep it.`
            : saved
              ? SAVED_NOTICES[saved]
              : undefined
        }
        tagSuggestions={tags.map((tag) => tag.name)}
        sourceSuggestions={sources.map((source) => source.name)}
        timeZone={timeZone}
      />
    </>
  );
}
