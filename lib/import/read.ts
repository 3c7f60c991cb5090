/**
 * Turns what the user gave (a path, a zip, a bookmark file) into import items. Files are parsed lazily, one at a
 * time as the importer asks for them, so progress moves evenly and a large import never holds every parsed post.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseBookmarksHtml } from "@/lib/link-format/bookmarks";
import { readImportEntries, type ImportEntries, type ImportLimits } from "@/lib/link-format/archive";
import { parseLinkPost } from "@/lib/link-format/front-matter";
import { planBookmark, planLinkPost, type ImportItem } from "./plan";

export type ImportInput =
  | { kind: "path"; path: string }
  | { kind: "zip"; data: Uint8Array; name: string }
  | { kind: "bookmarks"; data: Uint8Array; name: string };

/** The items of an import, produced on demand, and how many there are. */
export type ItemSource = { total: number; items: Iterable<ImportItem> };

/** Largest bookmark file read (Pinboard's biggest exports are a few MiB). */
export const MAX_BOOKMARKS_BYTES = 20 * 1024 * 1024;

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

function bookmarkItems(name: string, data: Uint8Array): ItemSource {
  let html: string;
  try {
    html = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return { total: 1, items: [{ ok: false, file: name, reason: "not UTF-8 text: save the bookmark file as UTF-8 and try again" }] };
  }
  const { bookmarks, errors } = parseBookmarksHtml(html);
  const items: ImportItem[] = [
    ...errors.map((error): ImportItem => ({ ok: false, file: name, reason: error.reason, line: error.line })),
    ...bookmarks.map((bookmark, index) => planBookmark(`${name}, bookmark ${index + 1}`, bookmark)),
  ];
  return { total: items.length, items };
}

/** Reads an import's input within the archive limits; problems become failed items, never exceptions. */
export async function readImportItems(input: ImportInput, limits?: Partial<ImportLimits>): Promise<ItemSource> {
  if (input.kind === "bookmarks") return bookmarkItems(input.name, input.data);
  if (input.kind === "path" && isBookmarkFileName(input.path)) {
    const name = path.basename(input.path);
    try {
      if ((await stat(input.path)).size > MAX_BOOKMARKS_BYTES) {
        return { total: 1, items: [{ ok: false, file: name, reason: `bookmark file is larger than ${MAX_BOOKMARKS_BYTES / 1024 / 1024} MiB` }] };
      }
      return bookmarkItems(name, new Uint8Array(await readFile(input.path)));
    } catch (error) {
      return { total: 1, items: [{ ok: false, file: name, reason: `could not be read (${(error as Error).message})` }] };
    }
  }
  const read = await readImportEntries(input.kind === "zip" ? { kind: "zip", data: input.data, name: input.name } : input, limits);
  return { total: read.errors.length + read.entries.length, items: { [Symbol.iterator]: () => entryItems(read) } };
}
