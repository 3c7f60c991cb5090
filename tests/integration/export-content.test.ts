import { readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { buildExportDownload, exportBookmarks, exportContentJson, exportLinkPostFiles } from "@/lib/export/build";
import { parseBookmarksHtml } from "@/lib/link-format/bookmarks";
import { parseLinkPost } from "@/lib/link-format/front-matter";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile, readImportItems } from "@/lib/import/read";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { ROOT, corpusFile, uniqueCorpusText } from "./import-support";
import { expectAppError } from "../support/app-error";

const SKIP = { onDuplicate: "skip", asDraft: false, dryRun: false } as const;

describeDatabase("export", () => {
  let editor: TestUser;
  let contributor: TestUser;
  let tag: string;
  let sourceName: string;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    [editor, contributor] = await Promise.all([createTestUser("EDITOR", "Erin Exporter"), createTestUser("CONTRIBUTOR")]);
    // Three posts sharing a tag and a source of their own: one published, one draft, one scheduled.
    tag = unique("export-tag");
    sourceName = `Export source ${unique()}`;
    const files = [
      ["published", "0018", "false", "2025-01-02T03:04:05+00:00"],
      ["draft", "0019", "true", "2025-01-02T03:04:05+00:00"],
      ["scheduled", "0020", "false", "2999-01-01T00:00:00+00:00"],
    ].map(([name, prefix, draft, date]) => {
      const { text, url } = uniqueCorpusText(corpusFile(prefix));
      urls[name] = url;
      const edited = text
        .replace(/^tags:\n(- .*\n)+/m, `tags:\n- ${tag}\n`)
        .replace(/^source: .*$/m, `source: ${sourceName}`)
        .replace(/^draft: false$/m, `draft: ${draft}`)
        .replace(/^date: '[^']+'$/m, `date: '${date}'`);
      return itemFromFile(`${name}.md`, edited);
    });
    const report = await importItems(editor, { total: files.length, items: files }, SKIP);
    expect(report.counts.created).toBe(3);
  });

  it("filters by status, tag and source", async () => {
    const urlsOf = async (filter: Parameters<typeof exportLinkPostFiles>[1]) =>
      (await exportLinkPostFiles(editor, filter))
        .map((file) => (parseLinkPost(file.data) as { ok: true; post: { externalUrl: string } }).post.externalUrl)
        .sort();
    expect(await urlsOf({ status: "all", tag })).toEqual([urls.draft, urls.published, urls.scheduled].sort());
    expect(await urlsOf({ status: "published", tag })).toEqual([urls.published]);
    expect(await urlsOf({ status: "draft", tag })).toEqual([urls.draft]);
    expect(await urlsOf({ status: "scheduled", tag })).toEqual([urls.scheduled]);
    const sourceSlug = (await prisma.source.findUniqueOrThrow({ where: { name: sourceName } })).slug;
    expect(await urlsOf({ status: "all", source: sourceSlug })).toHaveLength(3);
    expect(await urlsOf({ status: "all", tag: unique("no-such-tag") })).toEqual([]);
  });

  it("downloads a zip of <slug>.md files that the importer reads back as unchanged", async () => {
    const download = await buildExportDownload(editor, "markdown", { status: "all", tag });
    expect(download.contentType).toBe("application/zip");
    expect(download.fileName).toMatch(/^linkpress-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(download.body as Uint8Array);
    expect(Object.keys(files)).toHaveLength(3);
    for (const [name, data] of Object.entries(files)) {
      expect(name).toMatch(/^[a-z0-9-]+\.md$/);
      expect(strFromU8(data)).toContain(`- ${tag}\n`);
    }
    const again = await importItems(editor, await readImportItems({ kind: "zip", data: download.body as Uint8Array, name: "export.zip" }), SKIP);
    expect(again.counts).toMatchObject({ unchanged: 3, created: 0, failed: 0 });
  });

  it("exports all content as JSON without passwords, hashes, tokens or secret settings", async () => {
    const key = unique("test");
    await prisma.setting.createMany({
      data: [
        { key: `${key}.title`, value: "Visible value" },
        { key: `${key}.smtp.password`, value: "hunter2-secret" },
        { key: `${key}.apiToken`, value: "tok_live_secret" },
      ],
    });
    await prisma.userToken.create({ data: { userId: editor.id, kind: "RESET", tokenHash: `hash-${key}`, expiresAt: new Date(Date.now() + 60_000) } });
    const json = await exportContentJson(editor);
    const hash = (await prisma.user.findUniqueOrThrow({ where: { id: editor.id }, omit: { passwordHash: false } })).passwordHash!;
    for (const secret of ["hunter2-secret", "tok_live_secret", `hash-${key}`, hash, editor.email, editor.password]) expect(json).not.toContain(secret);
    const content = JSON.parse(json) as {
      posts: { externalUrl: string; author: string; status: string; date: string }[];
      settings: { key: string }[];
      tags: { slug: string }[];
      sources: { name: string }[];
    };
    expect(content.settings.filter((setting) => setting.key.startsWith(key))).toEqual([{ key: `${key}.title`, value: "Visible value" }]);
    expect(content.posts.find((post) => post.externalUrl === urls.draft)).toMatchObject({
      author: "Erin Exporter",
      status: "DRAFT",
      date: "2025-01-02T03:04:05+00:00",
    });
    expect(content.tags.map((t) => t.slug)).toContain(tag);
    expect(content.sources.map((s) => s.name)).toContain(sourceName);
    expect(Object.keys(content)).toEqual(["format", "version", "exportedAt", "posts", "tags", "sources", "settings"]);
  });

  it("imports bookmarks as draft link posts and exports them back as the same bookmarks", async () => {
    const marker = unique("bm")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const html = readFileSync(path.join(ROOT, "tests/fixtures/bookmarks/linkding-export.html"), "utf8").replace(
      /HREF="(https?):\/\//g,
      `HREF="$1://${marker}.`,
    );
    const original = parseBookmarksHtml(html).bookmarks;
    const report = await importItems(editor, await readImportItems({ kind: "bookmarks", data: new TextEncoder().encode(html), name: "bookmarks.html" }), SKIP);
    expect(report.counts).toMatchObject({ created: 5, failed: 3 });
    expect(report.rows.filter((row) => row.outcome === "failed").map((row) => [row.line, row.reason])).toEqual([
      [20, expect.stringMatching(/^not an http\(s\) URL, skipped: javascript:/)],
      [21, expect.stringMatching(/^not an http\(s\) URL, skipped: place:/)],
      [22, "link has no HREF; skipped"],
    ]);
    const kgateway = await prisma.post.findFirstOrThrow({
      where: { externalUrl: { contains: `${marker}.www.cncf.io` } },
      include: { tags: { include: { tag: true } } },
    });
    expect(kgateway).toMatchObject({ status: "DRAFT", title: "Kgateway v2.1 is released! 🌟", dateText: null, sourceId: null, authorId: editor.id });
    expect(kgateway.publishedAt).toEqual(new Date(1763478000 * 1000));
    expect(kgateway.summary).toBe('Agentgateway integration, <global> policy attachment and "deep merging".\nSecond line of the note.');

    const { html: exported } = await exportBookmarks(editor, { status: "draft" });
    const back = parseBookmarksHtml(exported).bookmarks.filter((bookmark) => bookmark.url.includes(`://${marker}.`));
    expect(back.map((b) => b.url).sort()).toEqual(original.map((b) => b.url).sort());
    for (const bookmark of original) {
      const copy = back.find((b) => b.url === bookmark.url)!;
      // Tags are matched by slug, so a tag another test created first ("Kubernetes") keeps its spelling.
      const lowerTags = (tags: string[]) => tags.map((tag) => tag.toLowerCase());
      expect({ ...copy, addDate: bookmark.addDate ? copy.addDate : null, tags: lowerTags(copy.tags) }).toEqual({ ...bookmark, tags: lowerTags(bookmark.tags) });
    }
  });

  it("refuses a contributor every kind of export", async () => {
    for (const attempt of [
      exportLinkPostFiles(contributor, { status: "all" }),
      exportBookmarks(contributor, { status: "all" }),
      exportContentJson(contributor),
    ]) {
      await expectAppError(attempt, "FORBIDDEN");
    }
  });
});
