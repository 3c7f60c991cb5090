import "server-only";
// The worker that runs inside every app process (started by instrumentation.ts): it claims due jobs under a lease,
// runs their kind's handler, and records the outcome. Several processes (instances on one PostgreSQL) may run one each.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { prisma, type Db } from "@/lib/db";
import { DEFAULT_JOB_TIMEOUT_MS, defaultBackoff, jobErrorMessage, recurringSlot, type JobKind, type RecurringJob } from "./define";
import { JOB_KINDS, RECURRING_JOBS } from "./kinds";
import { claimJobs, completeJob, enqueueJob, extendJobLease, recordJobFailure, releaseJobs } from "./mutations";
import { getJobForRun } from "./queries";
import { onJobEnqueued, onShutdown } from "./signals";

export type WorkerOptions = {
  /** The kinds this worker runs (default JOB_KINDS); it claims no other. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of kinds with different payload types
  kinds?: readonly JobKind<any>[];
  recurring?: readonly RecurringJob[];
  /** Jobs run at once by this worker (default 2). */
  concurrency?: number;
  /** How often it looks for due jobs when nothing wakes it (default 1 s). */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job; renewed every third of it while the job runs. */
  leaseMs?: number;
  /** The database client (tests race two). */
  db?: Db;
};

export type JobWorker = {
  readonly owner: string;
  /** Its loop is going round (it looked at the queue within the last half minute) and it was not stopped. */
  isRunning(): boolean;
  /** Looks for due jobs now. */
  wake(): void;
  /** Stops claiming, waits up to `graceMs` for running jobs, then hands the unfinished ones back. */
  stop(graceMs?: number): Promise<void>;
};

export const DEFAULT_LEASE_MS = 60_000;
// Recurring jobs' next slots are ensured at most this often (cheap: one insert that usually conflicts).
const ENSURE_RECURRING_MS = 60_000;
// A loop that has not come round in this long is stuck (a query that never answers): readiness says so.
const STALLED_AFTER_MS = 30_000;

/** Starts a worker loop in this process. */
export function startJobWorker(options: WorkerOptions = {}): JobWorker {
  const { kinds = JOB_KINDS, recurring = RECURRING_JOBS, concurrency = 2, pollMs = 1000, leaseMs = DEFAULT_LEASE_MS, db = prisma } = options;
  const byName = new Map(kinds.map((kind) => [kind.kind, kind]));
  const kindNames = [...byName.keys()];
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const running = new Map<string, { done: Promise<void>; abort: AbortController }>();
  let stopping = false;
  let ensuredAt = 0;
  let loopedAt = Date.now();
  let wakeUp: (() => void) | null = null;
  let woken = false;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const stopListening = onJobEnqueued(wake);

  function sleep(ms: number): Promise<void> {
    if (woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function ensureRecurring(now: Date) {
    for (const { kind, everyMs } of recurring) {
      const slot = recurringSlot(everyMs, now);
      await enqueueJob(kind, {}, { runAt: slot.runAt, idempotencyKey: slot.idempotencyKey });
    }
  }

  async function runJob(id: string, abort: AbortController): Promise<void> {
    const job = await getJobForRun(id, db);
    if (!job || job.leaseOwner !== owner) return;
    const fail = async (error: string, retryAt: Date | null) => recordJobFailure(id, owner, error, retryAt, new Date(), db);
    const kind = byName.get(job.kind);
    if (!kind) return void (await fail(`No handler for the job kind "${job.kind}" in this version of Linkpress.`, null));
    // Each claim counts an attempt, so a job whose worker dies every time (it crashes the process) ends too.
    if (job.attempts > job.maxAttempts) return void (await fail(job.lastError ?? "The worker stopped during every attempt (its lease expired).", null));
    let payload: unknown;
    try {
      payload = kind.payload.parse(JSON.parse(job.payload));
    } catch (error) {
      return void (await fail(`The job's payload is invalid: ${jobErrorMessage(error)}`, null));
    }
    const timeoutMs = kind.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    const timeout = setTimeout(() => abort.abort(new Error(`The job took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`)), timeoutMs);
    let leaseLost = false;
    const heartbeat = setInterval(() => {
      extendJobLease(id, owner, new Date(Date.now() + leaseMs), db).then(
        (held) => {
          if (held) return;
          leaseLost = true;
          abort.abort(new Error("This worker lost the job's lease."));
        },
        (error: unknown) => console.error(`[jobs] could not extend the lease of ${id}:`, jobErrorMessage(error)),
      );
    }, leaseMs / 3);
    try {
      await untilAborted(
        kind.handle(payload, { jobId: id, attempt: job.attempts, idempotencyKey: job.idempotencyKey ?? id, signal: abort.signal }),
        abort.signal,
      );
      await completeJob(id, owner, new Date(), db);
    } catch (error) {
      // Stopped by shutdown (the lease is handed back) or overtaken by another worker: that outcome stands.
      if (leaseLost || stopping) return;
      const message = jobErrorMessage(error);
      const retryAt = job.attempts < job.maxAttempts ? new Date(Date.now() + (kind.backoff ?? defaultBackoff)(job.attempts)) : null;
      const recorded = await fail(message, retryAt);
      if (retryAt || !recorded) return;
      console.warn(`[jobs] ${job.kind} ${id} is dead after ${job.attempts} attempts: ${message.slice(0, 200)}`);
      await kind.onDead?.({ id, kind: job.kind, payload, attempts: job.attempts, lastError: message }).catch((deadError: unknown) => {
        console.error(`[jobs] onDead of ${job.kind} ${id} failed:`, jobErrorMessage(deadError));
      });
    } finally {
      clearTimeout(timeout);
      clearInterval(heartbeat);
    }
  }

  function start(id: string) {
    const abort = new AbortController();
    const done = runJob(id, abort)
      .catch((error: unknown) => console.error(`[jobs] job ${id} could not be recorded:`, jobErrorMessage(error)))
      .finally(() => {
        running.delete(id);
        wake();
      });
    running.set(id, { done, abort });
  }

  async function loop() {
    while (!stopping) {
      loopedAt = Date.now();
      woken = false;
      let full = false;
      try {
        const now = new Date();
        if (now.getTime() - ensuredAt >= ENSURE_RECURRING_MS) {
          await ensureRecurring(now);
          ensuredAt = now.getTime();
        }
        const free = concurrency - running.size;
        if (free > 0) {
          const ids = await claimJobs({ owner, kinds: kindNames, limit: free, leaseMs, now, db });
          if (stopping) await releaseJobs(owner, ids, new Date(), db);
          else for (const id of ids) start(id);
          // Every free place was filled: more may be due, so look again as soon as one frees up.
          full = ids.length === free;
        }
      } catch (error) {
        console.error("[jobs] the worker could not read the queue:", jobErrorMessage(error));
      }
      if (!stopping) await sleep(full && running.size < concurrency ? 0 : pollMs);
    }
  }

  const looping = loop();

  return {
    owner,
    wake,
    isRunning: () => !stopping && Date.now() - loopedAt < STALLED_AFTER_MS,
    async stop(graceMs = 10_000) {
      if (stopping) return looping;
      stopping = true;
      stopListening();
      wakeUp?.();
      await looping;
      const settled = Promise.allSettled([...running.values()].map((job) => job.done));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      const unfinished = [...running.keys()];
      for (const { abort } of running.values()) abort.abort(new Error("The server is shutting down."));
      await releaseJobs(owner, unfinished, new Date(), db).catch((error: unknown) => console.error("[jobs] could not hand back jobs:", jobErrorMessage(error)));
    },
  };
}

/** The handler's promise, or a rejection as soon as the signal aborts (a handler that ignores its signal still ends its attempt). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const globalForWorker = globalThis as unknown as { linkpressJobWorker?: JobWorker };

/** Whether this process's app worker runs (for /readyz); false when it was never started or has stopped. */
export function isAppJobWorkerRunning(): boolean {
  return globalForWorker.linkpressJobWorker?.isRunning() ?? false;
}

/**
 * The app's worker, started once per process unless JOBS_WORKER=off (a web-only instance, some tests);
 * JOBS_CONCURRENCY sets how many jobs it runs at once. It drains on shutdown (see runShutdownHooks).
 */
export function startAppJobWorker(env: NodeJS.ProcessEnv = process.env): JobWorker | null {
  if (env.JOBS_WORKER === "off") return null;
  if (globalForWorker.linkpressJobWorker) return globalForWorker.linkpressJobWorker;
  const concurrency = Math.max(1, Math.min(32, Number.parseInt(env.JOBS_CONCURRENCY ?? "", 10) || 2));
  const worker = startJobWorker({ concurrency });
  globalForWorker.linkpressJobWorker = worker;
  onShutdown(() => worker.stop());
  return worker;
}
