// A large bookmark file through the import as the server's heap allows it (lib/cli/process.ts starts the server with
// --max-old-space-size=256): one 9.5 MB upload of 94,291 links once ran the server out of memory in the dry run.
// The command line shares the reading, planning and importing with the admin screen's jobs, so it runs here in a
// child process with the server's heap bounds, on a database of its own.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeDatabase, provider } from "../support/database";
import { createScratchDatabase, OUTPUT_DIR, runCli } from "./import-support";

const SERVER_HEAP = { NODE_OPTIONS: "--max-old-space-size=256 --max-semi-space-size=8" };
const MB = 1000 * 1000;

/** A Netscape bookmark file of `links` links, each with a description of `descriptionChars` characters. */
function bookmarkFile(file: string, links: number, descriptionChars: number, marker: string): number {
  const note = "Why this link matters, in the words of whoever saved it. ".repeat(Math.ceil(descriptionChars / 57)).slice(0, descriptionChars);
  const parts = [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n',
  ];
  for (let i = 0; i < links; i++) {
    parts.push(`<DT><A HREF="https://site${i % 97}.example.com/${marker}/${i}" ADD_DATE="${1_600_000_000 + i}" TAGS="topic-${i % 40}">Link ${i}</A>\n`);
    if (descriptionChars > 0) parts.push(`<DD>${note} ${i}\n`);
  }
  parts.push("</DL><p>\n");
  writeFileSync(file, parts.join(""));
  return statSync(file).size;
}

describeDatabase("a 10 MB bookmark file within the server's heap", () => {
  let database: { url: string; drop: () => Promise<void> };
  let work: string;

  beforeAll(async () => {
    database = await createScratchDatabase(provider);
    work = mkdtempSync(path.join(OUTPUT_DIR, `bookmarks-memory-${provider}-`));
  });

  afterAll(async () => {
    await database?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("refuses a file of 100,000 links (over the 20,000 an import may hold) quickly, without running out of memory", async () => {
    const file = path.join(work, "too-many.html");
    expect(bookmarkFile(file, 100_000, 0, "many")).toBeGreaterThan(9 * MB);
    const started = Date.now();
    const result = await runCli("import", [file, "--dry-run"], database.url, SERVER_HEAP);
    expect(result.stderr).not.toMatch(/heap out of memory/);
    expect(result.stdout).toMatch(/the bookmark file holds more than 20000 links; import at most 20000 at a time/);
    expect(result.code).toBe(1);
    // Most of this is starting tsx and the database client; counting stops at link 20,001.
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it("checks and imports a file of 20,000 links with long descriptions", async () => {
    const file = path.join(work, "within-limits.html");
    expect(bookmarkFile(file, 20_000, 440, "ok")).toBeGreaterThan(10 * MB);
    const dryRun = await runCli("import", [file, "--dry-run"], database.url, SERVER_HEAP);
    expect(dryRun.stderr).not.toMatch(/heap out of memory/);
    expect(dryRun.stdout).toMatch(/Dry run \(nothing was written\): 20,000 new, 0 update, 0 unchanged, 0 duplicate, 0 error\./);
    expect(dryRun.code).toBe(0);

    const imported = await runCli("import", [file], database.url, SERVER_HEAP);
    expect(imported.stderr).not.toMatch(/heap out of memory/);
    expect(imported.stdout).toMatch(/20,000 created/);
    expect(imported.code).toBe(0);
  }, 240_000);
});
