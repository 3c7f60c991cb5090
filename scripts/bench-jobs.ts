// npm run bench:jobs [-- --jobs 2000]: jobs processed per second by the queue (lib/jobs) with one worker process and
// with two racing, on a fresh SQLite database and a throwaway PostgreSQL one. Each job's handler does nothing, so
// the figure is the queue's own cost: claim, lease, completion.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { bin, QUIET_ENV } from "../lib/cli/process";
import { withPostgresBenchDatabase, withSqliteBenchDatabase } from "./bench-databases";

const KIND = "bench.noop";

async function benchKind() {
  const { z } = await import("zod");
  const { defineJobKind } = await import("../lib/jobs/define");
  return defineJobKind({ kind: KIND, payload: z.object({ n: z.number() }), maxAttempts: 1, handle: async () => {} });
}

// Jobs wait (run time far ahead) until every worker is up, then are released at once: start-up is not timed.
const LATER = new Date("2100-01-01T00:00:00Z");

/** In a child process: enqueue N jobs for later; run a worker until every job is done; or release the jobs. */
async function child(mode: "enqueue" | "work" | "release", count: number): Promise<void> {
  const { prisma } = await import("../lib/db");
  const kind = await benchKind();
  if (mode === "enqueue") {
    const { enqueueJob } = await import("../lib/jobs/mutations");
    for (let n = 0; n < count; n++) await enqueueJob(kind, { n }, { runAt: LATER });
  } else if (mode === "release") {
    const at = Date.now();
    await prisma.job.updateMany({ where: { kind: KIND }, data: { runAt: new Date(at) } });
    console.log(`START ${at}`);
  } else {
    const { startJobWorker } = await import("../lib/jobs/worker");
    const worker = startJobWorker({ kinds: [kind], recurring: [], concurrency: 4, pollMs: 50 });
    console.log("READY");
    while ((await prisma.job.count({ where: { kind: KIND, state: { not: "DONE" } } })) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    console.log(`END ${Date.now()}`);
    await worker.stop();
  }
  process.exit(0);
}

/** Runs a child; `onLine` sees its output lines; resolves when it exits. */
function run(databaseUrl: string, args: string[], onLine: (line: string) => void = () => {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(bin("tsx"), ["--conditions=react-server", __filename, ...args], {
      env: { ...process.env, ...QUIET_ENV, DATABASE_URL: databaseUrl, JOBS_WORKER: "off" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    process_.stdout.on("data", (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach(onLine));
    process_.on("error", reject);
    process_.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the benchmark process failed (exit ${code})`))));
  });
}

/** Jobs per second with 1 and with 2 worker processes, each on freshly enqueued jobs. */
async function measure(url: string, count: number): Promise<number[]> {
  const rates: number[] = [];
  for (const workers of [1, 2]) {
    await run(url, ["--enqueue", String(count)]);
    let ready = 0;
    let end = 0;
    let allReady: () => void = () => {};
    const readiness = new Promise<void>((resolve) => (allReady = resolve));
    const working = Array.from({ length: workers }, () =>
      run(url, ["--work"], (line) => {
        if (line === "READY" && ++ready === workers) allReady();
        if (line.startsWith("END ")) end = Math.max(end, Number(line.slice(4)));
      }),
    );
    await readiness;
    let start = 0;
    await run(url, ["--release"], (line) => line.startsWith("START ") && (start = Number(line.slice(6))));
    await Promise.all(working);
    rates.push((count * 1000) / (end - start));
  }
  return rates;
}

function print(label: string, result: number[] | string, count: number) {
  if (typeof result === "string") return console.log(`${label}: ${result}`);
  const [one, two] = result.map((rate) => Math.round(rate).toLocaleString("en-US"));
  console.log(`${label}: ${count.toLocaleString("en-US")} jobs, 1 worker ${one} jobs/s, 2 workers ${two} jobs/s`);
}

async function main() {
  loadEnvConfig(process.cwd());
  const { values } = parseArgs({
    options: {
      jobs: { type: "string", default: "2000" },
      enqueue: { type: "string" },
      work: { type: "boolean", default: false },
      release: { type: "boolean", default: false },
    },
  });
  if (values.enqueue) return child("enqueue", Number(values.enqueue));
  if (values.work) return child("work", 0);
  if (values.release) return child("release", 0);
  const count = Number(values.jobs);
  if (!Number.isInteger(count) || count < 1) throw new Error("--jobs must be a positive whole number");
  const [load] = (await import("node:os")).loadavg();
  console.log(`Running ${count.toLocaleString("en-US")} no-op jobs, 4 at a time per worker process. Load average: ${load.toFixed(1)}.`);
  print("SQLite", await withSqliteBenchDatabase((url) => measure(url, count)), count);
  print("PostgreSQL", await withPostgresBenchDatabase((url) => measure(url, count)), count);
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
