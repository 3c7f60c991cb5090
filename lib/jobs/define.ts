// What a job kind is, and the timing rules every kind shares. Pure: no database, so the rules are unit-tested alone
// and any domain can declare its kind next to its handler without importing the worker.
import { z } from "zod";

/** What a handler is told about the run it is in. */
export type JobContext = {
  jobId: string;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  /** Stable across retries of one job: the job's own key when it was enqueued with one, else its id. */
  idempotencyKey: string;
  /** Aborted when the job times out or this worker loses its lease: stop and let the error end the attempt. */
  signal: AbortSignal;
};

/** A job that used up its attempts, for a kind's onDead. */
export type DeadJob = { id: string; kind: string; payload: unknown; attempts: number; lastError: string | null };

export type JobKind<P = unknown> = {
  /** A dotted name stored on each job ("import.run", "post.event"); unique across JOB_KINDS. */
  kind: string;
  /** Checked when the job is enqueued and again when it runs (a payload that fails is dead at once). */
  payload: z.ZodType<P>;
  maxAttempts: number;
  /** The wait before retry number `attempt` (1 = after the first failure); default defaultBackoff. */
  backoff?: (attempt: number) => number;
  /** An attempt still running after this long is aborted and counts as failed; default DEFAULT_JOB_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Must be idempotent: after a crash the same job runs again. A thrown error's message is stored (2 KB). */
  handle(payload: P, context: JobContext): Promise<void>;
  onDead?(job: DeadJob): Promise<void>;
};

/** A kind that runs by itself every `everyMs`, once per time slot whatever the number of app instances. */
export type RecurringJob = { kind: JobKind<Record<string, never>>; everyMs: number };

/** The payload of a kind that needs none (the recurring clean-ups). */
export const noPayload = z.object({}).strict() as z.ZodType<Record<string, never>>;

/** Declares a kind with its payload type inferred from the schema. */
export function defineJobKind<P>(kind: JobKind<P>): JobKind<P> {
  return kind;
}

export const DEFAULT_JOB_TIMEOUT_MS = 10 * 60 * 1000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 60 * 60 * 1000;

/**
 * Exponential backoff with full jitter (a random wait between 0 and base·2^(attempt-1), capped at an hour): failed
 * jobs of many kinds, or of many instances, spread out instead of retrying in step.
 */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The time slot `now` falls in for a recurring job: its start (the run time) and the idempotency key naming it. */
export function recurringSlot(everyMs: number, now: Date): { runAt: Date; idempotencyKey: string } {
  const runAt = new Date(Math.floor(now.getTime() / everyMs) * everyMs);
  return { runAt, idempotencyKey: `every-${everyMs}ms@${runAt.toISOString()}` };
}

const MAX_ERROR_LENGTH = 2048;

/** What is kept of a handler's error: its message only (never a stack), first 2 KB. */
export function jobErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : typeof error === "string" ? error : "The job failed.";
  return message.slice(0, MAX_ERROR_LENGTH);
}
