/**
 * A capture: what the bookmarklet, a share target or any tool hands the new-post form (`url`, `title`, `selection`,
 * `via`, by GET query or POST form alike), and how it becomes the form's first values. Captures come from arbitrary
 * pages, so nothing is refused here: text is cleaned and cut to size, and the post form's own rules judge it on save.
 * No server imports: the form's code uses it too.
 */

import { z } from "zod";
import type { ExistingPostNotice } from "@/lib/posts/existing";
import { LIMITS } from "@/lib/posts/rules";
import type { PostFormValues } from "@/lib/posts/schema";

export const CAPTURE_FIELDS = ["url", "title", "selection", "via"] as const;
export type CaptureField = (typeof CAPTURE_FIELDS)[number];
export type Capture = Record<CaptureField, string>;

/** The longest selection kept, in characters; a longer one is cut (the editor trims the quote anyway). */
export const SELECTION_LIMIT = 10_000;

// Control characters a field may not hold (the post rules refuse them); line breaks survive in the selection only.
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Cuts to `limit` code points without splitting a surrogate pair. */
function cut(value: string, limit: number): string {
  return Array.from(value).slice(0, limit).join("");
}

const line = (limit: number) =>
  z.unknown().transform((value) => (typeof value === "string" ? cut(value.replace(CONTROL_IN_LINE, " ").replace(/\s+/g, " ").trim(), limit) : ""));

const selection = z.unknown().transform((value) =>
  typeof value === "string"
    ? cut(
        value
          .replace(/\r\n?/g, "\n")
          .replace(CONTROL_IN_TEXT, "")
          .replace(/[ \t]+$/gm, "")
          .replace(/\n{3,}/g, "\n\n")
          .trim(),
        SELECTION_LIMIT,
      )
    : "",
);

export const captureSchema = z.object({ url: line(LIMITS.url), title: line(LIMITS.title), selection, via: line(LIMITS.url) });

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/i;

/**
 * The capture a request carries, from any source of named values (a query, a form). A share target on Android often
 * puts the link in the text rather than the url field; the first web address in the text is then the URL.
 */
export function readCapture(get: (name: CaptureField) => unknown): Capture {
  const capture = captureSchema.parse(Object.fromEntries(CAPTURE_FIELDS.map((name) => [name, get(name)])));
  if (!capture.url) {
    const found = URL_IN_TEXT.exec(capture.selection) ?? URL_IN_TEXT.exec(capture.title);
    if (found) {
      capture.url = found[0].replace(/[.,;:!?)\]]+$/, "");
      capture.selection = capture.selection.replace(capture.url, "").trim();
    }
  }
  // "via" is a web page the editor came from, and not the article itself (a referrer may be anything).
  if (!isWebAddress(capture.via) || capture.via === capture.url) capture.via = "";
  return capture;
}

function isWebAddress(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

export function isEmptyCapture(capture: Capture): boolean {
  return CAPTURE_FIELDS.every((name) => capture[name] === "");
}

// Characters that Markdown would read as formatting in a quoted plain text, and line starts that would open a block.
const INLINE_MARKUP = /[\\`*_[\]<>|~]/g;
const BLOCK_START = /^(\s*)([#>+-]|\d+[.)])(?=\s|$)/;

function escapeMarkdownLine(text: string): string {
  return text.replace(INLINE_MARKUP, "\\$&").replace(BLOCK_START, (_, space: string, marker: string) => `${space}${marker.replace(/([#>+\-.)])/, "\\$1")}`);
}

/** A web address as a Markdown link destination: only http(s), written so no character ends the link early. */
function linkDestination(url: string): string | null {
  return isWebAddress(url) ? new URL(url).href.replace(/\(/g, "%28").replace(/\)/g, "%29") : null;
}

/**
 * The selection as a Markdown blockquote, each line break kept (a hard break inside a paragraph, a quoted blank line
 * between paragraphs), then the attribution line naming and linking the page it came from.
 */
export function selectionAsQuote(capture: Pick<Capture, "selection" | "title" | "url">): string {
  if (!capture.selection) return "";
  const paragraphs = capture.selection.split(/\n\s*\n/);
  const quoted = paragraphs.map((paragraph) =>
    paragraph
      .split("\n")
      .map((text, index, lines) => `> ${escapeMarkdownLine(text.trim())}${index < lines.length - 1 ? "\\" : ""}`)
      .join("\n"),
  );
  const destination = linkDestination(capture.url);
  // A single line cannot start a table, so "|" stays as it is in the attribution (page titles often hold one).
  const name = escapeMarkdownLine(capture.title || (destination ? new URL(destination).host : "")).replace(/\\\|/g, "|");
  const attribution = destination ? `— [${name}](${destination})` : name ? `— ${name}` : "";
  return [quoted.join("\n>\n"), attribution].filter(Boolean).join("\n\n");
}

/** The new-post form's first values for a capture: the URL, the title, the quote as the summary, the via page. */
export function captureFormValues(capture: Capture): Partial<PostFormValues> {
  return { externalUrl: capture.url, title: capture.title, summary: selectionAsQuote(capture), via: capture.via };
}

/** The fields a prefill may fill, when the editor has left them empty. */
export const PREFILL_FIELDS = ["title", "source", "tldr", "summary"] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

/** What the server proposes for a URL: values for empty fields, tags to offer, facts about the article, earlier posts. */
export type Prefill = {
  values: Partial<Record<PrefillField, string>>;
  suggestedTags: string[];
  article: { finalUrl: string; canonicalUrl: string | null; publishedAt: string | null; author: string | null } | null;
  existing: ExistingPostNotice[];
  /** Why the page could not be fetched; the form keeps working by hand. */
  fetchError?: string;
};
