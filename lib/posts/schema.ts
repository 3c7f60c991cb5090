import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/slug";
import { DEFAULT_TIME_ZONE, formatOffset, offsetMinutes, zonedWallTimeToInstant, zoneAbbreviation } from "@/lib/time-zone";
import { LIMITS, TAG_SEPARATOR, lengthProblem, limitedText, publishDateProblem, tagNameProblem, urlField } from "./rules";

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

// datetime-local sends "2026-05-01T09:30" (seconds optional); a space instead of "T" is accepted too. Such a wall time
// is read in the time zone given (the form's: the site's; every other door's: UTC). An explicit offset ("…+02:00" or
// "Z") is an instant and honoured as it is. Impossible dates (30 February) are refused.
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A readable date, or why not; a wall time the clocks pass twice also gives the two offsets to choose from. */
type PublishDateReading = { date: Date } | { problem: string; offsets?: { offset: string; label: string }[] };

/** Reads a publish date; a wall time that the zone skips or repeats (a daylight-saving change) is a problem to show. */
export function readPublishDate(value: string, timeZone = DEFAULT_TIME_ZONE): PublishDateReading | null {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = "00", fraction = "", offset] = match;
  const calendarIntact =
    Number(month) >= 1 && Number(month) <= 12 && Number(day) === new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate();
  if (!calendarIntact || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (offset) {
    const date = new Date(value.replace(" ", "T"));
    return Number.isNaN(date.getTime()) ? null : { date };
  }
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Math.floor(Number(fraction || 0) * 1000));
  const reading = zonedWallTimeToInstant(wall, timeZone);
  const shown = `${year}-${month}-${day} ${hour}:${minute}`;
  if (reading.kind === "exact") return { date: reading.date };
  if (reading.kind === "gap")
    return { problem: `${shown} does not exist in ${timeZone}: the clocks skip that hour when summer time starts. Choose a time outside the gap.` };
  const offsets = [reading.earlier, reading.later].map((date, index) => {
    const offset = formatOffset(offsetMinutes(date, timeZone));
    return { offset, label: `${index === 0 ? "The first" : "The second"}, at UTC${offset} (${zoneAbbreviation(date, timeZone)})` };
  });
  return {
    problem: `${shown} happens twice in ${timeZone}: the clocks go back that night. Choose which one below.`,
    offsets,
  };
}

/**
 * The form's publish date with the offset the editor chose for a wall time that happens twice; any other value, or an
 * offset that is not one of its two, is left as typed (so a choice left over from an earlier date changes nothing).
 */
export function withChosenOffset(value: string, offset: string, timeZone: string): string {
  const reading = readPublishDate(value.trim(), timeZone);
  const offsets = reading && "offsets" in reading ? (reading.offsets ?? []) : [];
  return offsets.some((choice) => choice.offset === offset) ? `${value.trim()}${offset}` : value;
}

const publishDate = (timeZone: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (!value) return null;
      const reading = readPublishDate(value, timeZone);
      if (!reading || "problem" in reading) {
        ctx.addIssue({ code: "custom", message: reading?.problem ?? "Enter a date and time, such as 2026-05-01 09:30." });
        return z.NEVER;
      }
      const problem = publishDateProblem(reading.date);
      if (problem) {
        ctx.addIssue({ code: "custom", message: `The publish date ${problem}.` });
        return z.NEVER;
      }
      return reading.date;
    });

const optionalSlug = limitedText("The slug", "line", LIMITS.slug)
  .toLowerCase()
  .refine((value) => value === "" || SLUG_PATTERN.test(value), "Use only lower-case letters, digits and single hyphens.");

/** The post form, shared by the browser form and the server. */
export const postFormSchema = z.object({
  title: limitedText("The title", "line", LIMITS.title).min(1, "Enter a title."),
  externalUrl,
  via,
  source: limitedText("The source name", "line", LIMITS.sourceName),
  tags: tagList,
  publishedAt: publishDate(DEFAULT_TIME_ZONE),
  tldr: limitedText("The TL;DR", "text", LIMITS.tldr),
  summary: limitedText("The summary", "text", LIMITS.summary),
  commentary: limitedText("The commentary", "text", LIMITS.commentary),
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

/** The post form as the admin's form sends it: a publish date without an offset is a wall time in the site's zone. */
export function postFormSchemaIn(timeZone: string) {
  return postFormSchema.extend({ publishedAt: publishDate(timeZone) });
}

export type PostFormInput = z.input<typeof postFormSchema>;
export type PostInput = z.output<typeof postFormSchema>;
export type PostFormValues = Record<keyof PostFormInput, string>;
/** What the post form sends back on a failed save: its fields and the note written for "Submit for review". */
export type PostSaveValues = PostFormValues & { reviewNote?: string };

/** The post form's fields and their labels, in the order the form shows them (its error summary, the locked view). */
export const POST_FIELD_LABELS = [
  ["title", "Title"],
  ["externalUrl", "External URL"],
  ["source", "Source"],
  ["tags", "Tags"],
  ["tldr", "TL;DR"],
  ["summary", "Summary"],
  ["commentary", "Commentary"],
  ["publishedAt", "Publish date"],
  ["slug", "Slug"],
  ["via", "Via"],
] as const satisfies readonly (readonly [keyof PostFormValues, string])[];

export const postSubmissionSchema = z.object({
  intent: z.enum(POST_INTENTS, { message: "Choose what to do with the post." }),
  postId: z.string().max(64).optional(),
  version: z.coerce.number().int().positive().optional(),
  /** The revision whose text "Restore this version" put in the form; the save is recorded as a restore. */
  restoredFrom: z.string().max(64).optional(),
});

/** What a post's page shows (components/posts/post-article.tsx): its text with the TL;DR, summary and commentary already rendered to safe HTML. */
export type ArticlePost = {
  title: string;
  externalUrl: string;
  viaUrl: string | null;
  tldrHtml: string;
  summaryHtml: string;
  commentaryHtml: string;
  publishedAt: Date;
  source: { name: string; slug: string } | null;
  tags: { name: string; slug: string }[];
  /** An archived copy of the original, given only once the original is dead (lib/links): readers are pointed to it. */
  archiveUrl?: string | null;
};

export const POST_LIST_FILTERS = ["all", "draft", "in_review", "scheduled", "published"] as const;
export type PostListFilter = (typeof POST_LIST_FILTERS)[number];

/** The admin list's sortable columns; "date" is the publish date, "updated" the last change. */
export const POST_LIST_SORTS = ["date", "updated", "title", "status", "author", "source"] as const;
export type PostListSort = (typeof POST_LIST_SORTS)[number];
export type SortDirection = "asc" | "desc";
/** The direction a column sorts in when first chosen: dates newest first, words from A. */
export const DEFAULT_SORT_DIRECTION: Record<PostListSort, SortDirection> = {
  date: "desc",
  updated: "desc",
  title: "asc",
  status: "asc",
  author: "asc",
  source: "asc",
};
export const POST_LIST_SIZES = [25, 50, 100] as const;
export type PostListSize = (typeof POST_LIST_SIZES)[number];

/** A page number from the URL; anything odd is the first page. */
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

// Every value comes from the URL, so anything odd falls back to the default rather than being refused.
export const postListQuerySchema = z
  .object({
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
    q: z.string().trim().max(LIMITS.title).optional().catch(undefined),
    page: pageParam,
    sort: z.enum(POST_LIST_SORTS).catch("date"),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
    size: z.coerce
      .number()
      .refine((size): size is PostListSize => (POST_LIST_SIZES as readonly number[]).includes(size))
      .catch(POST_LIST_SIZES[0]),
  })
  .transform(({ dir, tag, source, q, ...query }) => ({
    ...query,
    // An empty field of the filter form is no filter.
    tag: tag || undefined,
    source: source || undefined,
    q: q || undefined,
    dir: dir ?? DEFAULT_SORT_DIRECTION[query.sort],
    size: query.size as PostListSize,
  }));
export type PostListQuery = z.output<typeof postListQuerySchema>;

/** What the posts list's bulk actions do to each post ticked (lib/posts/bulk.ts). */
export const BULK_ACTIONS = ["publish", "unpublish", "trash", "add_tag", "remove_tag", "set_source"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** The most posts one bulk action takes: the largest page of the list. */
export const BULK_MAX_POSTS = POST_LIST_SIZES[POST_LIST_SIZES.length - 1];

/** A ticked row: the post's id and the version the list showed ("id@version"), so a post changed since is not overwritten. */
const bulkPostRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}@\d{1,9}$/)
  .transform((value) => {
    const [id, version] = value.split("@");
    return { id, version: Number(version) };
  });

export const bulkPostsSchema = z
  .object({
    action: z.enum(BULK_ACTIONS, { message: "Choose what to do with the selected posts." }),
    posts: z.array(bulkPostRef, { message: "Select at least one post." }).min(1, "Select at least one post.").max(BULK_MAX_POSTS),
    tag: limitedText("The tag", "line", LIMITS.tagName),
    source: limitedText("The source name", "line", LIMITS.sourceName),
  })
  .superRefine((value, ctx) => {
    const tagProblem = value.tag ? tagNameProblem(value.tag) : null;
    if (tagProblem) ctx.addIssue({ code: "custom", path: ["tag"], message: `The tag ${tagProblem}.` });
    if ((value.action === "add_tag" || value.action === "remove_tag") && !value.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "Enter the tag." });
    if (value.action === "set_source" && !value.source) ctx.addIssue({ code: "custom", path: ["source"], message: "Enter the source's name." });
  });
export type BulkCommand = z.output<typeof bulkPostsSchema>;

/** A note on a post's review thread: optional when submitting, required when returning a post or commenting. */
export const reviewNoteText = limitedText("The note", "text", LIMITS.reviewNote);
export const postNoteSchema = z.object({ postId: z.string().min(1).max(64), note: reviewNoteText.min(1, "Write a note.") });
export const returnPostSchema = postNoteSchema.extend({ version: z.coerce.number().int().positive().optional() });

export const trashQuerySchema = z.object({ page: pageParam });
