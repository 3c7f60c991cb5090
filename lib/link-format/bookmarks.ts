/**
 * Netscape bookmark files: the HTML that browsers, Pinboard, Pocket and
 * linkding export and import.
 *
 * ```
 * <DT><A HREF="https://..." ADD_DATE="1700000000" TAGS="a,b">Title</A>
 * <DD>Description
 * ```
 *
 * Folders (`<H3>`) are not turned into tags: only the `TAGS` attribute is.
 */
import { HTMLElement, parse } from "node-html-parser";

export type Bookmark = {
  title: string;
  url: string;
  /** From ADD_DATE (Unix seconds); null when absent or not a number. */
  addDate: Date | null;
  /** From TAGS="a,b". */
  tags: string[];
  /** From the <DD> after the link. */
  description: string;
};

export type BookmarkParseResult = {
  bookmarks: Bookmark[];
  errors: { line?: number; reason: string }[];
};

/** Larger than any real export (Pinboard's biggest are a few MiB). */
export const MAX_BOOKMARKS_HTML_LENGTH = 50 * 1024 * 1024;

// ADD_DATE past year 9999 is not a real date.
const MAX_UNIX_SECONDS = 253402300799;

/**
 * Reads the links of a bookmark file. Links that are not http(s) (javascript:,
 * place:, file:) are left out and reported with their line.
 */
export function parseBookmarksHtml(html: string): BookmarkParseResult {
  if (html.length > MAX_BOOKMARKS_HTML_LENGTH) {
    return {
      bookmarks: [],
      errors: [{ reason: `bookmark file is larger than ${MAX_BOOKMARKS_HTML_LENGTH} characters` }],
    };
  }
  const lineOf = lineIndex(html);
  const bookmarks: Bookmark[] = [];
  const errors: BookmarkParseResult["errors"] = [];

  const links = parse(html, { comment: false })
    .querySelectorAll("a")
    // An <A> inside a description is part of that description, not a bookmark.
    .filter((a) => !insideDescription(a));
  for (const a of links) {
    const line = lineOf(a.range[0]);
    // Only spaces are trimmed: any other character at the end of an address goes to the post rule, which refuses it.
    const url = (a.getAttribute("href") ?? "").replace(/^ +| +$/g, "");
    if (url === "") {
      errors.push({ line, reason: "link has no HREF; skipped" });
      continue;
    }
    if (!isHttpUrl(url)) {
      errors.push({ line, reason: `not an http(s) URL, skipped: ${url.slice(0, 200)}` });
      continue;
    }
    bookmarks.push({
      // Tabs and line breaks in link text are HTML white space, shown as one space.
      title: a.text.replace(/[\t\n\r]+/g, " ").trim(),
      url,
      addDate: unixDate(a.getAttribute("add_date")),
      tags: (a.getAttribute("tags") ?? "")
        .split(",")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ""),
      description: descriptionOf(a),
    });
  }
  if (links.length === 0) {
    errors.push({ reason: "no links found: expected a Netscape bookmark file (<!DOCTYPE NETSCAPE-Bookmark-file-1>)" });
  }
  return { bookmarks, errors };
}

function insideDescription(element: HTMLElement): boolean {
  for (let node = element.parentNode; node; node = node.parentNode) {
    if (node.tagName === "DD") return true;
  }
  return false;
}

/** The text of the <DD> right after the link's <DT>, without any nested folder. */
function descriptionOf(a: HTMLElement): string {
  const dd = a.parentNode?.tagName === "DT" ? a.parentNode.nextElementSibling : null;
  if (dd?.tagName !== "DD") return "";
  return dd.childNodes
    .filter((node) => !(node instanceof HTMLElement && node.tagName === "DL"))
    .map((node) => node.text)
    .join("")
    .trim();
}

function unixDate(value: string | undefined): Date | null {
  if (value === undefined || !/^\d{1,12}$/.test(value.trim())) return null;
  const seconds = Number(value.trim());
  return seconds > MAX_UNIX_SECONDS ? null : new Date(seconds * 1000);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Maps a character offset to its 1-based line. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Writes the standard bookmark file. Throws if a tag contains a comma, which
 * TAGS="a,b" cannot hold.
 */
export function serializeBookmarksHtml(items: Bookmark[]): string {
  const entries = items.map((item) => {
    const attributes = [`HREF="${escapeHtml(item.url)}"`];
    if (item.addDate !== null) attributes.push(`ADD_DATE="${Math.floor(item.addDate.getTime() / 1000)}"`);
    for (const tag of item.tags) {
      if (tag.includes(",")) throw new Error(`tag "${tag}" contains a comma, which a bookmark file cannot hold`);
    }
    if (item.tags.length > 0) attributes.push(`TAGS="${escapeHtml(item.tags.join(","))}"`);
    const link = `    <DT><A ${attributes.join(" ")}>${escapeHtml(item.title)}</A>\n`;
    return item.description === "" ? link : `${link}    <DD>${escapeHtml(item.description)}\n`;
  });
  return [
    "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n",
    "<!-- This is an automatically generated file.\n     It will be read and overwritten.\n     DO NOT EDIT! -->\n",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n',
    "<TITLE>Bookmarks</TITLE>\n",
    "<H1>Bookmarks</H1>\n",
    "<DL><p>\n",
    ...entries,
    "</DL><p>\n",
  ].join("");
}
