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
 *
 * The file is read as a stream of tags and text (htmlparser2's tokenizer), a slice at a time, and each link is
 * handed on as soon as its description has ended: no document tree is built, so memory stays flat however many
 * links a file holds (a tree of a 10 MB export took over 250 MB of heap).
 */
import { Parser } from "htmlparser2";
import { escapeHtml } from "@/lib/markup/escape";
import { TAG_SEPARATOR } from "@/lib/posts/rules";

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

export type BookmarkError = { line?: number; reason: string };

export type BookmarkParseResult = {
  bookmarks: Bookmark[];
  errors: BookmarkError[];
};

/** One link of the file in document order: a bookmark, or why it was left out. */
export type BookmarkEntry = { ok: true; bookmark: Bookmark; line: number } | { ok: false; error: BookmarkError };

/** Larger than any real export (Pinboard's biggest are a few MiB). */
export const MAX_BOOKMARKS_HTML_LENGTH = 50 * 1024 * 1024;

// ADD_DATE past year 9999 is not a real date.
const MAX_UNIX_SECONDS = 253402300799;

const NO_LINKS = "no links found: expected a Netscape bookmark file (<!DOCTYPE NETSCAPE-Bookmark-file-1>)";

// Characters handed to the tokenizer at a time: the links it completes wait in memory only until the reader takes them.
const SLICE_CHARS = 64 * 1024;
// Bytes decoded at a time.
const SLICE_BYTES = 64 * 1024;
const YIELD_EVERY_SLICES = 16;

/** Thrown when a bookmark file is not UTF-8. */
export class NotUtf8Error extends Error {}

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
  const bookmarks: Bookmark[] = [];
  const errors: BookmarkError[] = [];
  for (const entry of readBookmarkEntries(html)) {
    if (entry.ok) bookmarks.push(entry.bookmark);
    else errors.push(entry.error);
  }
  return { bookmarks, errors };
}

/**
 * How many links (bookmarks and refused links alike) a bookmark file holds, counted without keeping any of them;
 * stops counting once past `stopAfter`. Hands the event loop back every MiB or so, so a server keeps answering.
 * Throws NotUtf8Error for a file that is not UTF-8.
 */
export async function countBookmarkLinks(data: Uint8Array | string, stopAfter = Infinity): Promise<number> {
  let links = 0;
  let slices = 0;
  const scanner = new BookmarkScanner(() => (links += 1), true);
  for (const slice of textSlices(data)) {
    scanner.write(slice);
    if (links > stopAfter) return links;
    if (++slices % YIELD_EVERY_SLICES === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  scanner.end();
  return links;
}

/**
 * The links of a bookmark file in document order, produced lazily: the file is tokenized a slice at a time as the
 * caller asks for more. Throws NotUtf8Error (when it gets there) for bytes that are not UTF-8.
 */
export function* readBookmarkEntries(data: Uint8Array | string): Generator<BookmarkEntry> {
  const ready: BookmarkEntry[] = [];
  let links = 0;
  const scanner = new BookmarkScanner((entry) => {
    links += 1;
    ready.push(entry);
  });
  for (const slice of textSlices(data)) {
    scanner.write(slice);
    yield* ready.splice(0);
  }
  scanner.end();
  yield* ready.splice(0);
  if (links === 0) yield { ok: false, error: { reason: NO_LINKS } };
}

/** The text of the file a slice at a time; bytes are decoded as UTF-8 (a BOM is dropped) without one big string. */
function* textSlices(data: Uint8Array | string): Generator<string> {
  if (typeof data === "string") {
    for (let at = 0; at < data.length; at += SLICE_CHARS) yield data.slice(at, at + SLICE_CHARS);
    return;
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for (let at = 0; at < data.byteLength; at += SLICE_BYTES) {
      const text = decoder.decode(data.subarray(at, at + SLICE_BYTES), { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError) throw new NotUtf8Error("not UTF-8 text");
    throw error;
  }
}

type Pending = { entry: BookmarkEntry; description: string[] | null };

// A description (<DD>) ends where the next item, folder or list begins.
const ENDS_DESCRIPTION = new Set(["dt", "dd", "dl", "h3"]);

/**
 * The bookmark file's state machine over the tokenizer's events. A link is an <A> outside any description; its
 * description is the text of a <DD> that follows it (an <A> inside a <DD> is part of that text, not a bookmark).
 */
class BookmarkScanner {
  private parser: Parser;
  private lines = new LineCounter();
  /** The link whose title is being read (between <A> and </A>). */
  private link: { attributes: Record<string, string>; line: number; title: string[] } | null = null;
  /** The last link, kept until it is clear whether a <DD> describes it. */
  private pending: Pending | null = null;
  /** Inside a <DD>, described or not: links there are text. */
  private inDescription = false;

  constructor(
    private emit: (entry: BookmarkEntry) => void,
    /** Only counting: no titles, descriptions or lines are kept. */
    private counting = false,
  ) {
    this.parser = new Parser(
      {
        onopentag: (name, attributes) => this.open(name, attributes),
        onclosetag: (name, isImplied) => this.close(name, isImplied),
        ontext: (text) => this.text(text),
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
  }

  write(text: string): void {
    if (!this.counting) this.lines.add(text);
    this.parser.write(text);
  }

  end(): void {
    this.parser.end();
    this.finishLink();
    this.flush();
  }

  private open(name: string, attributes: Record<string, string>): void {
    const line = this.counting ? 0 : this.lines.lineAt(this.parser.startIndex);
    if (ENDS_DESCRIPTION.has(name)) {
      this.finishLink();
      this.inDescription = false;
      const described = name === "dd" && this.pending !== null && this.pending.description === null;
      if (described) this.pending!.description = [];
      else this.flush();
      this.inDescription = name === "dd";
      return;
    }
    if (name !== "a" || this.inDescription) return;
    this.finishLink();
    this.flush();
    this.link = { attributes, line, title: [] };
  }

  private close(name: string, isImplied: boolean): void {
    if (isImplied) return;
    if (name === "a") this.finishLink();
    else if (name === "dd" || name === "dl") {
      this.finishLink();
      this.flush();
      this.inDescription = false;
    }
  }

  private text(text: string): void {
    if (this.counting) return;
    // Moves the line count along, so the text it has passed is let go.
    this.lines.lineAt(this.parser.startIndex);
    if (this.link) this.link.title.push(text);
    else if (this.inDescription && this.pending?.description) this.pending.description.push(text);
  }

  /** The link's title has ended: it waits for a possible description. */
  private finishLink(): void {
    const link = this.link;
    if (!link) return;
    this.link = null;
    // Only spaces are trimmed: any other character at the end of an address goes to the post rule, which refuses it.
    const url = (link.attributes.href ?? "").replace(/^ +| +$/g, "");
    if (url === "") return this.emit({ ok: false, error: { line: link.line, reason: "link has no HREF; skipped" } });
    if (!isHttpUrl(url)) return this.emit({ ok: false, error: { line: link.line, reason: `not an http(s) URL, skipped: ${url.slice(0, 200)}` } });
    const bookmark: Bookmark = {
      // Tabs and line breaks in link text are HTML white space, shown as one space.
      title: link.title
        .join("")
        .replace(/[\t\n\r]+/g, " ")
        .trim(),
      url,
      addDate: unixDate(link.attributes.add_date),
      tags: (link.attributes.tags ?? "")
        .split(TAG_SEPARATOR)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ""),
      description: "",
    };
    this.pending = { entry: { ok: true, bookmark, line: link.line }, description: null };
  }

  /** Hands on the waiting link with its description. */
  private flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.entry.ok && pending.description) pending.entry.bookmark.description = pending.description.join("").trim();
    this.emit(pending.entry);
  }
}

/** 1-based line of a character offset, for offsets met in increasing order; keeps only text it has not passed. */
class LineCounter {
  private slices: { start: number; text: string }[] = [];
  private length = 0;
  private offset = 0;
  private line = 1;

  add(text: string): void {
    this.slices.push({ start: this.length, text });
    this.length += text.length;
  }

  lineAt(target: number): number {
    while (this.offset < target && this.slices.length > 0) {
      const slice = this.slices[0];
      const sliceEnd = slice.start + slice.text.length;
      const stop = Math.min(target, sliceEnd);
      for (let i = slice.text.indexOf("\n", this.offset - slice.start); i !== -1 && slice.start + i < stop; i = slice.text.indexOf("\n", i + 1)) {
        this.line += 1;
      }
      this.offset = stop;
      if (stop === sliceEnd) this.slices.shift();
    }
    return this.line;
  }
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

/**
 * Writes the standard bookmark file. Throws if a tag contains a comma, which
 * TAGS="a,b" cannot hold (no tag may have one, see tagNameProblem; the export
 * writes an older one's comma as a space).
 */
export function serializeBookmarksHtml(items: Bookmark[]): string {
  const entries = items.map((item) => {
    const attributes = [`HREF="${escapeHtml(item.url)}"`];
    if (item.addDate !== null) attributes.push(`ADD_DATE="${Math.floor(item.addDate.getTime() / 1000)}"`);
    for (const tag of item.tags) {
      if (tag.includes(TAG_SEPARATOR)) throw new Error(`tag "${tag}" contains a comma, which a bookmark file cannot hold`);
    }
    if (item.tags.length > 0) attributes.push(`TAGS="${escapeHtml(item.tags.join(TAG_SEPARATOR))}"`);
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
