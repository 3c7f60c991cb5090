import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/slug";
import { LIMITS, TAG_SEPARATOR, checkedText, lengthProblem, limitedText, publishDateProblem, urlField } from "./rules";

export const POST_STATUSES = ["DRAFT", "IN_REVIEW", "SCHEDULED", "PUBLISHED"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A status as the admin words it (badges, lists, history). */
export const POST_STATUS_LABELS: Record<PostStatus, string> = { DRAFT: "draft", IN_REVIEW: "in review", SCHEDULED: "scheduled", PUBLISHED: "published" };

/** "review": submit for review (a contributor's draft), or save a post in review and keep it there (an editor). */
export const POST_INTENTS = ["draft", "review", "publish", "schedule", "unpublish"] as const;
export type PostIntent = (typeof POST_INTENTS)[number];

/** How long a deleted post waits in the trash, restorable, before it is deleted for good. */
export const TRASH_DAYS = 30;

/** A post's id as a form or a call sends it (the trash's buttons, deletion). */
export const postIdSchema = z.object({ postId: z.string().min(1).max(64) });

// The form's limits are the post rules' one table (rules.ts), re-exported for the form's code.
export { LIMITS };

const externalUrl = urlField({ required: "Enter the URL of the article." });
/** Where the editor found the link: the article URL's rule, but optional (empty or left out is none). */
const via = urlField()
  .optional()
  .transform((value) => value || null);

/** Tags typed as a comma-separated list: trimmed, empty entries dropped, duplicates (by name, any case) removed. */
export function parseTagList(value: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of value.split(TAG_SEPARATOR)) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      tags.push(name);
    }
  }
  return tags;
}

const tagList = limitedText("The tags", "line", LIMITS.tags * (LIMITS.tagName + 2), "Too many tags.")
  .transform(parseTagList)
  .pipe(
    z
      .array(z.string().refine((tag) => !lengthProblem(tag, LIMITS.tagName), `Each tag can be at most ${LIMITS.tagName} characters.`))
      .max(LIMITS.tags, `A post can have at most ${LIMITS.tags} tags.`),
  );

// datetime-local sends "2026-05-01T09:30" (seconds optional); a space instead of "T" is accepted too. Both are read as
// UTC, as the form says. An explicit offset ("…+02:00" or "Z") is honoured. Impossible dates (30 February) are refused.
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

export function parsePublishDate(value: string): Date | null {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = "00", offset] = match;
  const date = new Date(value.replace(" ", "T") + (offset ? "" : "Z"));
  const calendarIntact =
    Number(month) >= 1 && Number(month) <= 12 && Number(day) === new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate();
  if (Number.isNaN(date.getTime()) || !calendarIntact || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return date;
}

const publishDate = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = parsePublishDate(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time, such as 2026-05-01 09:30." });
      return z.NEVER;
    }
    const problem = publishDateProblem(date);
    if (problem) {
      ctx.addIssue({ code: "custom", message: `The publish date ${problem}.` });
      return z.NEVER;
    }
    return date;
  });

const optionalSlug = checkedText("The slug", "line")
  .toLowerCase()
  .max(LIMITS.slug, `The slug can be at most ${LIMITS.slug} characters.`)
  .refine((value) => value === "" || SLUG_PATTERN.test(value), "Use only lower-case letters, digits and single hyphens.");

/** The post form, shared by the browser form and the server. */
export const postFormSchema = z.object({
  title: limitedText("The title", "line", LIMITS.title, `The title can be at most ${LIMITS.title} characters.`).min(1, "Enter a title."),
  externalUrl,
  via,
  source: limitedText("The source", "line", LIMITS.sourceName, `The source name can be at most ${LIMITS.sourceName} characters.`),
  tags: tagList,
  publishedAt: publishDate,
  tldr: limitedText("The TL;DR", "text", LIMITS.tldr, `The TL;DR can be at most ${LIMITS.tldr} characters.`),
  summary: limitedText("The summary", "text", LIMITS.summary, `The summary can be at most ${LIMITS.summary} characters.`),
  commentary: limitedText("The commentary", "text", LIMITS.commentary, `The commentary can be at most ${LIMITS.commentary} characters.`),
  slug: optionalSlug,
});

// An autosave's bound per field: twice the field's own limit, so text that is being cut back under its limit is still
// kept, while nobody can park megabytes in the database through the autosave.
const draftText = (limit: number) => z.string().max(limit * 2, "This text is too long to keep as an autosave.");

/**
 * The post form's fields as typed, for autosaves and the browser's copy: the form schema's fields, every one plain
 * text with a bound, because a half-typed draft (an unfinished URL, an empty title) must be kept, not refused.
 */
export const postDraftSchema = z.object({
  title: draftText(LIMITS.title),
  externalUrl: draftText(LIMITS.url),
  via: draftText(LIMITS.url),
  source: draftText(LIMITS.sourceName),
  tags: draftText(LIMITS.tags * (LIMITS.tagName + 2)),
  publishedAt: draftText(32),
  tldr: draftText(LIMITS.tldr),
  summary: draftText(LIMITS.summary),
  commentary: draftText(LIMITS.commentary),
  slug: draftText(LIMITS.slug),
} satisfies Record<keyof z.input<typeof postFormSchema>, z.ZodString>);

export type PostFormInput = z.input<typeof postFormSchema>;
export type PostInput = z.output<typeof postFormSchema>;
export type PostFormValues = Record<keyof PostFormInput, string>;
/** What the post form sends back on a failed save: its fields and the note written for "Submit for review". */
export type PostSaveValues = PostFormValues & { reviewNote?: string };

export const postSubmissionSchema = z.object({
  intent: z.enum(POST_INTENTS, { message: "Choose what to do with the post." }),
  postId: z.string().max(64).optional(),
  version: z.coerce.number().int().positive().optional(),
  /** The revision whose text "Restore this version" put in the form; the save is recorded as a restore. */
  restoredFrom: z.string().max(64).optional(),
});

/** What a post's page shows (components/posts/post-article.tsx): its text with the summary and commentary already rendered to safe HTML. */
export type ArticlePost = {
  title: string;
  externalUrl: string;
  viaUrl: string | null;
  tldr: string;
  summaryHtml: string;
  commentaryHtml: string;
  publishedAt: Date;
  source: { name: string; slug: string } | null;
  tags: { name: string; slug: string }[];
};

export const POST_LIST_FILTERS = ["all", "draft", "in_review", "scheduled", "published"] as const;
export type PostListFilter = (typeof POST_LIST_FILTERS)[number];
export const postListQuerySchema = z.object({
  status: z.enum(POST_LIST_FILTERS).catch("all"),
  tag: z
    .string()
    .max(LIMITS.tagName * 2)
    .optional()
    .catch(undefined),
  source: z
    .string()
    .max(LIMITS.sourceName * 2)
    .optional()
    .catch(undefined),
  q: z.string().max(LIMITS.title).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PostListQuery = z.infer<typeof postListQuerySchema>;

/** A note on a post's review thread: optional when submitting, required when returning a post or commenting. */
export const reviewNoteText = limitedText("The note", "text", LIMITS.reviewNote, `The note can be at most ${LIMITS.reviewNote} characters.`);
export const postNoteSchema = z.object({ postId: z.string().min(1).max(64), note: reviewNoteText.min(1, "Write a note.") });
export const returnPostSchema = postNoteSchema.extend({ version: z.coerce.number().int().positive().optional() });

export const trashQuerySchema = postListQuerySchema.pick({ page: true });
