import type { Metadata } from "next";
import { PostForm } from "@/components/posts/post-form";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canPublish } from "@/lib/auth/permissions";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { deletePostAction, previewMarkdownAction, savePostAction } from "../actions";

export const metadata: Metadata = { title: "New post" };

// GET /admin/posts/new: an empty post form.
export default async function NewPostPage() {
  const user = await requireAdminPageUser("/admin/posts/new");
  const [tags, sources] = await Promise.all([listTagsVisibleTo(user), listSourcesVisibleTo(user)]);
  return (
    <>
      <h1 className="page-heading">New post</h1>
      <PostForm
        actions={{ save: savePostAction, remove: deletePostAction, preview: previewMarkdownAction }}
        post={null}
        initialValues={EMPTY_POST_FORM}
        canPublish={canPublish(user)}
        canDelete={false}
        tagSuggestions={tags.map((tag) => tag.name)}
        sourceSuggestions={sources.map((source) => source.name)}
      />
    </>
  );
}
