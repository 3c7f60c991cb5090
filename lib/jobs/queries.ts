import "server-only";
import { prisma, type Db } from "@/lib/db";
import { JOB_STATES, type JobState } from "./schema";

/** A claimed job as the worker needs it. */
export async function getJobForRun(id: string, db: Db = prisma) {
  return db.job.findUnique({
    where: { id },
    select: { id: true, kind: true, payload: true, attempts: true, maxAttempts: true, leaseOwner: true, idempotencyKey: true, lastError: true },
  });
}

export type JobCounts = { kind: string; counts: Record<JobState, number> }[];

/** How many jobs of each kind are in each state, kinds in alphabetical order. */
export async function countJobsByKind(): Promise<JobCounts> {
  const groups = await prisma.job.groupBy({ by: ["kind", "state"], _count: { _all: true }, orderBy: [{ kind: "asc" }] });
  const byKind = new Map<string, Record<JobState, number>>();
  for (const group of groups) {
    const counts = byKind.get(group.kind) ?? (Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>);
    if ((JOB_STATES as readonly string[]).includes(group.state)) counts[group.state as JobState] = group._count._all;
    byKind.set(group.kind, counts);
  }
  return [...byKind].map(([kind, counts]) => ({ kind, counts }));
}

export type JobListItem = {
  id: string;
  kind: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  updatedAt: Date;
  leaseExpiresAt: Date | null;
};

/** Jobs in one state for /admin/jobs: the next to run first (runAt), the most recent first for dead ones. */
export async function listJobsInState(state: JobState, limit = 50): Promise<JobListItem[]> {
  const jobs = await prisma.job.findMany({
    where: { state },
    select: { id: true, kind: true, state: true, attempts: true, maxAttempts: true, runAt: true, lastError: true, updatedAt: true, leaseExpiresAt: true },
    orderBy: state === "DEAD" ? [{ updatedAt: "desc" }, { id: "asc" }] : [{ runAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return jobs.map((job) => ({ ...job, state: job.state as JobState }));
}
