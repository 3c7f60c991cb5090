/**
 * What an import will write for one file or bookmark, decided in memory before the database is touched, so a
 * file's problems are found before its transaction starts and the writes themselves cannot fail on its content.
 * Pure: no database, file system or framework access.
 */
import type { Bookmark } from "@/lib/link-format/bookmarks";
import type { LinkPostDocument } from "@/lib/link-format/front-matter";
import { exportDateText, type PostFileColumns } from "@/lib/export/link-posts";
import { canonicalizeUrl } from "@/lib/posts/canonical-url";
import {
  LIMITS,
  characterProblem,
  lengthProblem,
  publishDateProblem,
  postSlugBase,
  tagNameProblem,
  urlProblem,
  withScheme,
  type TextKind,
} from "@/lib/posts/rules";
import type { PostStatus } from "@/lib/posts/schema";
import { decideStatus } from "@/lib/posts/visibility";
import { SLUG_PATTERN, slugify } from "@/lib/slug";

export type NamedSlug = { name: string; slug: string };

/**
 * A post as the file states it. `undefined` means the input has no such field (a bookmark has no TL;DR, source or
 * kind), so an update leaves the stored value alone.
 */
export type PlannedPost = {
  title: string;
  externalUrl: string;
  canonicalUrl: string;
  /** Where the editor found the link; null when the file has none, undefined for a bookmark (which cannot say). */
  viaUrl?: string | null;
  /** A slug to use when free: the file name of an earlier export (`<slug>.md`). */
  preferredSlug: string | null;
  tldr?: string;
  summary: string;
  commentary?: string;
  kind?: string;
  /** null: the input says nothing (bookmarks), so new posts are drafts and existing ones keep their status. */
  draft: boolean | null;
  publishedAt: Date | null;
  /** The date string exactly as written; null for bookmarks and files without a date. */
  dateText: string | null;
  tags: NamedSlug[];
  source?: NamedSlug | null;
  /** JSON of unknown front-matter keys; null when there are none. */
  extraFields?: string | null;
};

export type ImportItem = { ok: true; file: string; post: PlannedPost; warnings: string[] } | { ok: false; file: string; reason: string; line?: number };

type Refusal = { reason: string; line?: number };

class PlanError extends Error {}

// ISO 8601 instant as the link-post parser accepts it (it has already checked the ranges).
const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** The instant a `date` string names, to the millisecond (finer digits stay in the kept string). */
export function instantOf(dateText: string): Date {
  const m = DATE_PARTS.exec(dateText);
  if (!m) throw new PlanError(`date '${dateText}' is not an ISO 8601 date-time with a UTC offset`);
  const [, year, month, day, hour, minute, second = "00", fraction = "", zulu, sign, offsetHours, offsetMinutes] = m;
  const ms = (fraction + "000").slice(0, 3);
  const offset = zulu ? "Z" : `${sign}${offsetHours}:${offsetMinutes}`;
  // Rebuilt in the one form every JavaScript engine parses the same way (years 0000-0099 included).
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}${offset}`);
  if (Number.isNaN(date.getTime())) throw new PlanError(`date '${dateText}' is out of range`);
  return date;
}

// The post rule every door shares: NUL cannot be stored by PostgreSQL (SQLite would keep it), and no control character
// or unpaired surrogate can be carried by a feed; single-line fields take no tab or line break either.
function checkCharacters(fields: Record<string, [value: string | null | undefined, kind: TextKind]>): void {
  for (const [field, [value, kind]] of Object.entries(fields)) {
    const problem = value ? characterProblem(value, kind) : null;
    if (problem) throw new PlanError(`${field} ${problem}`);
  }
}

function checkDate(field: string, date: Date): Date {
  const problem = publishDateProblem(date);
  if (problem) throw new PlanError(`${field} ${problem}`);
  return date;
}

function checkLength(field: string, value: string, limit: number): void {
  const problem = lengthProblem(value, limit);
  if (problem) throw new PlanError(`${field} ${problem}`);
}

/** The post form's URL rule for a linked address, named by its front-matter key. */
function checkUrl(field: string, raw: string): string {
  const problem = urlProblem(raw);
  if (problem) throw new PlanError(`${field}: ${problem}`);
  return raw;
}

/** The post form's URL rule, then the canonical form of the URL. */
function checkArticleUrl(raw: string): string {
  return canonicalizeUrl(checkUrl("external_url", raw));
}

function planTags(names: string[], warnings: string[]): NamedSlug[] {
  const tags: NamedSlug[] = [];
  for (const [index, name] of names.entries()) {
    // Named by position when the name itself holds a character the report could not show.
    const label = characterProblem(name, "line") ? `tag ${index + 1}` : `tag '${name}'`;
    const problem = tagNameProblem(name) ?? lengthProblem(name, LIMITS.tagName);
    if (problem) throw new PlanError(`${label} ${problem}`);
    const slug = slugify(name);
    const first = tags.find((tag) => tag.slug === slug);
    if (first) warnings.push(`tag '${name}' is the same tag as '${first.name}'; kept once`);
    else tags.push({ name, slug });
  }
  if (tags.length > LIMITS.tags) throw new PlanError(`too many tags: ${tags.length}, the limit is ${LIMITS.tags}`);
  return tags;
}

function planSource(name: string | null): NamedSlug | null {
  if (name === null || name.trim() === "") return null;
  checkLength("source", name, LIMITS.sourceName);
  const slug = slugify(name);
  if (!slug) throw new PlanError(`source '${name}' needs at least one letter or digit`);
  return { name, slug };
}

/** The file name's stem when it is the slug an export gave this title (`<slug>.md`, `<slug>-2.md`). */
export function preferredSlugFor(file: string, post: { title: string; externalUrl: string; publishedAt: Date | null }): string | null {
  const stem = file.split("/").pop()!.replace(/\.md$/i, "");
  const base = postSlugBase(post.title, post.externalUrl, post.publishedAt);
  if (!SLUG_PATTERN.test(stem)) return null;
  return stem === base || new RegExp(`^${base}-[0-9]+$`).test(stem) ? stem : null;
}

function refusal(error: unknown): Refusal {
  if (error instanceof PlanError) return { reason: error.message };
  throw error;
}

/** A parsed link-post file as the post it becomes, or why it cannot be imported. */
export function planLinkPost(file: string, doc: LinkPostDocument, parseWarnings: string[] = []): ImportItem {
  const warnings = [...parseWarnings];
  try {
    checkLength("title", doc.title, LIMITS.title);
    checkLength("post_kind", doc.kind, LIMITS.kind);
    checkCharacters({
      title: [doc.title, "line"],
      source: [doc.source, "line"],
      post_kind: [doc.kind, "line"],
      tldr: [doc.tldr, "text"],
      summary: [doc.summary, "text"],
      commentary: [doc.commentary, "text"],
    });
    const extraKeys = Object.keys(doc.extra);
    let extraFields: string | null = null;
    if (extraKeys.length > 0) {
      extraFields = JSON.stringify(doc.extra);
      if (!survivesJson(doc.extra)) warnings.push("some unknown front-matter values (such as .nan or .inf) cannot be kept exactly");
    }
    const externalUrl = withScheme(doc.externalUrl);
    const publishedAt = doc.date === null ? null : checkDate(`date '${doc.date}'`, instantOf(doc.date));
    return {
      ok: true,
      file,
      warnings,
      post: {
        title: doc.title,
        externalUrl,
        canonicalUrl: checkArticleUrl(externalUrl),
        viaUrl: doc.viaUrl === null ? null : checkUrl("via", withScheme(doc.viaUrl)),
        preferredSlug: preferredSlugFor(file, { title: doc.title, externalUrl, publishedAt }),
        tldr: doc.tldr,
        summary: doc.summary,
        commentary: doc.commentary,
        kind: doc.kind,
        draft: doc.draft,
        publishedAt,
        dateText: doc.date,
        tags: planTags(doc.tags, warnings),
        source: planSource(doc.source),
        extraFields,
      },
    };
  } catch (error) {
    return { ok: false, file, ...refusal(error) };
  }
}

/** Whether JSON gives the value back unchanged: it has no NaN, Infinity or -0. */
function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  return typeof value === "object" && Object.values(value).every(survivesJson);
}

/** A bookmark as a draft link post: title, URL, ADD_DATE, TAGS and the description as summary. */
export function planBookmark(file: string, bookmark: Bookmark): ImportItem {
  try {
    const title = bookmark.title.trim() || bookmark.url;
    checkLength("title", title, LIMITS.title);
    checkLength("description", bookmark.description, LIMITS.summary);
    checkCharacters({ title: [title, "line"], description: [bookmark.description, "text"] });
    if (bookmark.addDate) checkDate("ADD_DATE", bookmark.addDate);
    const warnings: string[] = [];
    return {
      ok: true,
      file,
      warnings,
      post: {
        title,
        externalUrl: bookmark.url,
        canonicalUrl: checkArticleUrl(bookmark.url),
        preferredSlug: null,
        summary: bookmark.description,
        draft: null,
        publishedAt: bookmark.addDate,
        dateText: null,
        tags: planTags(bookmark.tags, warnings),
      },
    };
  } catch (error) {
    return { ok: false, file, ...refusal(error) };
  }
}

/** What a stored post looks like to the comparison. */
export type ExistingPost = PostFileColumns & {
  id: string;
  version: number;
  source: { slug: string } | null;
  tags: { tag: { slug: string } }[];
};

export type DiffOptions = { asDraft: boolean };

/** The fields in which the file differs from the stored post; empty when importing it would change nothing. */
export function diffPost(existing: ExistingPost, planned: PlannedPost, options: DiffOptions): string[] {
  const fields: string[] = [];
  const differs = (field: string, a: unknown, b: unknown) => {
    if (a !== b) fields.push(field);
  };
  differs("title", existing.title, planned.title);
  differs("external_url", existing.externalUrl, planned.externalUrl);
  if (planned.viaUrl !== undefined) differs("via", existing.viaUrl, planned.viaUrl);
  if (planned.tldr !== undefined) differs("tldr", existing.tldr, planned.tldr);
  differs("summary", existing.summary, planned.summary);
  if (planned.commentary !== undefined) differs("commentary", existing.commentary, planned.commentary);
  if (planned.kind !== undefined) differs("post_kind", existing.kind, planned.kind);
  if (planned.source !== undefined) differs("source", existing.source?.slug ?? null, planned.source?.slug ?? null);
  differs("tags", existing.tags.map((link) => link.tag.slug).join("\n"), planned.tags.map((tag) => tag.slug).join("\n"));
  if (planned.extraFields !== undefined) differs("extra fields", existing.extraFields || null, planned.extraFields);
  if (planned.draft !== null && !options.asDraft) differs("draft", existing.status === "DRAFT", planned.draft);
  if (planned.dateText !== null) differs("date", exportDateText(existing), planned.dateText);
  else if (planned.publishedAt) differs("date", existing.publishedAt?.getTime(), planned.publishedAt.getTime());
  return fields;
}

/** Status and publish date of a post created from the file. */
export function newPostState(planned: PlannedPost, options: DiffOptions, now: Date): { status: PostStatus; publishedAt: Date | null } {
  return decideStatus(options.asDraft || planned.draft !== false ? "draft" : "publish", planned.publishedAt, now);
}

/** The columns an update writes: only the fields that differ (tags, source and slug are handled by the caller). */
export function updateColumns(existing: ExistingPost, planned: PlannedPost, fields: string[], options: DiffOptions, now: Date) {
  const has = (field: string) => fields.includes(field);
  const data: Record<string, unknown> = {};
  if (has("title")) data.title = planned.title;
  if (has("external_url")) data.externalUrl = planned.externalUrl;
  if (has("via")) data.viaUrl = planned.viaUrl;
  if (has("tldr")) data.tldr = planned.tldr;
  if (has("summary")) data.summary = planned.summary;
  if (has("commentary")) data.commentary = planned.commentary;
  if (has("post_kind")) data.kind = planned.kind;
  if (has("extra fields")) data.extraFields = planned.extraFields;
  if (has("draft") || has("date")) {
    const keepStatus = options.asDraft || planned.draft === null;
    // Kept: a draft stays a draft, a post in review stays in review, anything else is published at its date.
    const kept = existing.status === "DRAFT" ? "draft" : existing.status === "IN_REVIEW" ? "review" : "publish";
    const intent = keepStatus ? kept : planned.draft === true ? "draft" : "publish";
    const dateGiven = planned.dateText !== null || planned.publishedAt !== null;
    const date = dateGiven ? planned.publishedAt : existing.publishedAt;
    const { status, publishedAt } = decideStatus(intent, date, now);
    data.status = status;
    data.publishedAt = publishedAt;
    if (dateGiven) data.dateText = planned.dateText;
  }
  return data;
}
