"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { requireUser } from "@/lib/auth/session";
import { renderMarkdown } from "@/lib/markdown/render";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { LIMITS, postFormSchema, postSubmissionSchema, type PostFormValues } from "@/lib/posts/schema";

export type PostFormState = ActionState<PostFormValues>;

const FORM_FIELDS = ["title", "externalUrl", "source", "tags", "publishedAt", "tldr", "summary", "commentary", "slug"] as const;

function submittedValues(formData: FormData): PostFormValues {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, String(formData.get(field) ?? "")])) as PostFormValues;
}

// Save draft / Publish / Schedule / Unpublish from the post form. The button pressed is the intent.
export async function savePostAction(_previous: PostFormState, formData: FormData): Promise<PostFormState> {
  const values = submittedValues(formData);
  let saved;
  try {
    const user = await requireUser();
    const submission = postSubmissionSchema.safeParse({
      intent: formData.get("intent"),
      postId: formData.get("postId") || undefined,
      version: formData.get("version") || undefined,
    });
    if (!submission.success) return { status: "error", message: "Choose one of the buttons to save the post.", values };
    const input = postFormSchema.safeParse(values);
    if (!input.success) return invalidInputState(input.error, values);
    saved = await savePost(user, { ...submission.data, input: input.data });
  } catch (error) {
    return errorState(error, values);
  }
  redirect(`/admin/posts/${saved.id}/edit?saved=${saved.status.toLowerCase()}`);
}

const deleteSchema = z.object({ postId: z.string().min(1).max(64) });

// Delete, after the form's confirmation step.
export async function deletePostAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const parsed = deleteSchema.safeParse({ postId: formData.get("postId") });
    if (!parsed.success) return { status: "error", message: "Which post should be deleted? Reload the page and try again." };
    await deletePost(user, parsed.data.postId);
  } catch (error) {
    return errorState(error, {});
  }
  redirect("/admin/posts?deleted=1");
}

// The summary/commentary preview: the same renderer as the public page, so what editors see is what readers get.
export async function previewMarkdownAction(markdown: string): Promise<{ html: string } | { error: string }> {
  try {
    await requireUser();
  } catch (error) {
    return { error: errorState(error, {}).message ?? "Sign in again to preview." };
  }
  if (typeof markdown !== "string" || markdown.length > LIMITS.commentary) return { error: "This text is too long to preview." };
  return { html: renderMarkdown(markdown) };
}
