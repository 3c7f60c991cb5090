import { z } from "zod";
// A JSON file because next.config.js (plain CommonJS) reads the same number to size the proxy's body buffer.
import uploadLimits from "./upload-limits.json";

/** What to do with a file whose article (canonical URL) already has a post. */
export const ON_DUPLICATE = ["skip", "update"] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

export type ImportOptions = {
  onDuplicate: OnDuplicate;
  /** New posts are created as drafts whatever the file says. */
  asDraft: boolean;
  /** Classify every file without writing anything. */
  dryRun: boolean;
};

/** How an upload is stored for its job: the .md files as one zip, or a bookmark file. */
const UPLOAD_FORMATS = ["zip", "bookmarks"] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

/** The options an import job keeps in ImportJob.options. */
export const jobOptionsSchema = z.object({
  onDuplicate: z.enum(ON_DUPLICATE),
  asDraft: z.boolean(),
  format: z.enum(UPLOAD_FORMATS),
});
export type JobOptions = z.infer<typeof jobOptionsSchema>;

/** The options chosen on the upload form (a checkbox sends "on" or nothing). */
export const uploadOptionsSchema = z.object({
  onDuplicate: z.enum(ON_DUPLICATE, { message: "Choose what to do with posts that already exist." }),
  asDraft: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
});

const MiB = 1024 * 1024;

/** Largest upload (all files together) and most .md files in one upload; a zip's contents have their own bounds. */
export const MAX_UPLOAD_BYTES = uploadLimits.maxUploadMiB * MiB;
/** Largest upload request: the files plus room for the multipart boundaries and the option fields. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + MiB;
/**
 * How much of a request body Next buffers for proxy.ts (`experimental.proxyClientMaxBodySize`, 10 MB unless set);
 * a longer body reaches the route cut short. It is a little more than the request limit, so that a body cut there is
 * still longer than the limit and is refused as too large, not as unreadable. next.config.js computes the same.
 */
export const PROXY_BODY_BUFFER_BYTES = MAX_UPLOAD_REQUEST_BYTES + MiB;
export const MAX_UPLOAD_FILES = 2000;

/** Why an upload was refused; a browser without JavaScript carries the code back to /admin/import?error=… */
export const UPLOAD_ERRORS = {
  "too-large": `The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB. Import it in parts, or from the command line.`,
  invalid: "The upload could not be used. Choose .md files, one .zip file or one bookmark (.html) file, and what to do with existing posts.",
  forbidden: "Only editors and admins can import posts.",
  "cross-site": "Uploads must come from this site's own import page.",
  failed: "The upload could not be stored. Try again.",
} as const;
export type UploadErrorCode = keyof typeof UPLOAD_ERRORS;

export const jobIdSchema = z.object({ jobId: z.string().min(1).max(64) });

/**
 * CHECKING (dry run in progress) → PREVIEWED (table shown, waiting for confirmation) → RUNNING → DONE or FAILED.
 * A preview can be CANCELLED, or EXPIRED when nobody confirmed it in time.
 */
export const JOB_STATUSES = ["CHECKING", "PREVIEWED", "RUNNING", "DONE", "FAILED", "CANCELLED", "EXPIRED"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  CHECKING: "checking",
  PREVIEWED: "waiting for confirmation",
  RUNNING: "importing",
  DONE: "done",
  FAILED: "failed",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
};
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ["CHECKING", "RUNNING"];

/** created/updated/unchanged/skipped/failed; a dry run reads them as new/update/unchanged/duplicate/error. */
export const OUTCOMES = ["created", "updated", "unchanged", "skipped", "failed"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number>;

export const DRY_RUN_LABELS: Record<Outcome, string> = {
  created: "new",
  updated: "update",
  unchanged: "unchanged",
  skipped: "duplicate",
  failed: "error",
};

export type ReportRow = {
  /** File name inside the folder or zip (`bookmarks.html line 12` for a bookmark). */
  file: string;
  outcome: Outcome;
  title?: string;
  /** Why it failed or was skipped, or what an update changed. */
  reason?: string;
  line?: number;
  /** Fields that differ from the existing post (updates and skipped duplicates). */
  fields?: string[];
  postId?: string;
  warnings?: string[];
};

export type ImportReport = {
  dryRun: boolean;
  counts: OutcomeCounts;
  rows: ReportRow[];
  total: number;
  durationMs: number;
};

/** Whether an import wrote anything readers might see, so cached public pages must be dropped. */
export function changedContent(report: ImportReport): boolean {
  return !report.dryRun && report.counts.created + report.counts.updated > 0;
}

export function emptyCounts(): OutcomeCounts {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** A running job's snapshot, kept in ImportJob.report until the final report replaces it. */
export type JobProgressSnapshot = { progress: true; heartbeatAt: string; counts: OutcomeCounts };

export function isProgressSnapshot(value: unknown): value is JobProgressSnapshot {
  return typeof value === "object" && value !== null && (value as { progress?: unknown }).progress === true;
}

// A job whose progress has not moved for this long has lost its server (a restart, a crash).
const STALL_AFTER_MS = 2 * 60 * 1000;

/** Whether an active job stopped without finishing, so it may be resumed. */
export function isJobStalled(job: { status: JobStatus; startedAt: Date | null; report: unknown }, now: Date): boolean {
  if (!ACTIVE_JOB_STATUSES.includes(job.status)) return false;
  const last = isProgressSnapshot(job.report) ? new Date(job.report.heartbeatAt) : job.startedAt;
  return !last || now.getTime() - last.getTime() > STALL_AFTER_MS;
}
