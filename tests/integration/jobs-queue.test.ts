// The job queue on each database: idempotent enqueue, the outbox, claim and lease, retry with backoff, dead, and
// several workers (processes) over the same jobs.
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { defineJobKind, type JobContext } from "@/lib/jobs/define";
import { claimJobs, discardJob, enqueueJob, pruneFinishedJobs, retryJobNow } from "@/lib/jobs/mutations";
import { startJobWorker, type JobWorker, type WorkerOptions } from "@/lib/jobs/worker";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, provider, unique } from "../support/database";
import { callsOf, createCallTable, startWorkerProcess, stopProcess, waitFor } from "../support/jobs";

const payload = z.object({ n: z.number() });

/** A kind of this test's own (a unique name, so no other test's worker or job meets it). */
function testKind(handle: (input: { n: number }, context: JobContext) => Promise<void>, extra: { maxAttempts?: number; onDead?: () => Promise<void> } = {}) {
  return defineJobKind({ kind: unique("test.kind"), payload, maxAttempts: extra.maxAttempts ?? 3, backoff: () => 0, handle, onDead: extra.onDead });
}

const job = (id: string) => prisma.job.findUniqueOrThrow({ where: { id } });

let workers: JobWorker[] = [];
function worker(kinds: WorkerOptions["kinds"], leaseMs?: number) {
  const started = startJobWorker({ kinds, recurring: [], pollMs: 20, concurrency: 4, leaseMs });
  workers.push(started);
  return started;
}

describeDatabase("job queue", () => {
  beforeAll(createCallTable);
  afterEach(async () => {
    await Promise.all(workers.map((running) => running.stop(1000)));
    workers = [];
  });

  it("makes one job of two enqueues with the same kind and key, and refuses a payload its kind does not accept", async () => {
    const kind = testKind(async () => {});
    const other = testKind(async () => {});
    const first = await enqueueJob(kind, { n: 1 }, { idempotencyKey: "delivery-1" });
    const again = await enqueueJob(kind, { n: 2 }, { idempotencyKey: "delivery-1" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(JSON.parse((await job(first.id)).payload)).toEqual({ n: 1 });
    // The key is per kind; and without a key every enqueue is a job.
    expect((await enqueueJob(other, { n: 1 }, { idempotencyKey: "delivery-1" })).created).toBe(true);
    const [a, b] = [await enqueueJob(kind, { n: 3 }), await enqueueJob(kind, { n: 3 })];
    expect(a.id).not.toBe(b.id);
    // At once, from two callers: still one job.
    const raced = await Promise.all([1, 2, 3].map(() => enqueueJob(kind, { n: 4 }, { idempotencyKey: "delivery-2" })));
    expect(new Set(raced.map((entry) => entry.id)).size).toBe(1);
    expect(raced.filter((entry) => entry.created)).toHaveLength(1);
    await expect(enqueueJob(kind, { n: "five" } as unknown as { n: number })).rejects.toThrow();
    expect(await prisma.job.count({ where: { kind: kind.kind } })).toBe(4);
  });

  it("writes a job in the caller's transaction only: a rolled-back change leaves none", async () => {
    const kind = testKind(async () => {});
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueJob(kind, { n: 1 }, { tx, idempotencyKey: "outbox" });
        await enqueueJob(kind, { n: 2 }, { tx });
        throw new Error("the save failed");
      }),
    ).rejects.toThrow("the save failed");
    expect(await prisma.job.count({ where: { kind: kind.kind } })).toBe(0);
    await prisma.$transaction(async (tx) => {
      await enqueueJob(kind, { n: 1 }, { tx, idempotencyKey: "outbox" });
      // The same key again in the same transaction is the same job, and leaves the transaction usable.
      expect((await enqueueJob(kind, { n: 1 }, { tx, idempotencyKey: "outbox" })).created).toBe(false);
      await tx.setting.findMany({ take: 1 });
    });
    expect(await prisma.job.count({ where: { kind: kind.kind } })).toBe(1);
  });

  it("runs a job when due and not before, with its attempt and idempotency key", async () => {
    const seen: { n: number; context: Omit<JobContext, "signal"> }[] = [];
    const kind = testKind(async (input, { jobId, attempt, idempotencyKey }) => void seen.push({ n: input.n, context: { jobId, attempt, idempotencyKey } }));
    const later = await enqueueJob(kind, { n: 2 }, { runAt: new Date(Date.now() + 60 * 60 * 1000) });
    const now = await enqueueJob(kind, { n: 1 }, { idempotencyKey: "k-1" });
    worker([kind]);
    await waitFor(async () => (await job(now.id)).state === "DONE", "the due job");
    expect(seen).toEqual([{ n: 1, context: { jobId: now.id, attempt: 1, idempotencyKey: "k-1" } }]);
    expect(await job(now.id)).toMatchObject({ attempts: 1, leaseOwner: null, leaseExpiresAt: null, lastError: null, finishedAt: expect.any(Date) });
    expect(await job(later.id)).toMatchObject({ state: "QUEUED", attempts: 0 });
  });

  it("retries a failing job with its error kept (message only), then marks it dead and calls onDead once", async () => {
    const onDead = vi.fn(async () => {});
    const attempts: number[] = [];
    const failing = testKind(
      async (_input, context) => {
        attempts.push(context.attempt);
        throw new Error(`the receiver said no (${"x".repeat(3000)})`);
      },
      { maxAttempts: 3, onDead },
    );
    let calls = 0;
    const flaky = testKind(async () => {
      calls += 1;
      if (calls === 1) throw new Error("first time unlucky");
    });
    const dead = await enqueueJob(failing, { n: 1 });
    const recovers = await enqueueJob(flaky, { n: 1 });
    worker([failing, flaky]);
    await waitFor(async () => (await job(dead.id)).state === "DEAD", "the dead job");
    await waitFor(async () => (await job(recovers.id)).state === "DONE", "the retried job");
    const deadJob = await job(dead.id);
    expect(attempts).toEqual([1, 2, 3]);
    expect(deadJob.attempts).toBe(3);
    expect(deadJob.lastError).toMatch(/^the receiver said no/);
    expect(deadJob.lastError).toHaveLength(2048);
    expect(deadJob.lastError).not.toMatch(/\n\s+at /);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(onDead).toHaveBeenCalledWith(expect.objectContaining({ id: dead.id, attempts: 3, payload: { n: 1 } }));
    expect(await job(recovers.id)).toMatchObject({ attempts: 2, lastError: null });
  });

  it("waits the backoff before a retry", async () => {
    const kind = defineJobKind({
      kind: unique("test.backoff"),
      payload,
      maxAttempts: 5,
      backoff: (attempt) => attempt * 60 * 60 * 1000,
      handle: async () => {
        throw new Error("down");
      },
    });
    const { id } = await enqueueJob(kind, { n: 1 });
    const before = Date.now();
    worker([kind]);
    const failed = await waitFor(async () => ((await job(id)).state === "FAILED" ? job(id) : null), "the failed attempt");
    expect(failed.attempts).toBe(1);
    expect(failed.runAt.getTime()).toBeGreaterThanOrEqual(before + 60 * 60 * 1000);
    expect(failed.lastError).toBe("down");
  });

  it("leaves a job another worker holds alone until its lease expires, then takes it again", async () => {
    const kind = testKind(async () => {});
    const held = await enqueueJob(kind, { n: 1 });
    const expired = await enqueueJob(kind, { n: 2 });
    expect(await claimJobs({ owner: "worker-a", kinds: [kind.kind], limit: 10, leaseMs: 60_000 })).toEqual(expect.arrayContaining([held.id, expired.id]));
    // Nothing left to claim while the leases hold.
    expect(await claimJobs({ owner: "worker-b", kinds: [kind.kind], limit: 10, leaseMs: 60_000 })).toEqual([]);
    await prisma.job.update({ where: { id: expired.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect(await claimJobs({ owner: "worker-b", kinds: [kind.kind], limit: 10, leaseMs: 60_000 })).toEqual([expired.id]);
    expect(await job(expired.id)).toMatchObject({ state: "RUNNING", leaseOwner: "worker-b", attempts: 2 });
    expect(await job(held.id)).toMatchObject({ state: "RUNNING", leaseOwner: "worker-a", attempts: 1 });
    // A worker only claims the kinds it knows.
    const stranger = await enqueueJob(
      testKind(async () => {}),
      { n: 3 },
    );
    expect(await claimJobs({ owner: "worker-c", kinds: [kind.kind], limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect(await job(stranger.id)).toMatchObject({ state: "QUEUED" });
  });

  it("hands back the jobs it is running when stopped, without counting the attempt", async () => {
    let started = false;
    const kind = testKind(async (_input, { signal }) => {
      started = true;
      await new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    });
    const { id } = await enqueueJob(kind, { n: 1 });
    const running = startJobWorker({ kinds: [kind], recurring: [], pollMs: 20 });
    await waitFor(async () => started, "the job to start");
    await running.stop(100);
    expect(await job(id)).toMatchObject({ state: "QUEUED", attempts: 0, leaseOwner: null, leaseExpiresAt: null });
  });

  it("deletes done jobs after a week and dead ones after a month, and nothing else", async () => {
    const kind = testKind(async () => {});
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    const make = async (state: string, daysAgo: number) =>
      (await prisma.job.create({ data: { kind: kind.kind, payload: "{}", maxAttempts: 1, state, finishedAt: new Date(now.getTime() - daysAgo * day) } })).id;
    const [oldDone, recentDone, oldDead, recentDead, queued] = [
      await make("DONE", 8),
      await make("DONE", 6),
      await make("DEAD", 31),
      await make("DEAD", 8),
      await make("QUEUED", 90),
    ];
    await pruneFinishedJobs(now);
    const left = (await prisma.job.findMany({ where: { kind: kind.kind }, select: { id: true } })).map((row) => row.id);
    expect(left.sort()).toEqual([recentDone, recentDead, queued].sort());
    expect(left).not.toContain(oldDone);
    expect(left).not.toContain(oldDead);
  });

  it("lets an admin retry a dead job (full attempts again) or discard one, audited; refuses editors and running jobs", async () => {
    const [admin, editor] = [await createTestUser("ADMIN"), await createTestUser("EDITOR")];
    const kind = testKind(async () => {});
    const dead = await prisma.job.create({ data: { kind: kind.kind, payload: "{}", maxAttempts: 3, attempts: 3, state: "DEAD", lastError: "no" } });
    const running = await prisma.job.create({ data: { kind: kind.kind, payload: "{}", maxAttempts: 3, attempts: 1, state: "RUNNING" } });
    await expectAppError(retryJobNow(editor, dead.id), "FORBIDDEN");
    await expectAppError(discardJob(editor, dead.id), "FORBIDDEN");
    await expectAppError(discardJob(admin, running.id), "CONFLICT");
    await expectAppError(retryJobNow(admin, running.id), "CONFLICT");
    expect(await job(dead.id)).toMatchObject({ state: "DEAD", attempts: 3 });

    await retryJobNow(admin, dead.id);
    expect(await job(dead.id)).toMatchObject({ state: "QUEUED", attempts: 0, finishedAt: null });
    await expectAppError(retryJobNow(admin, dead.id), "CONFLICT");
    await discardJob(admin, dead.id);
    expect(await prisma.job.count({ where: { id: dead.id } })).toBe(0);
    const entries = await prisma.auditLog.findMany({ where: { targetType: "job", targetId: dead.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetLabel])).toEqual([
      ["job.retry", admin.id, kind.kind],
      ["job.discard", admin.id, kind.kind],
    ]);
  });

  // Several instances on one database: two worker processes race over the same jobs; each runs exactly once.
  const RACE_JOBS = provider === "postgresql" ? 1000 : 200;
  it(`runs each of ${RACE_JOBS} jobs exactly once with two worker processes racing`, { timeout: 180_000 }, async () => {
    const kindName = unique("test.race");
    const kind = defineJobKind({ kind: kindName, payload, maxAttempts: 3, handle: async () => {} });
    const ids: string[] = [];
    for (let n = 0; n < RACE_JOBS; n++) ids.push((await enqueueJob(kind, { n }, { idempotencyKey: `${kindName}:${n}` })).id);
    const children = await Promise.all([startWorkerProcess(kindName, "count", 60_000), startWorkerProcess(kindName, "count", 60_000)]);
    try {
      await waitFor(async () => (await prisma.job.count({ where: { kind: kindName, state: "DONE" } })) === RACE_JOBS, "every job done", 150_000);
    } finally {
      await Promise.all(children.map((child) => stopProcess(child)));
    }
    const calls = await callsOf(`${kindName}:`);
    expect(calls).toHaveLength(RACE_JOBS);
    expect(new Set(calls.map((call) => call.key)).size).toBe(RACE_JOBS);
    expect(await prisma.job.count({ where: { kind: kindName, attempts: 1 } })).toBe(RACE_JOBS);
    // Both took part (a race, not one worker doing everything).
    expect(new Set(calls.map((call) => call.worker)).size).toBe(2);
  });

  it("takes up a job again after its worker process is killed mid-job (SIGKILL), once the lease expires", { timeout: 60_000 }, async () => {
    const kindName = unique("test.killed");
    const { id } = await enqueueJob(
      defineJobKind({ kind: kindName, payload, maxAttempts: 3, handle: async () => {} }),
      { n: 1 },
      { idempotencyKey: `${kindName}:1` },
    );
    const child = await startWorkerProcess(kindName, "hang", 1500);
    await waitFor(async () => (await callsOf(`${kindName}:`)).length === 1, "the job to start in the child");
    await stopProcess(child, "SIGKILL");
    expect(await job(id)).toMatchObject({ state: "RUNNING", attempts: 1 });
    const seen: JobContext[] = [];
    worker([defineJobKind({ kind: kindName, payload, maxAttempts: 3, handle: async (_input, context) => void seen.push(context) })]);
    await waitFor(async () => (await job(id)).state === "DONE", "another worker to finish the job");
    expect(seen).toEqual([expect.objectContaining({ jobId: id, attempt: 2, idempotencyKey: `${kindName}:1` })]);
    expect((await callsOf(`${kindName}:`)).map((call) => call.attempt)).toEqual([1]);
  });
});
