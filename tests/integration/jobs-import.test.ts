// Imports run on the job queue: an import whose server stopped in the middle (its worker's lease expired) is taken up
// again by another worker by itself.
import { rmSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";

// The uploads go to a folder of this test file's own, not the project's data folder.
const dataDir = vi.hoisted(() => {
  const dir = `${process.cwd()}/tests/.output/jobs-import-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  process.env.LINKPRESS_DATA_DIR = dir;
  return dir;
});

import { prisma } from "@/lib/db";
import { importRunKind, queueImportRun, startImportUpload } from "@/lib/import/jobs";
import { confirmImportJob } from "@/lib/import/job-state";
import { getImportJob } from "@/lib/import/queries";
import { claimJobs } from "@/lib/jobs/mutations";
import { startJobWorker, type JobWorker } from "@/lib/jobs/worker";
import { canonicalizeUrl } from "@/lib/posts/canonical-url";
import { createTestUser, describeDatabase, type TestUser } from "../support/database";
import { waitFor } from "../support/jobs";
import { corpusFile, uniqueCorpusText } from "./import-support";

const importJobsOf = (importJobId: string) => prisma.job.findMany({ where: { kind: importRunKind.kind, payload: { contains: importJobId } } });

describeDatabase("imports on the job queue", () => {
  let editor: TestUser;
  let worker: JobWorker | null = null;
  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });
  afterEach(async () => {
    await worker?.stop(1000);
    worker = null;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("resumes a stalled import by itself once the stopped worker's lease expires", async () => {
    const a = uniqueCorpusText(corpusFile("0023"));
    const zip = zipSync({ "posts/a.md": strToU8(a.text) });
    const { id } = await startImportUpload(editor, [{ name: "posts.zip", data: zip }], { onDuplicate: "skip", asDraft: true });
    await queueImportRun(id);
    // A worker claims the dry run and dies with it (its lease is as good as expired).
    const [queued] = await importJobsOf(id);
    expect(queued).toMatchObject({ state: "QUEUED" });
    expect(await claimJobs({ owner: "stopped-server", kinds: [importRunKind.kind], limit: 50, leaseMs: 1 })).toContain(queued.id);
    expect((await getImportJob(id))?.status).toBe("CHECKING");

    worker = startJobWorker({ kinds: [importRunKind], recurring: [], pollMs: 20 });
    await waitFor(async () => (await getImportJob(id))?.status === "PREVIEWED", "the dry run to finish");
    // The queue marks its job done after the handler returns, a moment after the import says it is previewed.
    await waitFor(async () => (await importJobsOf(id))[0]?.state !== "RUNNING", "the queue to end the job");
    expect(await importJobsOf(id)).toEqual([expect.objectContaining({ state: "DONE", attempts: 2 })]);

    // Confirmed, the import itself runs on the queue too.
    await confirmImportJob(editor, id);
    await queueImportRun(id);
    await waitFor(async () => (await getImportJob(id))?.status === "DONE", "the import to finish");
    expect(await prisma.post.count({ where: { canonicalUrl: canonicalizeUrl(a.url) } })).toBe(1);
  });
});
