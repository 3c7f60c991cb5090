/**
 * Reads the files of an import safely: one .md file, a folder of them, or a
 * .zip (as a path or as uploaded bytes). Every input is bounded (file size,
 * total size, file count) before its bytes are read or unpacked, and zip
 * entries that could escape a folder (`../x.md`, `/etc/x.md`, `C:\x.md`) are
 * refused. Nothing is written to disk.
 */
import type { Dirent, Stats } from "node:fs";
import { lstat, readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { strToU8, unzipSync, zipSync, type UnzipFileInfo, type Unzipped } from "fflate";

export type ImportLimits = {
  /** Largest single .md file. */
  maxFileBytes: number;
  /** Largest sum of the .md files read. */
  maxTotalBytes: number;
  /** Most .md files in a folder, or entries of any kind in a zip. */
  maxFiles: number;
  /** Largest .zip read into memory. */
  maxArchiveBytes: number;
};

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  maxFiles: 20_000,
  maxArchiveBytes: 200 * 1024 * 1024,
};

export type ImportInput = { kind: "path"; path: string } | { kind: "zip"; data: Uint8Array; name?: string };

type ImportEntry = { name: string; data: Uint8Array };
type ImportError = { name: string; reason: string };
export type ImportEntries = { entries: ImportEntry[]; errors: ImportError[] };

/**
 * Returns the .md files of an import sorted by name (`/`-separated, relative
 * to the folder or zip root), and what was refused and why. Never throws for
 * bad input; file-system errors on the given path are reported too.
 */
export async function readImportEntries(input: ImportInput, limits?: Partial<ImportLimits>): Promise<ImportEntries> {
  const bounds = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  if (input.kind === "zip") return readZip(input.data, input.name ?? "upload.zip", bounds);

  const name = path.basename(input.path);
  let info: Stats;
  try {
    // The path the user chose is followed even if it is a link; links inside a folder are not.
    info = await stat(input.path);
  } catch (error) {
    return refused(name, describeFsError(error));
  }
  if (info.isDirectory()) return readFolder(input.path, bounds);
  if (!info.isFile()) return refused(name, "not a file or folder");
  try {
    if (isMarkdown(name)) {
      if (info.size > bounds.maxFileBytes) return refused(name, tooLarge(bounds.maxFileBytes));
      const data = await readBytes(input.path);
      return data.byteLength > bounds.maxFileBytes ? refused(name, tooLarge(bounds.maxFileBytes)) : { entries: [{ name, data }], errors: [] };
    }
    if (/\.zip$/i.test(name)) {
      if (info.size > bounds.maxArchiveBytes) {
        return refused(name, `zip file is larger than ${formatBytes(bounds.maxArchiveBytes)}`);
      }
      return readZip(await readBytes(input.path), name, bounds);
    }
  } catch (error) {
    return refused(name, describeFsError(error));
  }
  return refused(name, "not a Markdown (.md) file, a .zip file or a folder");
}

/** File contents as a plain Uint8Array view (no copy of the Buffer). */
async function readBytes(file: string): Promise<Uint8Array> {
  const buffer = await readFile(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function refused(name: string, reason: string): ImportEntries {
  return { entries: [], errors: [{ name, reason }] };
}

function isMarkdown(name: string): boolean {
  return /\.md$/i.test(name);
}

function byName(a: { name: string }, b: { name: string }): number {
  // Code-unit order, not locale order, so the result is the same on every machine.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function tooLarge(limit: number): string {
  return `file is larger than the ${formatBytes(limit)} limit; skipped`;
}

function overTotal(limit: number): string {
  return `skipped: the import would go over its ${formatBytes(limit)} total; import this file separately`;
}

function tooMany(what: string, limit: number): string {
  return `${what} holds more than ${limit} files; import at most ${limit} at a time`;
}

function describeFsError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return "not found";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return `could not be read (${error instanceof Error ? error.message : String(error)})`;
}

async function readFolder(root: string, limits: ImportLimits): Promise<ImportEntries> {
  const folderName = path.basename(root);
  const errors: ImportError[] = [];
  const found: { name: string; file: string; size: number }[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let children: Dirent[];
    try {
      children = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ name: toEntryName(root, dir), reason: `folder ${describeFsError(error)}` });
      continue;
    }
    for (const child of children) {
      // Hidden files and folders (.git, .obsidian, .DS_Store) are tool data, not posts.
      if (child.name.startsWith(".")) continue;
      const file = path.join(dir, child.name);
      if (child.isSymbolicLink()) {
        errors.push({ name: toEntryName(root, file), reason: "symbolic link, not followed" });
      } else if (child.isDirectory()) {
        pending.push(file);
      } else if (child.isFile() && isMarkdown(child.name)) {
        if (found.length === limits.maxFiles) return refused(folderName, tooMany("the folder", limits.maxFiles));
        try {
          const { size } = await lstat(file);
          found.push({ name: toEntryName(root, file), file, size });
        } catch (error) {
          errors.push({ name: toEntryName(root, file), reason: describeFsError(error) });
        }
      }
    }
  }

  const entries: ImportEntry[] = [];
  let total = 0;
  for (const { name, file, size } of found.sort(byName)) {
    if (size > limits.maxFileBytes) {
      errors.push({ name, reason: tooLarge(limits.maxFileBytes) });
      continue;
    }
    if (total + size > limits.maxTotalBytes) {
      errors.push({ name, reason: overTotal(limits.maxTotalBytes) });
      continue;
    }
    let data: Uint8Array;
    try {
      data = await readBytes(file);
    } catch (error) {
      errors.push({ name, reason: describeFsError(error) });
      continue;
    }
    // The file may have grown since it was listed.
    if (data.byteLength > limits.maxFileBytes) {
      errors.push({ name, reason: tooLarge(limits.maxFileBytes) });
      continue;
    }
    total += data.byteLength;
    entries.push({ name, data });
  }
  return { entries, errors: errors.sort(byName) };
}

function toEntryName(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/") || path.basename(root);
}

/** Why a `/`-separated name could land outside the folder it is unpacked in, or null. */
function unsafePath(name: string): string | null {
  if (name.startsWith("/")) return "absolute path";
  if (/^[A-Za-z]:/.test(name)) return "path with a drive letter";
  if (name.split("/").includes("..")) return "path with '..' that points outside the zip";
  if (/[\x00-\x1f\x7f]/.test(name)) return "name with control characters";
  return null;
}

/** 'ignore' for folders and macOS metadata, why an entry is refused, or its clean name. */
function checkZipName(raw: string): { ignore: true } | { reason: string } | { name: string } {
  // Zips made on Windows may use backslashes.
  const name = raw.replace(/\\/g, "/");
  if (name.endsWith("/") || name.startsWith("__MACOSX/")) return { ignore: true };
  const unsafe = unsafePath(name);
  if (unsafe) return { reason: `${unsafe}; refused` };
  if (!isMarkdown(name)) return { reason: "not a Markdown (.md) file; skipped" };
  return {
    name: name
      .split("/")
      .filter((s) => s !== "" && s !== ".")
      .join("/"),
  };
}

class TooManyEntries extends Error {}

function readZip(data: Uint8Array, zipName: string, limits: ImportLimits): ImportEntries {
  if (data.byteLength > limits.maxArchiveBytes) {
    return refused(zipName, `zip file is larger than ${formatBytes(limits.maxArchiveBytes)}`);
  }

  // Pass 1 reads only the central directory (the filter extracts nothing), so
  // every limit is checked against declared sizes before anything is unpacked.
  const listed: UnzipFileInfo[] = [];
  try {
    unzipSync(data, {
      filter(file) {
        // A forged entry count could keep this loop going for billions of rounds.
        if (listed.length === limits.maxFiles) throw new TooManyEntries();
        listed.push(file);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof TooManyEntries) return refused(zipName, tooMany("the zip", limits.maxFiles));
    return refused(zipName, `not a readable zip file (${error instanceof Error ? error.message : String(error)})`);
  }

  const errors: ImportError[] = [];
  const wanted = new Map<number, string>();
  const taken = new Set<string>();
  const candidates: { index: number; name: string; size: number }[] = [];
  listed.forEach((file, index) => {
    const checked = checkZipName(file.name);
    if ("ignore" in checked) return;
    if ("reason" in checked) {
      errors.push({ name: file.name, reason: checked.reason });
      return;
    }
    if (taken.has(checked.name)) {
      errors.push({ name: file.name, reason: "appears twice in the zip; the first copy was used" });
      return;
    }
    taken.add(checked.name);
    if (file.compression !== 0 && file.compression !== 8) {
      errors.push({
        name: file.name,
        reason: `uses compression method ${file.compression}, which is not supported; re-create the zip with standard (deflate) compression`,
      });
      return;
    }
    // Stored entries are copied as they are; deflated ones are cut at their declared size.
    const size = file.compression === 0 ? file.size : file.originalSize;
    if (size > limits.maxFileBytes) {
      errors.push({ name: file.name, reason: tooLarge(limits.maxFileBytes) });
      return;
    }
    candidates.push({ index, name: checked.name, size });
  });

  let total = 0;
  for (const candidate of candidates.sort(byName)) {
    if (total + candidate.size > limits.maxTotalBytes) {
      errors.push({ name: listed[candidate.index].name, reason: overTotal(limits.maxTotalBytes) });
      continue;
    }
    total += candidate.size;
    wanted.set(candidate.index, candidate.name);
  }

  // Pass 2 unpacks only the chosen entries, picked by position since names may repeat.
  let index = -1;
  let unpacked: Unzipped;
  try {
    unpacked = unzipSync(data, { filter: () => wanted.has(++index) });
  } catch (error) {
    return refused(zipName, `the zip file is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  const entries = [...wanted].map(([position, name]) => ({ name, data: unpacked[listed[position].name] }));
  return { entries: entries.sort(byName), errors: errors.sort(byName) };
}

/** Builds a zip (deflate) of the given files; strings are written as UTF-8. */
export function buildZip(files: { name: string; data: string | Uint8Array }[]): Uint8Array {
  const contents: Record<string, Uint8Array> = {};
  for (const file of files) {
    const unsafe = unsafePath(file.name.replace(/\\/g, "/"));
    if (unsafe) throw new Error(`cannot add '${file.name}' to a zip: ${unsafe}`);
    if (Object.hasOwn(contents, file.name)) throw new Error(`cannot add '${file.name}' to a zip twice`);
    // defineProperty keeps a file named __proto__ an ordinary entry.
    Object.defineProperty(contents, file.name, {
      value: typeof file.data === "string" ? strToU8(file.data) : file.data,
      enumerable: true,
    });
  }
  return zipSync(contents);
}
