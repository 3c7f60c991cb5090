// The admin screen's background imports: upload → dry run → confirm → import, with the upload kept in the data
// folder only while the job needs it.
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

// The uploads go to a folder of this test file's own, not the project's data folder.
const dataDir = vi.hoisted(() => {
  const dir = `${process.cwd()}/tests/.output/import-jobs-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  process.env.LINKPRESS_DATA_DIR = dir;
  return dir;
});

import { prisma } from "@/lib/db";
import { runImportJob, startImportUpload, type UploadedFile } from "@/lib/import/jobs";
import { cancelImportJob, confirmImportJob, resumeImportJob } from "@/lib/import/job-state";
import { getImportJob, listImportJobs } from "@/lib/import/queries";
import type { ImportReport } from "@/lib/import/schema";
import { canonicalizeUrl } from "@/lib/posts/canonical-url";
import { createTestUser, describeDatabase, type TestUser } from "../support/database";
import { corpusFile, uniqueCorpusText } from "./import-support";
import { expectAppError } from "../support/app-error";

const uploads = () => (existsSync(path.join(dataDir, "imports")) ? readdirSync(path.join(dataDir, "imports")) : []);

describeDatabase("import jobs", () => {
  let editor: TestUser;
  let otherEditor: TestUser;
  let admin: TestUser;
  let contributor: TestUser;

  beforeAll(async () => {
    [editor, otherEditor, admin, contributor] = await Promise.all([
      createTestUser("EDITOR"),
      createTestUser("EDITOR"),
      createTestUser("ADMIN"),
      createTestUser("CONTRIBUTOR"),
    ]);
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("checks an upload without writing, imports it once confirmed, keeps the report and deletes the upload", async () => {
    const a = uniqueCorpusText(corpusFile("0021"));
    const b = uniqueCorpusText(corpusFile("0022"));
    const zip = zipSync({ "posts/a.md": strToU8(a.text), "posts/b.md": strToU8(b.text), "posts/bad.md": strToU8("---\ntitle: x\n---\n") });
    const { id } = await startImportUpload(editor, [{ name: "posts.zip", data: zip }], { onDuplicate: "skip", asDraft: false });
    expect(await getImportJob(id)).toMatchObject({
      status: "CHECKING",
      fileName: "posts.zip",
      createdById: editor.id,
      options: { onDuplicate: "skip", asDraft: false, format: "zip" },
    });
    expect(uploads()).toContain(`${id}.zip`);

    await runImportJob(id);
    const previewed = (await getImportJob(id))!;
    expect(previewed.status).toBe("PREVIEWED");
    const preview = previewed.report as ImportReport;
    expect(preview.dryRun).toBe(true);
    expect(preview.rows.map((row) => [row.file, row.outcome])).toEqual([
      ["posts/a.md", "created"],
      ["posts/b.md", "created"],
      ["posts/bad.md", "failed"],
    ]);
    expect(await prisma.post.count({ where: { canonicalUrl: { in: [canonicalizeUrl(a.url), canonicalizeUrl(b.url)] } } })).toBe(0);

    // Another editor may look, but only the uploader or an admin may start it.
    await expectAppError(confirmImportJob(otherEditor, id), "FORBIDDEN");
    await confirmImportJob(editor, id);
    await expectAppError(confirmImportJob(editor, id), "CONFLICT");
    await runImportJob(id);

    const done = (await getImportJob(id))!;
    expect(done.status).toBe("DONE");
    expect(done.finishedAt).not.toBeNull();
    expect(done).toMatchObject({ total: 3, processed: 3 });
    const report = done.report as ImportReport;
    expect(report.counts).toMatchObject({ created: 2, failed: 1 });
    expect(report.rows.find((row) => row.file === "posts/bad.md")?.reason).toMatch(/missing external_url/);
    const post = await prisma.post.findUniqueOrThrow({ where: { canonicalUrl: canonicalizeUrl(a.url) } });
    expect(post).toMatchObject({ authorId: editor.id, status: "PUBLISHED" });
    expect(uploads()).not.toContain(`${id}.zip`);
    expect((await listImportJobs()).map((job) => job.id)).toContain(id);
  });

  it("packs uploaded .md files into one zip, and imports bookmark files as drafts", async () => {
    const a = uniqueCorpusText(corpusFile("0024"));
    const files: UploadedFile[] = [{ name: "a.md", data: strToU8(a.text) }];
    const { id } = await startImportUpload(editor, files, { onDuplicate: "skip", asDraft: true });
    expect((await getImportJob(id))!.fileName).toBe("a.md");
    await runImportJob(id);
    await confirmImportJob(editor, id);
    await runImportJob(id);
    expect(await prisma.post.findUniqueOrThrow({ where: { canonicalUrl: canonicalizeUrl(a.url) } })).toMatchObject({ status: "DRAFT" });

    const url = `https://bookmarks.example.com/${Date.now()}/${Math.random()}`;
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="${url}" ADD_DATE="1700000000" TAGS="reading">A bookmark</A>\n<DD>Why it matters.\n</DL><p>\n`;
    const job = await startImportUpload(editor, [{ name: "bookmarks.html", data: strToU8(html) }], { onDuplicate: "skip", asDraft: false });
    await runImportJob(job.id);
    await confirmImportJob(editor, job.id);
    await runImportJob(job.id);
    expect(await prisma.post.findUniqueOrThrow({ where: { canonicalUrl: canonicalizeUrl(url) } })).toMatchObject({
      status: "DRAFT",
      title: "A bookmark",
      summary: "Why it matters.",
    });
  });

  it("cancels a dry run, deleting its upload; an admin may cancel anyone's", async () => {
    const a = uniqueCorpusText(corpusFile("0025"));
    const { id } = await startImportUpload(editor, [{ name: "a.md", data: strToU8(a.text) }], { onDuplicate: "skip", asDraft: false });
    await runImportJob(id);
    await cancelImportJob(admin, id);
    expect((await getImportJob(id))!.status).toBe("CANCELLED");
    await expectAppError(confirmImportJob(editor, id), "CONFLICT");
    await runImportJob(id);
    expect(await prisma.post.count({ where: { canonicalUrl: canonicalizeUrl(a.url) } })).toBe(0);
  });

  it("fails a job whose upload is gone, with a message, and resumes a stopped one", async () => {
    const a = uniqueCorpusText(corpusFile("0026"));
    const { id } = await startImportUpload(editor, [{ name: "a.md", data: strToU8(a.text) }], { onDuplicate: "skip", asDraft: false });
    // A server that stopped mid-check: resuming runs the dry run again.
    await resumeImportJob(editor, id, "CHECKING");
    await runImportJob(id);
    expect((await getImportJob(id))!.status).toBe("PREVIEWED");
    rmSync(path.join(dataDir, "imports", `${id}.zip`));
    await confirmImportJob(editor, id);
    await runImportJob(id);
    const failed = (await getImportJob(id))!;
    expect(failed.status).toBe("FAILED");
    expect(failed.report).toEqual({ error: "The uploaded file is no longer on the server. Upload it again." });
  });

  it("refuses contributors, mixed uploads and clashing names, and writes no job for them", async () => {
    const before = await prisma.importJob.count({ where: { createdById: { in: [contributor.id, editor.id] } } });
    await expectAppError(startImportUpload(contributor, [{ name: "a.md", data: strToU8("x") }], { onDuplicate: "skip", asDraft: false }), "FORBIDDEN");
    const mixed = await expectAppError(
      startImportUpload(
        editor,
        [
          { name: "a.md", data: strToU8("x") },
          { name: "b.zip", data: strToU8("x") },
        ],
        { onDuplicate: "skip", asDraft: false },
      ),
      "INVALID_INPUT",
    );
    expect(mixed.userMessage).toMatch(/not a mix/);
    await expectAppError(
      startImportUpload(
        editor,
        [
          { name: "a.md", data: strToU8("x") },
          { name: "a.md", data: strToU8("y") },
        ],
        { onDuplicate: "skip", asDraft: false },
      ),
      "INVALID_INPUT",
    );
    await expectAppError(startImportUpload(editor, [], { onDuplicate: "skip", asDraft: false }), "INVALID_INPUT");
    await expectAppError(startImportUpload(editor, [{ name: "notes.txt", data: strToU8("x") }], { onDuplicate: "skip", asDraft: false }), "INVALID_INPUT");
    expect(await prisma.importJob.count({ where: { createdById: { in: [contributor.id, editor.id] } } })).toBe(before);
  });

  it("refuses to run a job for an author who lost the right to import", async () => {
    const demoted = await createTestUser("EDITOR");
    const a = uniqueCorpusText(corpusFile("0027"));
    const { id } = await startImportUpload(demoted, [{ name: "a.md", data: strToU8(a.text) }], { onDuplicate: "skip", asDraft: false });
    await prisma.user.update({ where: { id: demoted.id }, data: { role: "CONTRIBUTOR" } });
    await runImportJob(id);
    expect(await getImportJob(id)).toMatchObject({ status: "FAILED", report: { error: expect.stringMatching(/can no longer import/) } });
    expect(uploads()).not.toContain(`${id}.zip`);
  });

  it("refuses a bookmark upload of more than 20,000 links or over 20 MiB before any job exists", async () => {
    const link = (i: number) => `<DT><A HREF="https://many.example.com/${i}" ADD_DATE="1700000000">Link ${i}</A>\n`;
    const tooMany = strToU8(`<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${Array.from({ length: 100_000 }, (_, i) => link(i)).join("")}</DL><p>\n`);
    expect(tooMany.byteLength).toBeGreaterThan(6_000_000);
    const tooLarge = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x20);
    const before = await prisma.importJob.count({ where: { createdById: editor.id } });
    const many = await expectAppError(
      startImportUpload(editor, [{ name: "many.html", data: tooMany }], { onDuplicate: "skip", asDraft: false }),
      "INVALID_INPUT",
    );
    expect(many.userMessage).toBe("many.html cannot be imported: the bookmark file holds more than 20000 links; import at most 20000 at a time.");
    const large = await expectAppError(
      startImportUpload(editor, [{ name: "large.html", data: tooLarge }], { onDuplicate: "skip", asDraft: false }),
      "INVALID_INPUT",
    );
    expect(large.userMessage).toBe("large.html cannot be imported: bookmark file is larger than 20 MiB.");
    expect(await prisma.importJob.count({ where: { createdById: editor.id } })).toBe(before);
  });

  it("ends a job as failed, with a message, when its phase throws where it does not expect it, and runs the next job", async () => {
    const a = uniqueCorpusText(corpusFile("0028"));
    const b = uniqueCorpusText(corpusFile("0029"));
    const broken = await startImportUpload(editor, [{ name: "a.md", data: strToU8(a.text) }], { onDuplicate: "skip", asDraft: false });
    const next = await startImportUpload(editor, [{ name: "b.md", data: strToU8(b.text) }], { onDuplicate: "skip", asDraft: false });
    // The database answers the job's first read with an error (a dropped connection, say).
    const read = vi.spyOn(prisma.importJob, "findUnique").mockRejectedValueOnce(new Error("Connection terminated unexpectedly"));
    try {
      await Promise.all([runImportJob(broken.id), runImportJob(next.id)]);
    } finally {
      read.mockRestore();
    }
    expect(await getImportJob(broken.id)).toMatchObject({
      status: "FAILED",
      report: { error: expect.stringMatching(/stopped because of an unexpected error/) },
    });
    expect(uploads()).not.toContain(`${broken.id}.zip`);
    expect((await getImportJob(next.id))!.status).toBe("PREVIEWED");
  });

  it("ends a job as failed when its stored upload cannot be read", async () => {
    const a = uniqueCorpusText(corpusFile("0030"));
    const { id } = await startImportUpload(editor, [{ name: "a.md", data: strToU8(a.text) }], { onDuplicate: "skip", asDraft: false });
    // A folder where the upload should be: reading it fails with EISDIR, not "not found".
    rmSync(path.join(dataDir, "imports", `${id}.zip`));
    mkdirSync(path.join(dataDir, "imports", `${id}.zip`));
    await runImportJob(id);
    expect(await getImportJob(id)).toMatchObject({ status: "FAILED", report: { error: expect.stringMatching(/stopped because of an unexpected error/) } });
    rmSync(path.join(dataDir, "imports", `${id}.zip`), { recursive: true, force: true });
  });
});
