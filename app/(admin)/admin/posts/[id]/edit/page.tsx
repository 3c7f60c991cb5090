import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { LockedPost } from "@/components/posts/locked-post";
import { PostForm } from "@/components/posts/post-form";
import { PostStatusBadge } from "@/components/posts/post-status-badge";
import { PreviewLinks } from "@/components/posts/preview-links";
import { ReturnPostForm } from "@/components/posts/return-post-form";
import { ReviewThread } from "@/components/posts/review-thread";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canDeletePost, canEditPost, canPublish, canReviewPosts, canViewPost } from "@/lib/auth/permissions";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { postFormValues, revisionFormValues } from "@/lib/posts/form-values";
import { getPostForEditing } from "@/lib/posts/queries";
import { listPostNotes } from "@/lib/posts/review";
import { getAutosave, getPostRevisions } from "@/lib/posts/revisions";
import { listActivePreviewLinks } from "@/lib/previews/queries";
import { effectiveStatus, isPubliclyVisible } from "@/lib/posts/visibility";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { getLatestWebmention } from "@/lib/webmention/queries";
import { describeWebmention } from "@/lib/webmention/schema";
import {
  autosavePostAction,
  checkLinkAction,
  deletePostAction,
  discardAutosaveAction,
  prefillPostAction,
  previewMarkdownAction,
  savePostAction,
} from "../../actions";
import { returnPostAction } from "../../review-actions";
import { createPreviewLinkAction, revokePreviewLinkAction } from "../../preview-actions";

export const metadata: Metadata = { title: "Edit post" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; restore?: string }> };

const SAVED_NOTICES: Record<string, string> = {
  draft: "Saved as a draft. It is not visible on the site.",
  published: "Published. It is live on the site now.",
  scheduled: "Scheduled. It will appear on the site by itself at its publish date.",
  in_review: "Submitted for review. An editor will publish it or return it to you with a note.",
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
  // The post's review thread: its author and editors see it (listPostNotes returns nothing to anyone else).
  const notes = await listPostNotes(user, post);
  if (!canEditPost(user, post) && post.status === "IN_REVIEW" && post.authorId === user.id) {
    const { saved } = await searchParams;
    return (
      <>
        <h1 className="page-heading">
          {post.title} <PostStatusBadge status={post.status} />
        </h1>
        {saved && SAVED_NOTICES[saved] && (
          <div className="notice notice--success" role="status">
            <p>{SAVED_NOTICES[saved]}</p>
          </div>
        )}
        <LockedPost
          values={postFormValues(post, timeZone)}
          timeZone={timeZone}
          notice="This post is in review, so it is locked: you can change it again once an editor returns it to you. Until then an editor may publish it."
        />
        <ReviewThread notes={notes} timeZone={timeZone} />
      </>
    );
  }
  if (!canEditPost(user, post)) {
    // Typically a contributor's post an editor has published: say where it stands and where to go, not just "no".
    const live = isPubliclyVisible(post, new Date());
    return (
      <>
        <h1 className="page-heading">
          {post.title} <PostStatusBadge status={effectiveStatus(post, new Date())} />
        </h1>
        <div className="notice" role="status">
          <p>{live ? "This post is live on the site. " : ""}You can only edit your own drafts. Ask an editor to change this post.</p>
        </div>
        <ul>
          {live && (
            <li>
              <a href={`/posts/${post.slug}`}>View the post on the site</a>
            </li>
          )}
          <li>
            <Link href="/admin/posts">Back to your posts</Link>
          </li>
        </ul>
      </>
    );
  }
  const [{ saved, restore }, tags, sources, autosave, previewLinks, webmention] = await Promise.all([
    searchParams,
    listTagsVisibleTo(user),
    listSourcesVisibleTo(user),
    getAutosave(user, post.id),
    listActivePreviewLinks(post.id),
    getLatestWebmention(post.id),
  ]);
  // "Restore this version": the revision's text as unsaved changes on the current version, so the save is checked as any other.
  const [restored] = typeof restore === "string" ? await getPostRevisions(user, post.id, [restore]) : [];
  const now = new Date();
  const status = effectiveStatus(post, now);
  const isPublic = isPubliclyVisible(post, now);
  return (
    <>
      <h1 className="page-heading">
        Edit post
        <small>
          <PostStatusBadge status={status} /> · version {post.version} · last saved {formatDateTime(post.updatedAt, timeZone)}
          {post.updatedBy ? ` by ${post.updatedBy.name}` : ""} · <Link href={`/admin/posts/${post.id}/history`}>History</Link>
        </small>
      </h1>
      {webmention && (
        <p className="post-webmention">
          <strong>Webmention:</strong> {describeWebmention(webmention, formatDateTime(webmention.updatedAt, timeZone))}
        </p>
      )}
      <PostForm
        key={restored?.id ?? "current"}
        actions={{ save: savePostAction, remove: deletePostAction, preview: previewMarkdownAction, checkLink: checkLinkAction, prefill: prefillPostAction }}
        post={{
          id: post.id,
          version: post.version,
          // As the admin shows it: a scheduled post whose date has passed is published, and its button says "Update".
          status,
          title: post.title,
          publicHref: isPublic ? `/posts/${post.slug}` : null,
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
        drafts={{
          userId: user.id,
          serverCopy: autosave && {
            values: revisionFormValues(autosave, timeZone),
            savedAt: autosave.createdAt.toISOString(),
            baseVersion: autosave.version,
            where: "server",
          },
          actions: { autosave: autosavePostAction, discard: discardAutosaveAction },
        }}
        timeZone={timeZone}
      />
      <ReviewThread notes={notes} timeZone={timeZone}>
        {canReviewPosts(user) && post.status === "IN_REVIEW" && <ReturnPostForm postId={post.id} version={post.version} action={returnPostAction} />}
      </ReviewThread>
      {/* Whoever may edit the post may share it (canSharePreview); once public, only revoking is left. */}
      {(!isPublic || previewLinks.length > 0) && (
        <PreviewLinks
          postId={post.id}
          canCreate={!isPublic}
          links={previewLinks}
          actions={{ create: createPreviewLinkAction, revoke: revokePreviewLinkAction }}
        />
      )}
    </>
  );
}
