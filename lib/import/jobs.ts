import "server-only";
import { z } from "zod";
import { buildZip } from "@/lib/link-format/archive";
import { canImport, type Actor } from "@/lib/auth/permissions";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { AppError, isAppError } from "@/lib/errors";
import { defineJobKind } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/mutations";
import { importItems } from "./bulk-writer";
import { createImportJob, expireStalePreviews, failActiveJob, finishJobPhase, saveJobProgress } from "./job-state";
import { getJobForRun } from "./queries";
import { checkBookmarkFile, isBookmarkFileName, readImportItems } from "./read";
import { changedContent, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, type JobOptions, type OnDuplicate, type UploadFormat } from "./schema";
import { deleteUpload, readUpload, storeUpload } from "./storage";

export type UploadedFile = { name: string; data: Uint8Array };

// A preview nobody confirms within a day is dropped with its upload.
const PREVIEW_LIFETIME_MS = 24 * 60 * 60 * 1000;
// Progress is saved at most this often, so a fast import is not slowed by its own bookkeeping.
const PROGRESS_INTERVAL_MS = 400;

/** How an upload is kept: one zip as it is, one bookmark file, or .md files packed into a zip. */
function packUpload(files: UploadedFile[]): { format: UploadFormat; data: Uint8Array; fileName: string } {
  const invalid = (message: string) => new AppError("INVALID_INPUT", message, { field: "files" });
  if (files.length === 0) throw invalid("Choose the .md files, the .zip file or the bookmark file to import.");
  const total = files.reduce((sum, file) => sum + file.data.byteLength, 0);
  if (total > MAX_UPLOAD_BYTES) throw invalid(`The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB. Import it in parts, or from the command line.`);
  if (files.length === 1 && /\.zip$/i.test(files[0].name)) return { format: "zip", data: files[0].data, fileName: files[0].name };
  if (files.length === 1 && isBookmarkFileName(files[0].name)) return { format: "bookmarks", data: files[0].data, fileName: files[0].name };
  if (!files.every((file) => /\.md$/i.test(file.name))) {
    throw invalid("Upload Markdown (.md) files, or one .zip file, or one bookmark (.html) file, not a mix.");
  }
  if (files.length > MAX_UPLOAD_FILES) throw invalid(`Upload at most ${MAX_UPLOAD_FILES} files at a time, or put them in a .zip.`);
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw invalid(`Two files are named ${file.name}. Rename one and upload again.`);
    names.add(file.name);
  }
  const fileName = files.length === 1 ? files[0].name : `${files.length} Markdown files`;
  return { format: "zip", data: buildZip(files), fileName };
}

/** Keeps an upload and starts its dry run; the caller queues its run (queueImportRun). */
export async function startImportUpload(actor: Actor, files: UploadedFile[], choice: { onDuplicate: OnDuplicate; asDraft: boolean }): Promise<{ id: string }> {
  if (!canImport(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can import posts.");
  const upload = packUpload(files);
  if (upload.format === "bookmarks") {
    // Refused here, before a job exists, so the editor reads why on the upload form.
    const checked = await checkBookmarkFile(upload.data);
    if ("reason" in checked) throw new AppError("INVALID_INPUT", `${upload.fileName} cannot be imported: ${checked.reason}.`, { field: "files" });
  }
  for (const id of await expireStalePreviews(new Date(Date.now() - PREVIEW_LIFETIME_MS))) await discardUpload(id);
  const options: JobOptions = { ...choice, format: upload.format };
  const job = await createImportJob(actor, { fileName: upload.fileName, options });
  try {
    await storeUpload(job.id, upload.format, upload.data);
  } catch (error) {
    await finishJobPhase(job.id, "FAILED", { error: "The upload could not be stored on the server." });
    throw error;
  }
  return job;
}

// One queue per process: Next bundles the upload route, the pages and the Server Actions separately, and they must
// all see the same running jobs.
const globalForJobs = globalThis as unknown as { linkpressImportJobs?: { active: Set<string>; queue: Promise<void> } };
const jobs = (globalForJobs.linkpressImportJobs ??= { active: new Set(), queue: Promise.resolve() });

/** Whether this server process is working on the job right now. */
export function isJobActiveHere(jobId: string): boolean {
  return jobs.active.has(jobId);
}

export type JobHooks = { onPublicChange?: () => void };

/**
 * Runs a job's current phase (the dry run of a CHECKING job, the import of a RUNNING one). Jobs run one after
 * another in this process, so two imports never fight over SQLite's single writer. Never rejects: whatever goes
 * wrong ends this job as FAILED with a message, and the server and the jobs queued after it go on.
 */
export function runImportJob(jobId: string, hooks: JobHooks = {}): Promise<void> {
  jobs.active.add(jobId);
  const run = jobs.queue
    .then(() => runPhase(jobId, hooks))
    .catch((error: unknown) => failJob(jobId, error))
    .finally(() => jobs.active.delete(jobId));
  jobs.queue = run;
  return run;
}

const UNEXPECTED_FAILURE = "The import stopped because of an unexpected error. Files already imported stay; run it again to finish.";

/**
 * The last resort when a phase failed outside its own error handling (the database answered once and not the next
 * time, say): a job still checking or importing ends as FAILED; one that had already ended keeps its outcome.
 */
async function failJob(jobId: string, error: unknown): Promise<void> {
  console.error(`[import] job ${jobId} failed:`, error instanceof Error ? error.message : error);
  try {
    if (await failActiveJob(jobId, isAppError(error) ? error.userMessage : UNEXPECTED_FAILURE)) await discardUpload(jobId);
  } catch (recordError) {
    // The job stays active; once its heartbeat is old enough the import screen offers to resume it.
    console.error(`[import] job ${jobId} could not be marked failed:`, recordError instanceof Error ? recordError.message : recordError);
  }
}

async function runPhase(jobId: string, hooks: JobHooks): Promise<void> {
  const job = await getJobForRun(jobId);
  if (!job?.options || (job.status !== "CHECKING" && job.status !== "RUNNING")) return;
  const dryRun = job.status === "CHECKING";
  const { format, onDuplicate, asDraft } = job.options;
  let failed = false;
  try {
    if (!job.actor || !canImport(job.actor)) throw new AppError("FORBIDDEN", "The account that uploaded this import can no longer import posts.");
    const data = await readUpload(jobId, format);
    if (!data) throw new AppError("NOT_FOUND", "The uploaded file is no longer on the server. Upload it again.");
    const name = job.fileName ?? "upload";
    const source = await readImportItems(format === "zip" ? { kind: "zip", data, name } : { kind: "bookmarks", data, name });
    let savedAt = 0;
    const report = await importItems(
      job.actor,
      source,
      { onDuplicate, asDraft, dryRun },
      {
        label: name,
        onProgress: async (progress) => {
          if (Date.now() - savedAt < PROGRESS_INTERVAL_MS) return;
          savedAt = Date.now();
          await saveJobProgress(jobId, progress);
        },
      },
    );
    await finishJobPhase(jobId, dryRun ? "PREVIEWED" : "DONE", report);
    if (changedContent(report)) notify(hooks);
  } catch (error) {
    failed = true;
    if (!isAppError(error)) console.error(`[import] job ${jobId} stopped:`, error instanceof Error ? error.message : error);
    const message = isAppError(error) ? error.userMessage : UNEXPECTED_FAILURE;
    await finishJobPhase(jobId, "FAILED", { error: message });
  }
  // The upload is kept between the dry run and the confirmed import only.
  if (failed || !dryRun) await deleteUpload(jobId, format);
}

function notify(hooks: JobHooks): void {
  try {
    hooks.onPublicChange?.();
  } catch (error) {
    // Public pages read the database on every request; a failed cache purge only delays cached copies.
    console.warn("[import] could not refresh public pages:", error instanceof Error ? error.message : error);
  }
}

/**
 * The background job that runs an import's current phase. It lives in the job queue, so an import whose server stopped
 * mid-way is taken up again by a worker once the lease expires (already imported files come out unchanged).
 */
export const importRunKind = defineJobKind({
  kind: "import.run",
  payload: z.object({ importJobId: z.string().min(1) }),
  maxAttempts: 3,
  // The job's own failures end the import as FAILED (runImportJob never rejects): this only bounds a hung one.
  timeoutMs: 60 * 60 * 1000,
  handle: ({ importJobId }) => runImportJob(importJobId, { onPublicChange: revalidatePublicContent }),
});

/** Queues the import's current phase (the dry run after an upload, the import once confirmed, or a resume). */
export async function queueImportRun(importJobId: string): Promise<void> {
  await enqueueJob(importRunKind, { importJobId });
}

/** Drops the upload of a cancelled preview. */
export async function discardUpload(jobId: string): Promise<void> {
  await deleteUpload(jobId, "zip");
  await deleteUpload(jobId, "bookmarks");
}
