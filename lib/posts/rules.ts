/**
 * The rules every door into a post shares (the post form, link-post files, bookmark files, and later the API), also
 * used by the tag, source, settings and export code: the field limits, characters a text may hold, the one URL rule,
 * the tag-name rule, the range of publish dates. Each returns a problem (a phrase without the field's name) or null,
 * so each door words the refusal its own way while deciding the same thing; checkedText and urlField are the zod
 * fields the forms build on. No server imports: the browser form uses it too.
 */

import { z } from "zod";
import { slugify } from "@/lib/slug";

/**
 * The one table of a post's limits, in characters (Unicode code points: an emoji is one), for every door. The columns
 * are unbounded text, so these are the only limits; the corpus stays far below them (longest title 135, URL 186,
 * source 28, kind 4, tag 16, at most 3 tags). A tag or source renamed in its own screen follows the same limit.
 */
export const LIMITS = {
  title: 300,
  url: 2048,
  sourceName: 100,
  tags: 20,
  tagName: 50,
  tldr: 2000,
  summary: 20_000,
  commentary: 50_000,
  slug: 200,
  kind: 30,
  /** A note on a post's review thread (submitting, returning, a comment). */
  reviewNote: 2000,
} as const;

/**
 * A link-post file's own limit, in bytes. Every field at its limit above, written with YAML's longest escape (6 bytes
 * a character), takes under half of it; the rest leaves room for unknown front-matter keys, which are kept as they are.
 */
export const LINK_POST_FILE_BYTES = 1024 * 1024;

/** Length in Unicode code points, so an emoji counts as one character at every door (and in the form's counters). */
export function characterCount(value: string): number {
  return value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** Single-line fields (title, URL, source, tags, slug, kind) take no tab or line break; multi-line fields do. */
export type TextKind = "line" | "text";

// C0 controls, DEL, unpaired UTF-16 surrogates and the two non-characters XML cannot carry. A URL parser silently drops
// some of them (a trailing NUL), PostgreSQL cannot store NUL and no feed can carry them, so no field may hold them.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why a text cannot be stored or published (a control character, a broken character), or null when it can. */
export function characterProblem(value: string, kind: TextKind): string | null {
  const found = (kind === "line" ? FORBIDDEN_IN_LINE : FORBIDDEN_IN_TEXT).exec(value);
  if (!found) return null;
  const ch = found[0];
  if (ch >= "\uD800" && ch <= "\uDFFF") return `contains a broken character (an unpaired surrogate ${codePoint(ch)}); remove it`;
  if (ch === "\t" || ch === "\n" || ch === "\r") return `must be one line: it contains a tab or line break (${codePoint(ch)}); remove it`;
  return `contains an invisible control character (${codePoint(ch)}); remove it`;
}

/**
 * A form's text field under the rule: trimmed (white space at either end is dropped, never stored), then refused with
 * a message naming the field ("The title contains ...") when it holds a character no post may carry.
 */
export function checkedText(label: string, kind: TextKind) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = characterProblem(value, kind);
      if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}.`, continue: false });
    });
}

/** Why a text is longer than its limit, counted as every door counts (in characters), or null. */
export function lengthProblem(value: string, limit: number): string | null {
  // The UTF-16 length bounds the count from above: short texts are not counted.
  if (value.length <= limit) return null;
  const count = characterCount(value);
  return count > limit ? `is too long: ${count} characters, the limit is ${limit}` : null;
}

/**
 * checkedText within a limit in characters. The refusal gives the count in the words every door uses ("The title is
 * too long: 301 characters, the limit is 300."), so the editor knows how much to cut: no door cuts a text silently.
 * `tooLong` words it otherwise.
 */
export function limitedText(label: string, kind: TextKind, limit: number, tooLong?: string) {
  return checkedText(label, kind).superRefine((value, ctx) => {
    const problem = lengthProblem(value, limit);
    if (problem) ctx.addIssue({ code: "custom", message: tooLong ?? `${label} ${problem}.` });
  });
}

export type UrlRule = {
  /** A host such as "intranet" is refused unless this is false (the site's own address may be one). */
  fullHostName?: boolean;
  /** In characters; an article's URL (LIMITS.url) unless the field is shorter. */
  maxLength?: number;
};

/**
 * The one rule for a linked address: at most its length, no control characters (the URL parser would silently drop
 * a trailing NUL and accept what is then stored), absolute http(s), no user name or password, a full host name.
 * Returns the sentence to show, or null.
 */
export function urlProblem(value: string, rule: UrlRule = {}): string | null {
  const maxLength = rule.maxLength ?? LIMITS.url;
  if (lengthProblem(value, maxLength)) return `The URL is longer than ${maxLength} characters.`;
  const characters = characterProblem(value, "line");
  if (characters) return `The URL ${characters}.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL starting with https:// or http://.";
  }
  if (/\s/.test(value)) return "The URL must not contain spaces; write them as %20.";
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Only http:// and https:// URLs can be linked.";
  if (url.username || url.password) return "Remove the user name or password from the URL.";
  if (rule.fullHostName !== false && !url.hostname.includes(".") && url.hostname !== "localhost") return "The URL needs a full host name, such as example.com.";
  if (!url.hostname) return "Enter a full URL starting with https:// or http://.";
  return null;
}

// A host name with a dot, an optional port, then the end or a path, query or fragment: "kubernetes.io/blog/…",
// "www.example.com:8443". A scheme ("mailto:…"), user info, a bare "localhost" or a path never match.
const HOST_FIRST = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\.?(?::\d+)?(?:[/?#]|$)/u;

/**
 * An address typed without a scheme ("kubernetes.io/blog/…", as copied from a browser's address bar) with https://
 * in front; anything else (empty, a scheme already, a path, text with spaces) as it is, for urlProblem to judge.
 */
export function withScheme(value: string): string {
  const trimmed = value.trim();
  return HOST_FIRST.test(trimmed) ? `https://${trimmed}` : value;
}

/**
 * A form's URL field under the URL rule: trimmed, completed with https:// when typed without a scheme (withScheme),
 * then `required` when empty (empty passes when not required), the field's own wording when too long (`tooLong`),
 * else urlProblem's sentence.
 */
export function urlField(rule: UrlRule & { required?: string; tooLong?: string } = {}) {
  return z
    .string()
    .trim()
    .transform(withScheme)
    .superRefine((value, ctx) => {
      const problem = !value
        ? (rule.required ?? null)
        : rule.tooLong && lengthProblem(value, rule.maxLength ?? LIMITS.url)
          ? rule.tooLong
          : urlProblem(value, rule);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** What separates tags where a list of them is one text: the post form's tag field and a bookmark's TAGS="a,b". */
export const TAG_SEPARATOR = ",";

/**
 * Why a tag name cannot be used, or null, wherever a tag comes in (the post form, the tag screen, link-post and
 * bookmark files): the text rule for one line; no comma, since the post form's tag field and a bookmark's TAGS="a,b"
 * separate tags with commas, so such a tag could not be typed, shown for editing or written back; at least one letter
 * or digit, which its slug needs. Its length is checked beside this against LIMITS.tagName.
 */
export function tagNameProblem(name: string): string | null {
  const characters = characterProblem(name, "line");
  if (characters) return characters;
  if (name.includes(TAG_SEPARATOR)) return "cannot contain a comma: the post form separates tags with commas";
  if (!slugify(name)) return "needs at least one letter or digit";
  return null;
}

/** The earliest and latest instants a post may carry: archive pages exist for 1970 to 9999. */
export const PUBLISH_DATE_RANGE = { min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z") } as const;

/** Why a publish date cannot be used (outside 1970-9999 in UTC), or null. */
export function publishDateProblem(date: Date): string | null {
  if (Number.isNaN(date.getTime()) || date < PUBLISH_DATE_RANGE.min || date > PUBLISH_DATE_RANGE.max) return "must be between 1970 and 9999 (UTC)";
  return null;
}

/**
 * The slug a post takes when none is typed, for every door that creates one (the form, link-post and bookmark
 * imports): the title's, or, for a title with nothing to transliterate (emoji, symbols, a script slugify cannot
 * spell), the article's host and the publish date ("kubernetes-io-2026-12-03"), so no post is ever just "post".
 */
export function postSlugBase(title: string, externalUrl: string, publishedAt: Date | null, now = new Date()): string {
  const fromTitle = slugify(title);
  if (fromTitle) return fromTitle;
  let host = "";
  try {
    host = new URL(externalUrl).hostname.replace(/^www\./, "");
  } catch {
    // An unreadable URL is refused elsewhere; the date alone still makes a slug.
  }
  const date = (publishedAt ?? now).toISOString().slice(0, 10);
  return slugify(`${host} ${date}`);
}
