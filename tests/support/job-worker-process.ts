// A job worker in a process of its own, for the queue's tests: two of them race over the same jobs, or one is killed
// (SIGKILL) in the middle of a job. Usage, with DATABASE_URL set:
//   node --conditions=react-server --import tsx tests/support/job-worker-process.ts <kind> count|hang <leaseMs>
// "count" records each call in job_test_call (key, worker); "hang" records the call, then never finishes.
import { z } from "zod";
import { prisma } from "@/lib/db";
import { defineJobKind } from "@/lib/jobs/define";
import { startJobWorker } from "@/lib/jobs/worker";

const [kindName, mode, leaseMs] = process.argv.slice(2);
const worker = `pid-${process.pid}`;

const kind = defineJobKind({
  kind: kindName,
  payload: z.object({ n: z.number() }),
  maxAttempts: 3,
  async handle(_payload, context) {
    await prisma.$executeRaw`INSERT INTO "job_test_call" ("key", "worker", "attempt") VALUES (${context.idempotencyKey}, ${worker}, ${context.attempt})`;
    if (mode === "hang") await new Promise(() => {});
  },
});

startJobWorker({ kinds: [kind], recurring: [], concurrency: 4, pollMs: 20, leaseMs: Number(leaseMs) });
console.log("ready");
