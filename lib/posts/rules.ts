/**
 * The rules every door into a post shares (the post form, link-post files, bookmark files), also used by the tag,
 * source and settings forms: characters a text may hold, the one URL rule, the range of publish dates. Each returns a
 * problem (a phrase without the field's name) or null, so each door words the refusal its own way while deciding the
 * same thing; checkedText is the zod field the forms build on. No server imports: the browser form uses it too.
 */

import { z } from "zod";

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

export type UrlRule = {
  /** A host such as "intranet" is refused unless this is false (the site's own address may be one). */
  fullHostName?: boolean;
};

/**
 * The one rule for a linked address: no control characters (the URL parser would silently drop a trailing NUL and
 * accept what is then stored), absolute http(s), no user name or password, a full host name. Returns the sentence to
 * show, or null.
 */
export function urlProblem(value: string, rule: UrlRule = {}): string | null {
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
  if (rule.fullHostName !== false && !url.hostname.includes(".") && url.hostname !== "localhost")
    return "The URL needs a full host name, such as example.com.";
  if (!url.hostname) return "Enter a full URL starting with https:// or http://.";
  return null;
}

/** The earliest and latest instants a post may carry: archive pages exist for 1970 to 9999. */
export const PUBLISH_DATE_RANGE = { min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z") } as const;

/** Why a publish date cannot be used (outside 1970-9999 in UTC), or null. */
export function publishDateProblem(date: Date): string | null {
  if (Number.isNaN(date.getTime()) || date < PUBLISH_DATE_RANGE.min || date > PUBLISH_DATE_RANGE.max)
    return "must be between 1970 and 9999 (UTC)";
  return null;
}
