// The lossless round trip and the command line, run as a user runs them (`npm run import` / `npm run export`) against
// databases of their own: tag and source names must come back exactly, which a database shared with other tests
// cannot promise.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseLinkPost, type LinkPostDocument } from "@/lib/link-format/front-matter";
import { describeDatabase, provider } from "../support/database";
import { CORPUS_DIR, MALFORMED_DIR, OUTPUT_DIR, corpusFile, corpusNames, createScratchDatabase, externalUrlOf, runCli } from "./import-support";

function parse(text: string): LinkPostDocument {
  const parsed = parseLinkPost(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.post;
}

type ContentExport = { posts: Record<string, unknown>[]; tags: unknown[]; sources: unknown[]; settings: unknown[] };

/** The JSON export without what naturally differs between two databases: the time of export and of each write. */
function comparable(json: string) {
  const content = JSON.parse(json) as ContentExport;
  return {
    posts: content.posts.map((post) => ({ ...post, createdAt: undefined, updatedAt: undefined })),
    tags: content.tags,
    sources: content.sources,
  };
}

describeDatabase("import and export round trip through the command line", () => {
  const scratch: { drop: () => Promise<void> }[] = [];
  let first: string;
  let second: string;
  let work: string;

  beforeAll(async () => {
    const [a, b] = await Promise.all([createScratchDatabase(provider), createScratchDatabase(provider)]);
    scratch.push(a, b);
    first = a.url;
    second = b.url;
    work = mkdtempSync(path.join(OUTPUT_DIR, `roundtrip-${provider}-`));
  });

  afterAll(async () => {
    await Promise.all(scratch.map((db) => db.drop()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("exports every corpus file so it parses to the same values and body, and import(export) recreates the same content", async () => {
    const imported = await runCli("import", [CORPUS_DIR], first);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("160 created, 0 updated, 0 unchanged, 0 skipped as duplicates, 0 failed.");

    const again = await runCli("import", [CORPUS_DIR], first);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 created, 0 updated, 160 unchanged, 0 skipped as duplicates, 0 failed.");

    const folder = path.join(work, "posts");
    const exported = await runCli("export", [folder], first);
    expect(exported.code, exported.stderr).toBe(0);
    const exportedFiles = readdirSync(folder);
    expect(exportedFiles).toHaveLength(160);
    const byUrl = new Map(
      exportedFiles.map((name) => {
        const text = readFileSync(path.join(folder, name), "utf8");
        return [externalUrlOf(text), text];
      }),
    );
    for (const name of corpusNames()) {
      const original = readFileSync(path.join(CORPUS_DIR, name), "utf8");
      const copy = byUrl.get(externalUrlOf(original));
      expect(copy, name).toBeDefined();
      expect(parse(copy!), name).toEqual(parse(original));
      // Same keys in the same order, and the same body line.
      expect(copy!.match(/^[a-z_]+:/gm), name).toEqual(original.match(/^[a-z_]+:/gm));
      expect(copy!.split("\n---\n")[1], name).toBe(original.split("\n---\n")[1]);
    }

    const reimported = await runCli("import", [folder], second);
    expect(reimported.code, reimported.stderr).toBe(0);
    expect(reimported.stdout).toContain("160 created");
    await runCli("export", [path.join(work, "first.json")], first);
    await runCli("export", [path.join(work, "second.json")], second);
    const a = comparable(readFileSync(path.join(work, "first.json"), "utf8"));
    const b = comparable(readFileSync(path.join(work, "second.json"), "utf8"));
    expect(a.posts).toHaveLength(160);
    expect(a.tags).toHaveLength(7);
    expect(a.sources).toHaveLength(7);
    expect(b).toEqual(a);
  });

  it("keeps via: a file with one exports it back in place after external_url, and import(export) recreates it", async () => {
    const [a, b] = await Promise.all([createScratchDatabase(provider), createScratchDatabase(provider)]);
    scratch.push(a, b);
    const input = path.join(work, "via-in");
    mkdirSync(input);
    const via = "https://news.ycombinator.com/item?id=424242&p=2";
    const withVia = readFileSync(path.join(CORPUS_DIR, corpusFile("0001")), "utf8").replace(/^(external_url: .+\n)/m, `$1via: ${via}\n`);
    expect(withVia).toMatch(/\nexternal_url: .+\nvia: .+\npost_kind: link\n/);
    writeFileSync(path.join(input, "with-via.md"), withVia);
    writeFileSync(path.join(input, "without-via.md"), readFileSync(path.join(CORPUS_DIR, corpusFile("0002")), "utf8"));

    const imported = await runCli("import", [input], a.url);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("2 created, 0 updated, 0 unchanged");
    expect((await runCli("import", [input], a.url)).stdout).toContain("0 created, 0 updated, 2 unchanged");

    const folder = path.join(work, "via-out");
    const exported = await runCli("export", [folder], a.url);
    expect(exported.code, exported.stderr).toBe(0);
    const byUrl = new Map(
      readdirSync(folder).map((name) => [externalUrlOf(readFileSync(path.join(folder, name), "utf8")), readFileSync(path.join(folder, name), "utf8")]),
    );
    for (const original of [withVia, readFileSync(path.join(input, "without-via.md"), "utf8")]) {
      const copy = byUrl.get(externalUrlOf(original))!;
      expect(parse(copy)).toEqual(parse(original));
      expect(copy.match(/^[a-z_]+:/gm)).toEqual(original.match(/^[a-z_]+:/gm));
      expect(copy.split("\n---\n")[1]).toBe(original.split("\n---\n")[1]);
    }
    expect(parse(byUrl.get(externalUrlOf(withVia))!).viaUrl).toBe(via);

    expect((await runCli("import", [folder], b.url)).stdout).toContain("2 created");
    await runCli("export", [path.join(work, "via-a.json")], a.url);
    await runCli("export", [path.join(work, "via-b.json")], b.url);
    const first = readFileSync(path.join(work, "via-a.json"), "utf8");
    expect((JSON.parse(first) as ContentExport).posts.map((post) => post.viaUrl)).toEqual(expect.arrayContaining([via, null]));
    expect(comparable(readFileSync(path.join(work, "via-b.json"), "utf8"))).toEqual(comparable(first));
  });

  it.runIf(provider === "sqlite")("exits 1 and lists each failed file with its line; a dry run writes nothing; wrong usage exits 2", async () => {
    const failed = await runCli("import", [MALFORMED_DIR], second);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("0 created, 0 updated, 0 unchanged, 0 skipped as duplicates, 16 failed.");
    expect(failed.stdout).toContain("Failed (16):");
    expect(failed.stdout).toContain("  bad-date.md, line 3: date '2025-02-30T10:00:00+00:00' is not an ISO 8601 date-time");
    expect(failed.stdout).toContain("  latin1.md: not UTF-8 text");
    // Without a terminal the progress comes as plain lines.
    expect(failed.stderr).toMatch(/16 of 16 files \(100%\), [\d,]+ files\/s/);

    const fresh = path.join(work, "fresh.md");
    writeFileSync(fresh, "---\ntitle: Not imported yet\nexternal_url: https://example.com/dry-run\n---\n");
    const dryRun = await runCli("import", ["--dry-run", "--on-duplicate", "update", fresh], second);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("Dry run (nothing was written): 1 new, 0 update, 0 unchanged, 0 duplicate, 0 error.");
    // Still new: the dry run wrote nothing.
    expect((await runCli("import", ["--dry-run", fresh], second)).stdout).toContain(": 1 new,");

    const usage = await runCli("import", ["--on-duplicate", "overwrite", CORPUS_DIR], second);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--on-duplicate must be skip or update");
    const unknownUser = await runCli("import", ["--as", "nobody@example.test", CORPUS_DIR], second);
    expect(unknownUser.code).toBe(2);
    expect(unknownUser.stderr).toContain("no account with the email nobody@example.test");
    const badExport = await runCli("export", ["--status", "gone", path.join(work, "x.zip")], second);
    expect(badExport.code).toBe(2);
  });
});
