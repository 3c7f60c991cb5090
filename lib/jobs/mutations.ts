import "server-only";
// Every write to the job table. The claim is raw SQL (one statement per database); everything else is Prisma.
import { randomUUID } from "node:crypto";
import { Prisma, prisma, type Db, type DbTransaction } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";
import { recordAudit } from "@/lib/audit/mutations";
import { canManageJobs, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { JobKind } from "./define";
import { announceJobEnqueued } from "./signals";
import type { JobState } from "./schema";

export type EnqueueOptions = {
  /** Not before this time (default now). */
  runAt?: Date;
  /** A second enqueue of the same kind with the same key is a no-op that returns the first job. */
  idempotencyKey?: string;
  /** The caller's transaction: the job exists only if it commits (an outbox). */
  tx?: DbTransaction;
};

/** Adds a job of `kind`; its payload is checked against the kind's schema first (a bad one throws). */
export async function enqueueJob<P>(kind: JobKind<P>, payload: P, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
  const text = JSON.stringify(kind.payload.parse(payload));
  const db = options.tx ?? prisma;
  const runAt = options.runAt ?? new Date();
  const key = options.idempotencyKey;
  let job: { id: string; created: boolean };
  if (key === undefined) {
    const created = await db.job.create({ data: { kind: kind.kind, payload: text, runAt, maxAttempts: kind.maxAttempts }, select: { id: true } });
    job = { id: created.id, created: true };
  } else {
    // ON CONFLICT DO NOTHING rather than catching the unique violation, which on PostgreSQL would abort the caller's
    // transaction; two instances enqueuing the same key at once then make one job.
    const id = randomUUID();
    const now = new Date();
    const inserted = await db.$executeRaw`
      INSERT INTO "Job" ("id", "kind", "payload", "state", "runAt", "attempts", "maxAttempts", "idempotencyKey", "createdAt", "updatedAt")
      VALUES (${id}, ${kind.kind}, ${text}, 'QUEUED', ${runAt}, 0, ${kind.maxAttempts}, ${key}, ${now}, ${now})
      ON CONFLICT ("kind", "idempotencyKey") DO NOTHING`;
    if (inserted > 0) job = { id, created: true };
    else {
      const existing = await db.job.findUniqueOrThrow({ where: { kind_idempotencyKey: { kind: kind.kind, idempotencyKey: key } }, select: { id: true } });
      job = { id: existing.id, created: false };
    }
  }
  if (job.created) announceJobEnqueued();
  return job;
}

export type ClaimRequest = {
  /** The worker's name, kept on each claimed job until it finishes. */
  owner: string;
  /** The kinds this worker can run: during a rolling upgrade an older instance leaves a newer kind alone. */
  kinds: readonly string[];
  limit: number;
  leaseMs: number;
  now?: Date;
  db?: Db;
};

/**
 * Takes up to `limit` due jobs for `owner` with a lease until now + leaseMs, oldest run time first: queued ones, ones
 * waiting to retry, and running ones whose lease has expired (their worker died). Counts the attempt. One statement:
 * on PostgreSQL the inner SELECT … FOR UPDATE SKIP LOCKED lets several instances claim at once without taking the same
 * row; SQLite runs the statement in its own write transaction and serialises writers.
 */
export async function claimJobs({ owner, kinds, limit, leaseMs, now = new Date(), db = prisma }: ClaimRequest): Promise<string[]> {
  if (kinds.length === 0 || limit <= 0) return [];
  const until = new Date(now.getTime() + leaseMs);
  const due = Prisma.sql`"kind" IN (${Prisma.join(kinds)})
    AND (("state" IN ('QUEUED', 'FAILED') AND "runAt" <= ${now}) OR ("state" = 'RUNNING' AND "leaseExpiresAt" <= ${now}))`;
  const lock = databaseProvider() === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job" SET "state" = 'RUNNING', "leaseOwner" = ${owner}, "leaseExpiresAt" = ${until}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (SELECT "id" FROM "Job" WHERE ${due} ORDER BY "runAt", "id" LIMIT ${limit} ${lock})
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

const held = (id: string, owner: string) => ({ id, leaseOwner: owner, state: "RUNNING" });
const noLease = { leaseOwner: null, leaseExpiresAt: null };

/** Keeps a long job's lease; false when this worker no longer holds it (it expired and another took the job). */
export async function extendJobLease(id: string, owner: string, until: Date, db: Db = prisma): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: held(id, owner), data: { leaseExpiresAt: until } });
  return count > 0;
}

/** The handler finished. False when the lease had been lost meanwhile (the other worker's outcome stands). */
export async function completeJob(id: string, owner: string, now = new Date(), db: Db = prisma): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: held(id, owner), data: { state: "DONE", finishedAt: now, lastError: null, ...noLease } });
  return count > 0;
}

/** The attempt failed: the job waits until `retryAt`, or is dead when there is none (attempts used up). */
export async function recordJobFailure(id: string, owner: string, error: string, retryAt: Date | null, now = new Date(), db: Db = prisma): Promise<boolean> {
  const outcome = retryAt ? { state: "FAILED", runAt: retryAt } : { state: "DEAD", finishedAt: now };
  const { count } = await db.job.updateMany({ where: held(id, owner), data: { ...outcome, lastError: error, ...noLease } });
  return count > 0;
}

/** Hands back jobs this worker claimed but did not finish (it is shutting down): claimable again at once, the attempt not counted. */
export async function releaseJobs(owner: string, ids: string[], now = new Date(), db: Db = prisma): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.job.updateMany({
    where: { id: { in: ids }, leaseOwner: owner, state: "RUNNING" },
    data: { state: "QUEUED", runAt: now, attempts: { decrement: 1 }, ...noLease },
  });
  return count;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DONE_JOB_DAYS = 7;
export const DEAD_JOB_DAYS = 30;

/** Deletes finished jobs: done ones after DONE_JOB_DAYS, dead ones (kept longer for the admin to see) after DEAD_JOB_DAYS. */
export async function pruneFinishedJobs(now = new Date()): Promise<number> {
  const { count } = await prisma.job.deleteMany({
    where: {
      OR: [
        { state: "DONE", finishedAt: { lt: new Date(now.getTime() - DONE_JOB_DAYS * DAY_MS) } },
        { state: "DEAD", finishedAt: { lt: new Date(now.getTime() - DEAD_JOB_DAYS * DAY_MS) } },
      ],
    },
  });
  return count;
}

function requireJobAdmin(actor: Actor) {
  if (!canManageJobs(actor)) throw new AppError("FORBIDDEN", "Only admins can manage background jobs.");
}

const RETRYABLE: JobState[] = ["FAILED", "DEAD"];
const DISCARDABLE: JobState[] = ["QUEUED", "FAILED", "DEAD"];

/** "Retry now" on a failed or dead job: it runs at the next poll; a dead one gets its full attempts again. */
export async function retryJobNow(actor: Actor, id: string, now = new Date()): Promise<void> {
  requireJobAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id, state: { in: RETRYABLE } }, select: { kind: true, state: true } });
    if (!job) throw new AppError("CONFLICT", "This job is no longer failed or dead: it has run again or been discarded.");
    const { count } = await tx.job.updateMany({
      where: { id, state: job.state },
      data: { state: "QUEUED", runAt: now, finishedAt: null, ...(job.state === "DEAD" ? { attempts: 0 } : {}) },
    });
    if (count === 0) throw new AppError("CONFLICT", "This job changed meanwhile. Reload the page.");
    await recordAudit({ actor, action: "job.retry", target: { type: "job", id, label: job.kind }, details: { was: job.state } }, tx);
  });
  announceJobEnqueued();
}

/** "Discard": a job that is not running is deleted and will not run (again). */
export async function discardJob(actor: Actor, id: string): Promise<void> {
  requireJobAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id, state: { in: DISCARDABLE } }, select: { kind: true, state: true, lastError: true } });
    if (!job) throw new AppError("CONFLICT", "This job is running or already gone, so it cannot be discarded.");
    const { count } = await tx.job.deleteMany({ where: { id, state: job.state } });
    if (count === 0) throw new AppError("CONFLICT", "This job changed meanwhile. Reload the page.");
    await recordAudit({ actor, action: "job.discard", target: { type: "job", id, label: job.kind }, details: { was: job.state } }, tx);
  });
}
