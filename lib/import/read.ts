/**
 * Turns what the user gave (a path, a zip, a bookmark file) into import items. Files are parsed lazily, one at a
 * time as the importer asks for them, so progress moves evenly and a large import never holds every parsed post.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { countBookmarkLinks, NotUtf8Error, readBookmarkEntries } from "@/lib/link-format/bookmarks";
import { DEFAULT_IMPORT_LIMITS, readImportEntries, type ImportEntries, type ImportLimits } from "@/lib/link-format/archive";
import { parseLinkPost } from "@/lib/link-format/front-matter";
import { planBookmark, planLinkPost, type ImportItem } from "./plan";

export type ImportInput =
  { kind: "path"; path: string } | { kind: "zip"; data: Uint8Array; name: string } | { kind: "bookmarks"; data: Uint8Array; name: string };

/** The items of an import, produced on demand, and how many there are. */
export type ItemSource = { total: number; items: Iterable<ImportItem> };

/** Largest bookmark file read, from a path or an upload (Pinboard's biggest exports are a few MiB). */
const MAX_BOOKMARKS_BYTES = 20 * 1024 * 1024;

const NOT_UTF8 = "not UTF-8 text: save the bookmark file as UTF-8 and try again";

/**
 * How many links a bookmark file holds, or why it cannot be imported at all (too large, not UTF-8, more links than an
 * import may hold: the same 20,000 as files).
 * Reads the file once as a stream of tags, counting its links without keeping them, and stops at the first link
 * over the limit, so a refusal is quick and costs no memory.
 */
export async function checkBookmarkFile(data: Uint8Array, maxLinks = DEFAULT_IMPORT_LIMITS.maxFiles): Promise<{ links: number } | { reason: string }> {
  if (data.byteLength > MAX_BOOKMARKS_BYTES) return { reason: `bookmark file is larger than ${MAX_BOOKMARKS_BYTES / 1024 / 1024} MiB` };
  let links: number;
  try {
    links = await countBookmarkLinks(data, maxLinks);
  } catch (error) {
    if (error instanceof NotUtf8Error) return { reason: NOT_UTF8 };
    throw error;
  }
  if (links > maxLinks) return { reason: `the bookmark file holds more than ${maxLinks} links; import at most ${maxLinks} at a time` };
  return { links };
}

export function isBookmarkFileName(name: string): boolean {
  return /\.html?$/i.test(name);
}

/** One link-post file, parsed and planned; the reason carries the line separately from the message. */
export function itemFromFile(name: string, data: Uint8Array | string): ImportItem {
  const parsed = parseLinkPost(data);
  if (!parsed.ok) return { ok: false, file: name, reason: parsed.error.replace(/^line \d+: /, ""), line: parsed.line };
  return planLinkPost(name, parsed.post, parsed.warnings);
}

function* entryItems(read: ImportEntries): Generator<ImportItem> {
  for (const error of read.errors) yield { ok: false, file: error.name, reason: error.reason };
  for (const entry of read.entries) yield itemFromFile(entry.name, entry.data);
}

/** A bookmark file's links, read and planned one at a time as the importer asks for them. */
async function bookmarkItems(name: string, data: Uint8Array, limits?: Partial<ImportLimits>): Promise<ItemSource> {
  const checked = await checkBookmarkFile(data, limits?.maxFiles);
  if ("reason" in checked) return { total: 1, items: [{ ok: false, file: name, reason: checked.reason }] };
  // A file without links still yields one item: the error that says so.
  return { total: Math.max(checked.links, 1), items: { [Symbol.iterator]: () => plannedBookmarks(name, data) } };
}

function* plannedBookmarks(name: string, data: Uint8Array): Generator<ImportItem> {
  let index = 0;
  for (const entry of readBookmarkEntries(data)) {
    if (entry.ok) yield planBookmark(`${name}, bookmark ${++index}`, entry.bookmark);
    else yield { ok: false, file: name, reason: entry.error.reason, line: entry.error.line };
  }
}

/** Reads an import's input within the archive limits; problems become failed items, never exceptions. */
export async function readImportItems(input: ImportInput, limits?: Partial<ImportLimits>): Promise<ItemSource> {
  if (input.kind === "bookmarks") return bookmarkItems(input.name, input.data, limits);
  if (input.kind === "path" && isBookmarkFileName(input.path)) {
    const name = path.basename(input.path);
    try {
      if ((await stat(input.path)).size > MAX_BOOKMARKS_BYTES) {
        return { total: 1, items: [{ ok: false, file: name, reason: `bookmark file is larger than ${MAX_BOOKMARKS_BYTES / 1024 / 1024} MiB` }] };
      }
      return await bookmarkItems(name, new Uint8Array(await readFile(input.path)), limits);
    } catch (error) {
      return { total: 1, items: [{ ok: false, file: name, reason: `could not be read (${(error as Error).message})` }] };
    }
  }
  const read = await readImportEntries(input.kind === "zip" ? { kind: "zip", data: input.data, name: input.name } : input, limits);
  return { total: read.errors.length + read.entries.length, items: { [Symbol.iterator]: () => entryItems(read) } };
}
