import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildZip, readImportEntries, type ImportEntries } from "@/lib/link-format/archive";
import { parseLinkPost } from "@/lib/link-format/front-matter";

const corpusDir = fileURLToPath(new URL("../../fixtures/corpus/", import.meta.url));

const names = (result: ImportEntries): string[] => result.entries.map((entry) => entry.name);
const texts = (result: ImportEntries): Record<string, string> => Object.fromEntries(result.entries.map((entry) => [entry.name, strFromU8(entry.data)]));

/** Rewrites every occurrence of one ASCII file name in a zip's headers (same length). */
function renameInZip(zip: Uint8Array, from: string, to: string): Uint8Array {
  expect(to).toHaveLength(from.length);
  const bytes = zip.slice();
  const needle = strToU8(from);
  for (let i = 0; i <= bytes.length - needle.length; i++) {
    if (needle.every((byte, j) => bytes[i + j] === byte)) bytes.set(strToU8(to), i);
  }
  return bytes;
}

/** Sets a field of the central-directory header of the first entry. */
function patchCentralHeader(zip: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < bytes.length - 4; i++) {
    if (view.getUint32(i, true) === 0x02014b50) {
      if (size === 2) view.setUint16(i + offset, value, true);
      else view.setUint32(i + offset, value, true);
      return bytes;
    }
  }
  throw new Error("no central directory header");
}

describe("readImportEntries: zip bytes", () => {
  it("reads .md entries sorted by name, in nested folders, and reports the rest", async () => {
    const zip = zipSync({
      "posts/b.md": strToU8("b"),
      "a.md": strToU8("a"),
      "posts/2025/c.MD": strToU8("c"),
      "posts/": new Uint8Array(0),
      "posts/cover.png": new Uint8Array([0x89, 0x50]),
      "__MACOSX/posts/._b.md": strToU8("resource fork"),
      "windows\\d.md": strToU8("d"),
      "./e.md": strToU8("e"),
    });
    const result = await readImportEntries({ kind: "zip", data: zip, name: "export.zip" });
    expect(texts(result)).toEqual({
      "a.md": "a",
      "e.md": "e",
      "posts/2025/c.MD": "c",
      "posts/b.md": "b",
      "windows/d.md": "d",
    });
    expect(names(result)).toEqual(["a.md", "e.md", "posts/2025/c.MD", "posts/b.md", "windows/d.md"]);
    expect(result.errors).toEqual([{ name: "posts/cover.png", reason: "not a Markdown (.md) file; skipped" }]);
  });

  it("refuses path traversal, absolute paths and drive letters but keeps the safe entries", async () => {
    const zip = zipSync({
      "../evil.md": strToU8("escape"),
      "posts/../../evil2.md": strToU8("escape"),
      "posts\\..\\..\\evil3.md": strToU8("escape"),
      "/etc/evil.md": strToU8("absolute"),
      "C:\\Windows\\evil.md": strToU8("drive"),
      "c:evil.md": strToU8("drive"),
      "ok.md": strToU8("fine"),
      "dots..in..name.md": strToU8("fine too"),
    });
    const result = await readImportEntries({ kind: "zip", data: zip });
    expect(names(result)).toEqual(["dots..in..name.md", "ok.md"]);
    expect(result.errors).toEqual([
      { name: "../evil.md", reason: "path with '..' that points outside the zip; refused" },
      { name: "/etc/evil.md", reason: "absolute path; refused" },
      { name: "C:\\Windows\\evil.md", reason: "path with a drive letter; refused" },
      { name: "c:evil.md", reason: "path with a drive letter; refused" },
      { name: "posts/../../evil2.md", reason: "path with '..' that points outside the zip; refused" },
      { name: "posts\\..\\..\\evil3.md", reason: "path with '..' that points outside the zip; refused" },
    ]);
  });

  it("refuses a file over the per-file limit, judged by its declared size", async () => {
    const zip = zipSync({ "small.md": strToU8("12345"), "big.md": strToU8("x".repeat(11)) });
    const result = await readImportEntries({ kind: "zip", data: zip }, { maxFileBytes: 10 });
    expect(names(result)).toEqual(["small.md"]);
    expect(result.errors).toEqual([{ name: "big.md", reason: "file is larger than the 10 bytes limit; skipped" }]);
  });

  it("cannot be made to unpack past the declared size (zip bomb)", async () => {
    const bomb = zipSync({ "bomb.md": new Uint8Array(5 * 1024 * 1024).fill(0x41) });
    // Central header offset 24 holds the uncompressed size: claim 100 bytes.
    const forged = patchCentralHeader(bomb, 24, 100, 4);
    const result = await readImportEntries({ kind: "zip", data: forged }, { maxFileBytes: 1000 });
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0].data.byteLength).toBe(100);
  });

  it("stops at the total size limit and reports each file left out", async () => {
    const zip = zipSync({
      "a.md": strToU8("aaaa"),
      "b.md": strToU8("bbbb"),
      "c.md": strToU8("cc"),
      "d.md": strToU8("dddd"),
    });
    const result = await readImportEntries({ kind: "zip", data: zip }, { maxTotalBytes: 10 });
    expect(names(result)).toEqual(["a.md", "b.md", "c.md"]);
    expect(result.errors).toEqual([{ name: "d.md", reason: "skipped: the import would go over its 10 bytes total; import this file separately" }]);
  });

  it("refuses a zip with more entries than the file-count limit, counting every entry", async () => {
    const zip = zipSync({ "a.md": strToU8("a"), "b.md": strToU8("b"), "notes.txt": strToU8("c") });
    expect(await readImportEntries({ kind: "zip", data: zip, name: "many.zip" }, { maxFiles: 2 })).toEqual({
      entries: [],
      errors: [{ name: "many.zip", reason: "the zip holds more than 2 files; import at most 2 at a time" }],
    });
    expect(names(await readImportEntries({ kind: "zip", data: zip }, { maxFiles: 3 }))).toEqual(["a.md", "b.md"]);
  });

  it("uses the first of two entries with the same name", async () => {
    const zip = renameInZip(zipSync({ "a.md": strToU8("first"), "b.md": strToU8("second") }), "b.md", "a.md");
    const result = await readImportEntries({ kind: "zip", data: zip });
    expect(texts(result)).toEqual({ "a.md": "first" });
    expect(result.errors).toEqual([{ name: "a.md", reason: "appears twice in the zip; the first copy was used" }]);
  });

  it("refuses entries with an unsupported compression method", async () => {
    // Central header offset 10 holds the method: 14 is LZMA.
    const zip = patchCentralHeader(zipSync({ "a.md": strToU8("text") }), 10, 14, 2);
    const result = await readImportEntries({ kind: "zip", data: zip });
    expect(result.entries).toEqual([]);
    expect(result.errors[0].reason).toMatch(/compression method 14, which is not supported/);
  });

  it("reports a zip whose compressed data is corrupt", async () => {
    const zip = zipSync({ "a.md": strToU8("a".repeat(100)) });
    // The data of the first entry starts after its 30-byte local header and 4-byte name;
    // 0xff there is a deflate block of the reserved type 3.
    zip[34] = 0xff;
    expect(await readImportEntries({ kind: "zip", data: zip, name: "broken.zip" })).toEqual({
      entries: [],
      errors: [{ name: "broken.zip", reason: expect.stringMatching(/^the zip file is damaged/) }],
    });
  });

  it("refuses bytes that are not a zip, and an oversized zip", async () => {
    expect(await readImportEntries({ kind: "zip", data: strToU8("not a zip at all"), name: "x.zip" })).toEqual({
      entries: [],
      errors: [{ name: "x.zip", reason: expect.stringMatching(/^not a readable zip file/) }],
    });
    const zip = zipSync({ "a.md": strToU8("a") });
    const result = await readImportEntries({ kind: "zip", data: zip }, { maxArchiveBytes: zip.byteLength - 1 });
    expect(result.errors).toEqual([{ name: "upload.zip", reason: expect.stringMatching(/zip file is larger than/) }]);
  });
});

describe("readImportEntries: paths", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "linkpress-archive-"));
    const folder = path.join(dir, "posts");
    await mkdir(path.join(folder, "2025", "april"), { recursive: true });
    await mkdir(path.join(folder, ".git"), { recursive: true });
    await writeFile(path.join(folder, "b.md"), "b");
    await writeFile(path.join(folder, "a.md"), "a");
    await writeFile(path.join(folder, "2025", "april", "c.md"), "c");
    await writeFile(path.join(folder, "2025", "notes.txt"), "ignored");
    await writeFile(path.join(folder, ".git", "HEAD.md"), "hidden");
    await writeFile(path.join(folder, "big.md"), "x".repeat(50));
    await writeFile(path.join(dir, "outside.md"), "secret");
    await symlink(path.join(dir, "outside.md"), path.join(folder, "link.md"));
    await writeFile(path.join(dir, "single.md"), "single");
    await writeFile(path.join(dir, "readme.txt"), "text");
    await writeFile(path.join(dir, "bundle.zip"), zipSync({ "z/one.md": strToU8("one"), "two.md": strToU8("two") }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a folder recursively: only .md, sorted, symlinks and hidden folders not followed", async () => {
    const result = await readImportEntries({ kind: "path", path: path.join(dir, "posts") });
    expect(texts(result)).toEqual({ "2025/april/c.md": "c", "a.md": "a", "b.md": "b", "big.md": "x".repeat(50) });
    expect(names(result)).toEqual(["2025/april/c.md", "a.md", "b.md", "big.md"]);
    expect(result.errors).toEqual([{ name: "link.md", reason: "symbolic link, not followed" }]);
  });

  it("applies the size and count limits to a folder", async () => {
    const folder = { kind: "path", path: path.join(dir, "posts") } as const;
    const sized = await readImportEntries(folder, { maxFileBytes: 10, maxTotalBytes: 2 });
    expect(names(sized)).toEqual(["2025/april/c.md", "a.md"]);
    expect(sized.errors).toEqual([
      { name: "b.md", reason: "skipped: the import would go over its 2 bytes total; import this file separately" },
      { name: "big.md", reason: "file is larger than the 10 bytes limit; skipped" },
      { name: "link.md", reason: "symbolic link, not followed" },
    ]);
    expect(await readImportEntries(folder, { maxFiles: 3 })).toEqual({
      entries: [],
      errors: [{ name: "posts", reason: "the folder holds more than 3 files; import at most 3 at a time" }],
    });
  });

  it("reads a single .md file and a .zip file by path", async () => {
    expect(texts(await readImportEntries({ kind: "path", path: path.join(dir, "single.md") }))).toEqual({
      "single.md": "single",
    });
    const zipped = await readImportEntries({ kind: "path", path: path.join(dir, "bundle.zip") });
    expect(texts(zipped)).toEqual({ "two.md": "two", "z/one.md": "one" });
  });

  it("reports a missing path, an oversized file and a file of another type", async () => {
    expect(await readImportEntries({ kind: "path", path: path.join(dir, "nope.md") })).toEqual({
      entries: [],
      errors: [{ name: "nope.md", reason: "not found" }],
    });
    expect((await readImportEntries({ kind: "path", path: path.join(dir, "single.md") }, { maxFileBytes: 3 })).errors).toEqual([
      { name: "single.md", reason: "file is larger than the 3 bytes limit; skipped" },
    ]);
    expect((await readImportEntries({ kind: "path", path: path.join(dir, "readme.txt") })).errors).toEqual([
      { name: "readme.txt", reason: "not a Markdown (.md) file, a .zip file or a folder" },
    ]);
  });
});

describe("buildZip", () => {
  it("builds a zip that reads back byte for byte, with UTF-8 names and text", async () => {
    const zip = buildZip([
      { name: "posts/0001-ünïcode-🚀.md", data: "Open the original post ↗ https://example.com/\n" },
      { name: "bytes.md", data: new Uint8Array([0xef, 0xbb, 0xbf, 0x41]) },
    ]);
    const result = await readImportEntries({ kind: "zip", data: zip });
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([
      { name: "bytes.md", data: new Uint8Array([0xef, 0xbb, 0xbf, 0x41]) },
      { name: "posts/0001-ünïcode-🚀.md", data: strToU8("Open the original post ↗ https://example.com/\n") },
    ]);
    expect(Object.keys(unzipSync(zip))).toEqual(["posts/0001-ünïcode-🚀.md", "bytes.md"]);
  });

  it("refuses unsafe and repeated names", () => {
    expect(() => buildZip([{ name: "../x.md", data: "" }])).toThrow(/cannot add '\.\.\/x\.md' to a zip: path with '\.\.'/);
    expect(() => buildZip([{ name: "/x.md", data: "" }])).toThrow(/absolute path/);
    expect(() =>
      buildZip([
        { name: "a.md", data: "" },
        { name: "a.md", data: "again" },
      ]),
    ).toThrow(/twice/);
  });

  it("carries the whole corpus through a zip and every file still parses", async () => {
    const files = (await readdir(corpusDir)).filter((name) => name.endsWith(".md"));
    const zip = buildZip(await Promise.all(files.map(async (name) => ({ name, data: await readFile(corpusDir + name) }))));
    const result = await readImportEntries({ kind: "zip", data: zip, name: "corpus.zip" });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual([...files].sort());
    for (const entry of result.entries) {
      expect(Buffer.from(entry.data).equals(await readFile(corpusDir + entry.name)), entry.name).toBe(true);
      expect(parseLinkPost(entry.data, entry.name).ok, entry.name).toBe(true);
    }
  });
});
