"use server";

import { z } from "zod";
import { invalidInputState } from "@/lib/action-state";
import { checkLink, prefillFromUrl } from "@/lib/capture/prefill";
import { renderMarkdown } from "@/lib/markdown/render";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { LIMITS, postFormSchemaIn, postIdSchema, postSubmissionSchema, withChosenOffset, type PostFormValues } from "@/lib/posts/schema";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formValues, redirectTo, userAction, userCall } from "@/lib/server/action";

const FORM_FIELDS = ["title", "externalUrl", "via", "source", "tags", "publishedAt", "tldr", "summary", "commentary", "slug"] as const;

// The form's fields and the button pressed (the intent), with the post and version being edited. The publish date is
// typed as a wall time in the site's time zone, read when the form is saved; for a wall time the clocks pass twice, the
// offset chosen under it ("Which 01:30?", publish-date-choice.tsx) says which.
const saveSchemaIn = (timeZone: string) =>
  z.preprocess(
    (raw: Record<string, unknown>) => ({ ...raw, publishedAt: withChosenOffset(String(raw.publishedAt ?? ""), String(raw.publishedAtOffset ?? ""), timeZone) }),
    postFormSchemaIn(timeZone).extend(postSubmissionSchema.shape),
  );
const SUBMISSION_FIELDS: PropertyKey[] = Object.keys(postSubmissionSchema.shape);

// Save draft / Publish / Schedule / Unpublish from the post form. The button pressed is the intent.
export const savePostAction = userAction<z.output<ReturnType<typeof saveSchemaIn>>, PostFormValues>({
  values: (formData) => formValues(formData, FORM_FIELDS),
  schema: async () => saveSchemaIn(await getSiteTimeZone()),
  input: (formData, values) => ({
    ...values,
    publishedAtOffset: formData.get("publishedAtOffset") ?? undefined,
    intent: formData.get("intent"),
    postId: formData.get("postId") || undefined,
    version: formData.get("version") || undefined,
    restoredFrom: formData.get("restoredFrom") || undefined,
  }),
  invalid: (error, values) =>
    error.issues.some((issue) => SUBMISSION_FIELDS.includes(issue.path[0]))
      ? { status: "error", message: "Choose one of the buttons to save the post.", values }
      : invalidInputState(error, values),
  run: async (user, { intent, postId, version, restoredFrom, ...input }) => {
    const saved = await savePost(user, { intent, postId, version, input, how: restoredFrom ? "restore" : "form" });
    return redirectTo(`/admin/posts/${saved.id}/edit?saved=${saved.status.toLowerCase()}`);
  },
});

// Move to the trash, after the form's confirmation step.
export const deletePostAction = userAction({
  schema: postIdSchema,
  input: (formData) => ({ postId: formData.get("postId") }),
  invalid: () => ({ status: "error", message: "Which post should be deleted? Reload the page and try again." }),
  run: async (user, { postId }) => {
    await deletePost(user, postId);
    return redirectTo("/admin/posts?deleted=1");
  },
});

// The summary/commentary preview: the same renderer as the public page, so what editors see is what readers get.
export const previewMarkdownAction = userCall(async (_user, markdown: string): Promise<{ html: string } | { error: string }> => {
  if (typeof markdown !== "string" || markdown.length > LIMITS.commentary) return { error: "This text is too long to preview." };
  return { html: renderMarkdown(markdown) };
});

const callArguments = z.tuple([z.string().max(LIMITS.url * 2), z.string().max(64).optional()]);

// The post form's "already posted?" check on the URL as typed: no fetch, so it answers at once.
export const checkLinkAction = userCall(async (user, url: string, exceptPostId?: string) => {
  const parsed = callArguments.safeParse([url, exceptPostId]);
  return parsed.success ? checkLink(user, ...parsed.data) : { error: "Enter a URL to check." };
});

// The post form's prefill: fetch the article (through the safe fetcher) and propose values for the empty fields.
export const prefillPostAction = userCall(async (user, url: string, exceptPostId?: string) => {
  const parsed = callArguments.safeParse([url, exceptPostId]);
  return parsed.success ? prefillFromUrl(user, ...parsed.data) : { error: "Enter a URL to fetch." };
});
