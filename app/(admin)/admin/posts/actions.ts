"use server";

import { z } from "zod";
import { checkLink, prefillFromUrl } from "@/lib/capture/prefill";
import { renderMarkdown } from "@/lib/markdown/render";
import { errorState, invalidInputState } from "@/lib/action-state";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { autosavePost, discardAutosave } from "@/lib/posts/revisions";
import {
  LIMITS,
  postDraftSchema,
  postFormSchemaIn,
  postIdSchema,
  postSubmissionSchema,
  reviewNoteText,
  withChosenOffset,
  type PostFormValues,
  type PostSaveValues,
} from "@/lib/posts/schema";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formValues, redirectTo, userAction, userCall } from "@/lib/server/action";

const FORM_FIELDS = ["title", "externalUrl", "via", "source", "tags", "publishedAt", "tldr", "summary", "commentary", "slug", "reviewNote"] as const;

// The form's fields and the button pressed (the intent), with the post and version being edited, and the note sent
// with "Submit for review". The publish date is typed as a wall time in the site's time zone, read when the form is
// saved; for a wall time the clocks pass twice, the offset chosen under it ("Which 01:30?", publish-date-choice.tsx)
// says which.
const saveSchemaIn = (timeZone: string) =>
  z.preprocess(
    (raw: Record<string, unknown>) => ({ ...raw, publishedAt: withChosenOffset(String(raw.publishedAt ?? ""), String(raw.publishedAtOffset ?? ""), timeZone) }),
    postFormSchemaIn(timeZone).extend(postSubmissionSchema.shape).extend({ reviewNote: reviewNoteText }),
  );
const SUBMISSION_FIELDS: PropertyKey[] = Object.keys(postSubmissionSchema.shape);

// Save draft / Publish / Schedule / Unpublish / Submit for review from the post form. The button pressed is the intent.
export const savePostAction = userAction<z.output<ReturnType<typeof saveSchemaIn>>, PostSaveValues>({
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
  run: async (user, { intent, postId, version, restoredFrom, reviewNote, ...input }) => {
    const note = intent === "review" ? reviewNote : undefined;
    const saved = await savePost(user, { intent, postId, version, input, how: restoredFrom ? "restore" : "form", note });
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

const autosaveArguments = z.tuple([postIdSchema.shape.postId, z.number().int().positive(), postDraftSchema]);

// The post form's autosave, a few seconds after typing stops: the form state as this person's one autosave revision of
// the post, checked as a save would be; the post and its public pages stay as they are (so nothing is revalidated).
export const autosavePostAction = userCall(async (user, postId: string, baseVersion: number, values: PostFormValues) => {
  const parsed = autosaveArguments.safeParse([postId, baseVersion, values]);
  if (!parsed.success) return { error: "This text could not be kept as an autosave." };
  try {
    const saved = await autosavePost(user, { postId: parsed.data[0], baseVersion: parsed.data[1], values: parsed.data[2] });
    return { savedAt: saved?.savedAt.toISOString() ?? null };
  } catch (error) {
    return { error: errorState(error, {}).message };
  }
});

// "Discard" on the form's restore offer: this person's autosave of the post is deleted.
export const discardAutosaveAction = userCall(async (user, postId: string) => {
  const parsed = postIdSchema.shape.postId.safeParse(postId);
  if (!parsed.success) return { error: "Which post? Reload the page and try again." };
  await discardAutosave(user, parsed.data);
  return { discarded: true };
});
