import { strToU8, zipSync } from "fflate";
import { beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile, readImportItems, type ItemSource } from "@/lib/import/read";
import type { ImportOptions, ImportReport, ReportRow } from "@/lib/import/schema";
import { canonicalizeUrl } from "@/lib/posts/canonical-url";
import { searchPublishedPosts } from "@/lib/search/queries";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { corpusFile, uniqueCorpusText, uniqueMalformedText } from "./import-support";

const SKIP: ImportOptions = { onDuplicate: "skip", asDraft: false, dryRun: false };

function source(files: { name: string; text: string | Uint8Array }[]): ItemSource {
  return { total: files.length, items: files.map((file) => itemFromFile(file.name, file.text)) };
}

function rowOf(report: ImportReport, file: string): ReportRow {
  const row = report.rows.find((r) => r.file === file);
  if (!row) throw new Error(`no report row for ${file}: ${JSON.stringify(report.rows)}`);
  return row;
}

async function stored(url: string) {
  return prisma.post.findUnique({
    where: { canonicalUrl: canonicalizeUrl(url) },
    include: { source: true, tags: { include: { tag: true }, orderBy: { position: "asc" } } },
  });
}

describeDatabase("import", () => {
  let editor: TestUser;
  let contributor: TestUser;

  beforeAll(async () => {
    [editor, contributor] = await Promise.all([createTestUser("EDITOR"), createTestUser("CONTRIBUTOR")]);
  });

  it("maps every field: exact date string and instant, tags in order, source, kind, author", async () => {
    const k8s = uniqueCorpusText(corpusFile("0007"));
    const digitalOcean = uniqueCorpusText(corpusFile("0044"));
    const vmware = uniqueCorpusText(corpusFile("0050"));
    const report = await importItems(
      editor,
      source([
        { name: "0007.md", text: k8s.text },
        { name: "0044.md", text: digitalOcean.text },
        { name: "0050.md", text: vmware.text },
      ]),
      SKIP,
    );
    expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 0 });

    const a = await stored(k8s.url);
    expect(a).toMatchObject({
      status: "PUBLISHED",
      dateText: "2025-04-25T10:30:00-08:00",
      kind: "link",
      authorId: editor.id,
      updatedById: editor.id,
      externalUrl: k8s.url,
      commentary: "",
    });
    expect(a!.publishedAt!.toISOString()).toBe("2025-04-25T18:30:00.000Z");
    expect(a!.source?.name).toBe("Kubernetes Blog");
    expect(a!.title).toBe("Kubernetes v1.33: User Namespaces enabled by default!");
    expect(rowOf(report, "0007.md")).toMatchObject({ outcome: "created", postId: a!.id });

    const b = await stored(digitalOcean.url);
    expect(b!.dateText).toBe("2025-12-09T18:53:48.536000+00:00");
    expect(b!.publishedAt!.toISOString()).toBe("2025-12-09T18:53:48.536Z");

    const c = await stored(vmware.url);
    expect(c!.tags.map((link) => [link.tag.slug, link.position])).toEqual([
      ["vmware", 0],
      ["cloud-foundation", 1],
      ["kubernetes", 2],
    ]);
    expect(c!.source?.slug).toBe("vmware-cloud-foundation-blog");
  });

  it("changes nothing when the same files come again, and updates only what differs when asked", async () => {
    const file = uniqueCorpusText(corpusFile("0001"));
    await importItems(editor, source([{ name: "a.md", text: file.text }]), SKIP);
    const before = (await stored(file.url))!;

    const again = await importItems(editor, source([{ name: "a.md", text: file.text }]), SKIP);
    expect(rowOf(again, "a.md")).toMatchObject({ outcome: "unchanged", postId: before.id });
    expect((await stored(file.url))!.updatedAt).toEqual(before.updatedAt);

    const edited = file.text.replace(/^summary: '/m, "summary: 'Edited. ").concat("\nMy own commentary.\n");
    const skipped = await importItems(editor, source([{ name: "a.md", text: edited }]), SKIP);
    expect(rowOf(skipped, "a.md")).toMatchObject({ outcome: "skipped", fields: ["summary", "commentary"] });
    expect(rowOf(skipped, "a.md").reason).toMatch(/already exists/);
    expect((await stored(file.url))!.version).toBe(before.version);

    const updated = await importItems(editor, source([{ name: "a.md", text: edited }]), { ...SKIP, onDuplicate: "update" });
    expect(rowOf(updated, "a.md")).toMatchObject({ outcome: "updated", fields: ["summary", "commentary"] });
    const after = (await stored(file.url))!;
    expect(after.summary.startsWith("Edited. ")).toBe(true);
    expect(after.commentary).toBe("My own commentary.");
    expect(after.version).toBe(before.version + 1);
    // Everything else is as it was.
    expect({ ...after, summary: before.summary, commentary: before.commentary, version: before.version, updatedAt: before.updatedAt }).toEqual(before);

    const replay = await importItems(editor, source([{ name: "a.md", text: edited }]), { ...SKIP, onDuplicate: "update" });
    expect(rowOf(replay, "a.md").outcome).toBe("unchanged");
  });

  it("creates drafts with --as-draft, schedules a future date and keeps draft: true a draft", async () => {
    const asDraft = uniqueCorpusText(corpusFile("0002"));
    const future = uniqueCorpusText(corpusFile("0003"));
    const draft = uniqueCorpusText(corpusFile("0004"));
    await importItems(editor, source([{ name: "d.md", text: asDraft.text }]), { ...SKIP, asDraft: true });
    await importItems(
      editor,
      source([
        { name: "f.md", text: future.text.replace(/^date: '[^']+'/m, "date: '2999-01-01T00:00:00+02:00'") },
        { name: "t.md", text: draft.text.replace(/^draft: false/m, "draft: true") },
      ]),
      SKIP,
    );
    expect(await stored(asDraft.url)).toMatchObject({ status: "DRAFT" });
    expect((await stored(asDraft.url))!.publishedAt).not.toBeNull();
    expect(await stored(future.url)).toMatchObject({ status: "SCHEDULED", dateText: "2999-01-01T00:00:00+02:00" });
    expect(await stored(draft.url)).toMatchObject({ status: "DRAFT" });
  });

  it("writes nothing in a dry run and says what would happen to each file", async () => {
    const fresh = uniqueCorpusText(corpusFile("0005"));
    const same = uniqueCorpusText(corpusFile("0006"));
    const other = uniqueCorpusText(corpusFile("0017"));
    await importItems(
      editor,
      source([
        { name: "same.md", text: same.text },
        { name: "other.md", text: other.text },
      ]),
      SKIP,
    );
    const changed = other.text.replace(/^post_kind: link$/m, "post_kind: note");
    const report = await importItems(
      editor,
      source([
        { name: "bad.md", text: "---\ntitle: Bad\nexternal_url: not a url\n---\n" },
        { name: "new.md", text: fresh.text },
        { name: "same.md", text: same.text },
        { name: "changed.md", text: changed },
        { name: "again.md", text: fresh.text },
      ]),
      { onDuplicate: "update", asDraft: false, dryRun: true },
    );
    expect(report.rows.map((row) => [row.file, row.outcome])).toEqual([
      ["bad.md", "failed"],
      ["new.md", "created"],
      ["same.md", "unchanged"],
      ["changed.md", "updated"],
      ["again.md", "skipped"],
    ]);
    expect(rowOf(report, "changed.md").fields).toEqual(["post_kind"]);
    expect(rowOf(report, "again.md").reason).toMatch(/the same article as new\.md/);
    expect(rowOf(report, "bad.md")).toMatchObject({ line: 3, reason: "external_url: Enter a full URL starting with https:// or http://." });
    expect(await stored(fresh.url)).toBeNull();
    expect((await stored(other.url))!.kind).toBe("link");
  });

  it("reports every malformed or hostile file with its reason and line, imports the good ones and writes nothing for the bad", async () => {
    const malformed = [
      "alias-bomb.md",
      "bad-date.md",
      "binary-nul.md",
      "broken-yaml.md",
      "duplicate-key.md",
      "javascript-url.md",
      "latin1.md",
      "long-title.md",
      "missing-title.md",
      "no-front-matter.md",
      "python-object-tag.md",
      "tab-indent.md",
      "tags-not-list.md",
      "too-many-tags.md",
      "unclosed-front-matter.md",
    ].map((name) => ({ name, ...uniqueMalformedText(name) }));
    const good = uniqueCorpusText(corpusFile("0008"));
    const crlf = uniqueCorpusText(corpusFile("0009"));
    const crlfBom = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(crlf.text.replace(/\n/g, "\r\n"))]);
    const zip = zipSync({
      ...Object.fromEntries(malformed.map((file) => [`posts/${file.name}`, file.data])),
      "posts/good.md": strToU8(good.text),
      "posts/windows.md": crlfBom,
      "../escape.md": strToU8(good.text),
      "/etc/absolute.md": strToU8(good.text),
      "posts/huge.md": strToU8(`---\ntitle: Huge\nexternal_url: https://example.com/${unique()}\n---\n${"x".repeat(1024 * 1024)}`),
      "posts/cover.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    const report = await importItems(editor, await readImportItems({ kind: "zip", data: zip, name: "hostile.zip" }), SKIP);

    const reasons = Object.fromEntries(report.rows.map((row) => [row.file, `${row.outcome}${row.line ? ` @${row.line}` : ""}: ${row.reason ?? ""}`]));
    expect(reasons).toMatchObject({
      "posts/alias-bomb.md": expect.stringMatching(/^failed: .*too many YAML aliases/),
      "posts/bad-date.md": expect.stringMatching(/^failed @3: date '2025-02-30T10:00:00\+00:00' is not an ISO 8601/),
      "posts/binary-nul.md": expect.stringMatching(/^failed: binary file/),
      "posts/broken-yaml.md": expect.stringMatching(/^failed @\d+: invalid YAML/),
      "posts/duplicate-key.md": expect.stringMatching(/^failed @3: invalid YAML: Map keys must be unique/),
      "posts/javascript-url.md": expect.stringMatching(/^failed @7: external_url: Only http:\/\/ and https:\/\/ URLs can be linked/),
      "posts/latin1.md": expect.stringMatching(/^failed: not UTF-8 text/),
      "posts/long-title.md": expect.stringMatching(/^failed @2: title is too long/),
      "posts/missing-title.md": expect.stringMatching(/^failed: missing title/),
      "posts/no-front-matter.md": expect.stringMatching(/^failed @1: no front matter/),
      "posts/python-object-tag.md": expect.stringMatching(/^failed @4: .*python\/object/),
      "posts/tab-indent.md": expect.stringMatching(/^failed @4: invalid YAML: Tabs/),
      "posts/tags-not-list.md": expect.stringMatching(/^failed @3: tags must be a list/),
      "posts/too-many-tags.md": expect.stringMatching(/^failed @3: too many tags/),
      "posts/unclosed-front-matter.md": expect.stringMatching(/^failed @1: front matter is not closed/),
      "../escape.md": expect.stringMatching(/^failed: path with '\.\.'/),
      "/etc/absolute.md": expect.stringMatching(/^failed: absolute path/),
      "posts/huge.md": expect.stringMatching(/^failed: file is larger than the 1 MiB limit/),
      "posts/cover.png": expect.stringMatching(/^failed: not a Markdown/),
      "posts/good.md": "created: ",
      "posts/windows.md": "created: ",
    });
    expect(report.counts).toMatchObject({ created: 2, failed: 19 });
    for (const file of malformed) expect(await stored(file.url), file.name).toBeNull();
    // The CRLF + BOM copy reads exactly as the LF original would.
    const windows = (await stored(crlf.url))!;
    expect(windows.title).toBe("Planning your upgrade path to Ansible Automation Platform 2.6");
    expect(windows.summary).not.toMatch(/\r/);
  });

  it("keeps each file all-or-nothing when a batch fails: the files are retried one by one", async () => {
    const files = ["0010", "0011", "0012"].map((prefix) => ({ name: `${prefix}.md`, ...uniqueCorpusText(corpusFile(prefix)) }));
    const original = prisma.$transaction.bind(prisma);
    let call = 0;
    // The batch transaction fails, then the retry of the second file fails too.
    const spy = vi.spyOn(prisma, "$transaction").mockImplementation(((...args: Parameters<typeof prisma.$transaction>) => {
      call += 1;
      if (call === 1 || call === 3) return Promise.reject(new Error("simulated database failure"));
      return (original as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as typeof prisma.$transaction);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const report = await importItems(editor, source(files.map((file) => ({ name: file.name, text: file.text }))), SKIP);
      expect(report.rows.map((row) => [row.file, row.outcome])).toEqual([
        ["0010.md", "created"],
        ["0011.md", "failed"],
        ["0012.md", "created"],
      ]);
      expect(rowOf(report, "0011.md").reason).toMatch(/database error/);
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
    expect(await stored(files[0].url)).not.toBeNull();
    expect(await stored(files[1].url)).toBeNull();
    expect(await prisma.postTag.count({ where: { post: { canonicalUrl: canonicalizeUrl(files[1].url) } } })).toBe(0);
    expect(await stored(files[2].url)).not.toBeNull();
  });

  it("gives posts with the same title distinct slugs, and an exported file its own slug back", async () => {
    const title = `Same title ${unique()}`;
    const base = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const files = [1, 2, 3].map((n) => {
      const { text, url } = uniqueCorpusText(corpusFile("0013"));
      return { name: n === 3 ? `${base}-7.md` : `${n}.md`, text: text.replace(/^title: .*$/m, `title: ${title}`), url };
    });
    await importItems(editor, source(files), { ...SKIP, asDraft: true });
    const slugs = await Promise.all(files.map(async (file) => (await stored(file.url))!.slug));
    expect(slugs).toEqual([base, `${base}-2`, `${base}-7`]);
  });

  it("matches an existing source by name or slug and tags by slug, whatever their case", async () => {
    const name = `Source ${unique()}`;
    const existing = await prisma.source.create({ data: { name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}` } });
    const tag = unique("Tag");
    await prisma.tag.create({ data: { name: tag, slug: tag.toLowerCase() } });
    const file = uniqueCorpusText(corpusFile("0014"));
    const text = file.text.replace(/^source: .*$/m, `source: ${name.toUpperCase()}`).replace(/^tags:\n- kubernetes$/m, `tags:\n- ${tag.toLowerCase()}`);
    await importItems(editor, source([{ name: "s.md", text }]), SKIP);
    const post = (await stored(file.url))!;
    expect(post.sourceId).toBe(existing.id);
    expect(post.tags.map((link) => link.tag.name)).toEqual([tag]);
  });

  it("leaves every imported post findable by title, tag, source and summary (the search index sees the whole post)", async () => {
    const word = () =>
      `zq${Math.random()
        .toString(36)
        .replace(/[^a-z]/g, "")
        .slice(0, 8)}x`;
    const [inTitle, inTag, inSource, inSummary] = [word(), word(), word(), word()];
    const file = uniqueCorpusText(corpusFile("0028"));
    const text = file.text
      .replace(/^title: /m, `title: ${inTitle} `)
      .replace(/^tags:\n(- .*\n)+/m, `tags:\n- ${inTag}\n- kubernetes\n`)
      .replace(/^source: .*$/m, `source: Source ${inSource}`)
      .replace(/^summary: '/m, `summary: '${inSummary} `);
    await importItems(editor, source([{ name: "search.md", text }]), SKIP);
    const { id } = (await stored(file.url))!;
    for (const term of [inTitle, inTag, inSource, inSummary]) {
      const results = await searchPublishedPosts(term, { page: 1, perPage: 5 });
      expect(
        results.items.map((hit) => hit.slug),
        term,
      ).toEqual([(await prisma.post.findUniqueOrThrow({ where: { id } })).slug]);
    }
  });

  it("refuses a contributor and writes nothing", async () => {
    const file = uniqueCorpusText(corpusFile("0015"));
    const error = await importItems(contributor, source([{ name: "c.md", text: file.text }]), SKIP).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect(await stored(file.url)).toBeNull();
  });

  it("records one audit entry per import with its counts", async () => {
    const file = uniqueCorpusText(corpusFile("0016"));
    const label = unique("label");
    await importItems(editor, source([{ name: "a.md", text: file.text }]), SKIP, { label });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.import", targetLabel: label } });
    expect(entry.actorId).toBe(editor.id);
    expect(JSON.parse(entry.details!)).toMatchObject({ created: 1, failed: 0 });
  });
});
