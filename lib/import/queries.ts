import "server-only";
import { prisma } from "@/lib/db";
import { isRole, type Actor } from "@/lib/auth/permissions";
import { jobOptionsSchema, type ImportReport, type JobOptions, type JobProgressSnapshot, type JobStatus } from "./schema";

export type ImportJobSummary = {
  id: string;
  createdAt: Date;
  status: JobStatus;
  fileName: string | null;
  total: number;
  processed: number;
  createdBy: { name: string } | null;
};

const SUMMARY_SELECT = {
  id: true,
  createdAt: true,
  status: true,
  fileName: true,
  total: true,
  processed: true,
  createdBy: { select: { name: true } },
} as const;

/** The latest imports, newest first, for the import screen's history. */
export async function listImportJobs(limit = 30): Promise<ImportJobSummary[]> {
  const jobs = await prisma.importJob.findMany({ select: SUMMARY_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return jobs.map((job) => ({ ...job, status: job.status as JobStatus }));
}

export type ImportJobDetail = ImportJobSummary & {
  createdById: string | null;
  options: JobOptions | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The dry-run table or the final report; a snapshot while running; an error when the job failed. */
  report: ImportReport | JobProgressSnapshot | { error: string } | null;
};

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** One import with its options and report, or null. */
export async function getImportJob(id: string): Promise<ImportJobDetail | null> {
  const job = await prisma.importJob.findUnique({
    where: { id },
    select: { ...SUMMARY_SELECT, createdById: true, options: true, report: true, startedAt: true, finishedAt: true },
  });
  if (!job) return null;
  const options = jobOptionsSchema.safeParse(parseJson(job.options));
  const report = parseJson(job.report);
  return {
    ...job,
    status: job.status as JobStatus,
    options: options.success ? options.data : null,
    report: typeof report === "object" ? (report as ImportJobDetail["report"]) : null,
  };
}

/** What the background runner needs: the job, and its author as they are now (a demoted author's job is refused). */
export async function getJobForRun(id: string) {
  const job = await prisma.importJob.findUnique({
    where: { id },
    select: { id: true, status: true, options: true, fileName: true, createdBy: { select: { id: true, name: true, email: true, role: true, isActive: true } } },
  });
  if (!job) return null;
  const options = jobOptionsSchema.safeParse(parseJson(job.options));
  const author = job.createdBy;
  const actor: (Actor & { name: string; email: string }) | null =
    author && author.isActive && isRole(author.role) ? { id: author.id, role: author.role, name: author.name, email: author.email } : null;
  return { id: job.id, status: job.status as JobStatus, fileName: job.fileName, options: options.success ? options.data : null, actor };
}

/**
 * The account the command line acts as: the given email, or the first admin. null (no author) only on a database
 * without any account yet; otherwise an error to show.
 */
export async function resolveCommandLineActor(email?: string): Promise<{ actor: (Actor & { name: string; email: string }) | null } | { error: string }> {
  const select = { id: true, name: true, email: true, role: true, isActive: true } as const;
  const user = email
    ? await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select })
    : await prisma.user.findFirst({ where: { role: "ADMIN", isActive: true }, select, orderBy: { createdAt: "asc" } });
  if (!user) {
    if (email) return { error: `no account with the email ${email}` };
    return (await prisma.user.count({ take: 1 })) > 0 ? { error: "no active admin account; name one with --as <email>" } : { actor: null };
  }
  if (!user.isActive || !isRole(user.role)) return { error: `the account ${user.email} is deactivated` };
  if (user.role === "CONTRIBUTOR") return { error: `${user.email} is a contributor; only editors and admins can import and export` };
  return { actor: { id: user.id, name: user.name, email: user.email, role: user.role } };
}
