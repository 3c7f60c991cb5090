"use server";

import { revalidatePath } from "next/cache";
import { canReviewPosts } from "@/lib/auth/permissions";
import { returnPostToAuthor } from "@/lib/posts/review";
import { returnPostSchema } from "@/lib/posts/schema";
import { formValues, redirectTo, userAction } from "@/lib/server/action";

// "Return to author" from a post in review: back to a draft with the editor's note, then on to the inbox.
export const returnPostAction = userAction({
  allowed: canReviewPosts,
  forbidden: "Only editors and admins can return a post to its author.",
  values: (formData) => formValues(formData, ["note"]),
  schema: returnPostSchema,
  input: (formData, values) => ({ ...values, postId: formData.get("postId"), version: formData.get("version") || undefined }),
  run: async (user, command) => {
    const returned = await returnPostToAuthor(user, command);
    return redirectTo(`/admin/review?returned=${encodeURIComponent(returned.id)}`);
  },
  revalidate: () => revalidatePath("/admin", "layout"),
});
