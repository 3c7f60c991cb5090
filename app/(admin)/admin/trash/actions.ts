"use server";

import { revalidatePath } from "next/cache";
import { canPurgePosts } from "@/lib/auth/permissions";
import { purgePost, restorePost } from "@/lib/posts/mutations";
import { postIdSchema } from "@/lib/posts/schema";
import { userAction } from "@/lib/server/action";

const reload = () => ({ status: "error" as const, message: "Which post? Reload the page and try again." });

// The trash and the posts list both change with a restore or a purge.
function revalidateTrash() {
  revalidatePath("/admin/trash");
  revalidatePath("/admin/posts");
}

// Restore a post from the trash (the mutation checks who may, per post).
export const restorePostAction = userAction({
  schema: postIdSchema,
  input: (formData) => ({ postId: formData.get("postId") }),
  invalid: reload,
  run: async (user, { postId }) => {
    const restored = await restorePost(user, postId);
    return {
      status: "success",
      message: `“${restored.title}” is restored${restored.visible ? " and back on the site" : ""}.`,
      link: { href: `/admin/posts/${restored.id}/edit`, label: "Open it" },
    };
  },
  revalidate: revalidateTrash,
});

// Delete one trashed post for good, after the list's confirmation step: admins only.
export const purgePostAction = userAction({
  allowed: canPurgePosts,
  forbidden: "Only admins can delete posts for good.",
  schema: postIdSchema,
  input: (formData) => ({ postId: formData.get("postId") }),
  invalid: reload,
  run: async (user, { postId }) => {
    await purgePost(user, postId);
    return { status: "success", message: "The post is deleted for good." };
  },
  revalidate: revalidateTrash,
});
