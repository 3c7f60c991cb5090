import "server-only";
// Import jobs (the admin screen's background imports) and their states: CHECKING → PREVIEWED → RUNNING → DONE, or
// CANCELLED, EXPIRED, FAILED. Each move is a conditional update, so a double click or a second tab cannot repeat one.
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canControlImportJob, canImport, type Actor } from "@/lib/auth/permissions";
import type { ImportProgress } from "./bulk-writer";
import { ACTIVE_JOB_STATUSES, type ImportReport, type JobOptions, type JobProgressSnapshot, type JobStatus } from "./schema";

/** Starts a job for an uploaded file: it is checked (dry run) in the background before anything is written. */
export async function createImportJob(actor: Actor, input: { fileName: string; options: JobOptions }): Promise<{ id: string }> {
  if (!canImport(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can import posts.");
  return prisma.importJob.create({
    data: { createdById: actor.id, status: "CHECKING", options: JSON.stringify(input.options), fileName: input.fileName.slice(0, 300), startedAt: new Date() },
    select: { id: true },
  });
}

/** Moves a job from one status to the next, refusing when it is not in the expected one (a double click, another tab). */
async function moveJob(actor: Actor, jobId: string, from: JobStatus[], to: JobStatus, refusal: string): Promise<void> {
  const job = await prisma.importJob.findUnique({ where: { id: jobId }, select: { createdById: true } });
  if (!job) throw new AppError("NOT_FOUND", "This import no longer exists.");
  if (!canControlImportJob(actor, job)) throw new AppError("FORBIDDEN", "Only the person who uploaded this import, or an admin, can do this.");
  const { count } = await prisma.importJob.updateMany({
    where: { id: jobId, status: { in: from } },
    data: { status: to, ...(to === "RUNNING" || to === "CHECKING" ? { processed: 0, startedAt: new Date(), finishedAt: null } : { finishedAt: new Date() }) },
  });
  if (count === 0) throw new AppError("CONFLICT", refusal);
}

/** The editor confirmed the dry run: the job will write. */
export async function confirmImportJob(actor: Actor, jobId: string): Promise<void> {
  await moveJob(actor, jobId, ["PREVIEWED"], "RUNNING", "This import has already been started or cancelled.");
}

/** The editor dropped the dry run. */
export async function cancelImportJob(actor: Actor, jobId: string): Promise<void> {
  await moveJob(actor, jobId, ["PREVIEWED"], "CANCELLED", "This import has already been started or cancelled.");
}

/** A job whose server stopped mid-way runs again; already imported files come out unchanged. */
export async function resumeImportJob(actor: Actor, jobId: string, status: "CHECKING" | "RUNNING"): Promise<void> {
  await moveJob(actor, jobId, [status], status, "This import is no longer waiting to be resumed.");
}

/** Saves a running job's progress; the heartbeat tells a stopped job from a slow one. */
export async function saveJobProgress(jobId: string, progress: ImportProgress): Promise<void> {
  const snapshot: JobProgressSnapshot = { progress: true, heartbeatAt: new Date().toISOString(), counts: progress.counts };
  await prisma.importJob.update({
    where: { id: jobId },
    data: { processed: progress.processed, total: progress.total, report: JSON.stringify(snapshot) },
  });
}

/** Records how a job phase ended: its report (the dry-run table or the final report) and its new status. */
export async function finishJobPhase(jobId: string, status: JobStatus, report: ImportReport | { error: string }): Promise<void> {
  await prisma.importJob.update({
    where: { id: jobId },
    data: {
      status,
      report: JSON.stringify(report),
      ...("total" in report ? { total: report.total, processed: report.total } : {}),
      ...(status === "PREVIEWED" ? {} : { finishedAt: new Date() }),
    },
  });
}

/** Ends a job that is still checking or importing as FAILED; false when it had already ended (or is gone). */
export async function failActiveJob(jobId: string, error: string): Promise<boolean> {
  const { count } = await prisma.importJob.updateMany({
    where: { id: jobId, status: { in: [...ACTIVE_JOB_STATUSES] } },
    data: { status: "FAILED", report: JSON.stringify({ error }), finishedAt: new Date() },
  });
  return count > 0;
}

/** Previews nobody confirmed in time; their uploads are deleted by the caller. Returns the ids it expired. */
export async function expireStalePreviews(olderThan: Date): Promise<string[]> {
  const stale = await prisma.importJob.findMany({ where: { status: "PREVIEWED", createdAt: { lt: olderThan } }, select: { id: true } });
  if (stale.length === 0) return [];
  await prisma.importJob.updateMany({
    where: { id: { in: stale.map((job) => job.id) }, status: "PREVIEWED" },
    data: { status: "EXPIRED", finishedAt: new Date() },
  });
  return stale.map((job) => job.id);
}
