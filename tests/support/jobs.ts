import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { prisma } from "@/lib/db";

const ROOT = path.resolve(__dirname, "../..");

/** Polls `check` until it returns something truthy (a worker runs in the background); fails after `limitMs`. */
export async function waitFor<T>(check: () => Promise<T>, what: string, limitMs = 25_000): Promise<NonNullable<T>> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`Waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The table the worker processes record their handler calls in. */
export async function createCallTable(): Promise<void> {
  await prisma.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "job_test_call" ("key" TEXT NOT NULL, "worker" TEXT NOT NULL, "attempt" INTEGER NOT NULL)`);
}

export async function callsOf(keyPrefix: string): Promise<{ key: string; worker: string; attempt: number }[]> {
  const rows = await prisma.$queryRaw<{ key: string; worker: string; attempt: number | bigint }[]>`
    SELECT "key", "worker", "attempt" FROM "job_test_call" WHERE "key" LIKE ${`${keyPrefix}%`}`;
  return rows.map((row) => ({ ...row, attempt: Number(row.attempt) }));
}

/** Starts tests/support/job-worker-process.ts against this run's database; resolves once its worker is running. */
export async function startWorkerProcess(kind: string, mode: "count" | "hang", leaseMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/job-worker-process.ts", kind, mode, String(leaseMs)], {
    cwd: ROOT,
    env: { ...process.env, JOBS_WORKER: "off" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`The worker process ended early (${code}).`)));
    child.stdout!.on("data", (data) => String(data).includes("ready") && resolve());
  });
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
