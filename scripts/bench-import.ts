// npm run bench:import [-- --posts 10000]: imports the corpus, repeated with unique URLs, into a fresh SQLite database
// and a throwaway PostgreSQL database (linkpress_bench_…, dropped afterwards), and prints posts per second for each.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { bin, QUIET_ENV } from "../lib/cli/process";
import { withPostgresBenchDatabase, withSqliteBenchDatabase } from "./bench-databases";

const CORPUS_DIR = path.resolve("tests/fixtures/corpus");

type Measurement = { posts: number; created: number; unchanged: number; failed: number; importMs: number; importCpuMs: number; reimportMs: number };

/** The corpus files repeated until there are `count`, each copy's URL made unique with a query parameter. */
function benchEntries(count: number): { name: string; data: Uint8Array }[] {
  const files = readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(CORPUS_DIR, name), "utf8") }));
  const encoder = new TextEncoder();
  return Array.from({ length: count }, (_, i) => {
    const { name, text } = files[i % files.length];
    const url = /^external_url: (.+)$/m.exec(text)![1];
    const copy = Math.floor(i / files.length);
    return { name: `copy-${copy}/${name}`, data: encoder.encode(text.split(url).join(`${url}?copy=${copy}`)) };
  });
}

/** In the child process: the import itself, timed without process start-up or database set-up. */
async function worker(count: number): Promise<void> {
  const { importItems } = await import("../lib/import/bulk-writer");
  const { itemFromFile } = await import("../lib/import/read");
  const entries = benchEntries(count);
  // Parsing is part of what is measured, as in a real import.
  const lazy = () => ({
    total: entries.length,
    items: {
      *[Symbol.iterator]() {
        for (const entry of entries) yield itemFromFile(entry.name, entry.data);
      },
    },
  });
  const options = { onDuplicate: "skip" as const, asDraft: false, dryRun: false };
  let started = performance.now();
  const cpu = process.cpuUsage();
  const first = await importItems(null, lazy(), options);
  const importMs = performance.now() - started;
  // CPU time of this process alone: a figure for an idle core when other work shares the machine.
  const used = process.cpuUsage(cpu);
  const importCpuMs = (used.user + used.system) / 1000;
  started = performance.now();
  const again = await importItems(null, lazy(), options);
  const reimportMs = performance.now() - started;
  const result: Measurement = {
    posts: count,
    created: first.counts.created,
    unchanged: again.counts.unchanged,
    failed: first.counts.failed + again.counts.failed,
    importMs,
    importCpuMs,
    reimportMs,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

function runWorker(databaseUrl: string, count: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin("tsx"), ["--conditions=react-server", __filename, "--worker", "--posts", String(count)], {
      env: { ...process.env, ...QUIET_ENV, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`the benchmark worker failed (exit ${code}):\n${output}`));
      else resolve(JSON.parse(line.slice(7)) as Measurement);
    });
  });
}

function print(label: string, m: Measurement): void {
  const rate = (ms: number) => Math.round((m.posts * 1000) / ms).toLocaleString("en-US");
  console.log(
    `${label}: ${m.created.toLocaleString("en-US")} posts imported in ${(m.importMs / 1000).toFixed(2)} s = ${rate(m.importMs)} posts/s` +
      ` (the importing process used ${(m.importCpuMs / 1000).toFixed(2)} s of CPU);` +
      ` re-import (all unchanged: ${m.unchanged === m.posts ? "yes" : `no, ${m.unchanged}`}) ${rate(m.reimportMs)} posts/s` +
      (m.failed ? `; ${m.failed} FAILED` : ""),
  );
}

const benchSqlite = (count: number) => withSqliteBenchDatabase((url) => runWorker(url, count));
const benchPostgres = (count: number) => withPostgresBenchDatabase((url) => runWorker(url, count));

async function main() {
  loadEnvConfig(process.cwd());
  const { values } = parseArgs({ options: { worker: { type: "boolean", default: false }, posts: { type: "string", default: "10000" } } });
  const count = Number(values.posts);
  if (!Number.isInteger(count) || count < 1) throw new Error("--posts must be a positive whole number");
  if (values.worker) return worker(count);

  const [load] = (await import("node:os")).loadavg();
  console.log(
    `Importing ${count.toLocaleString("en-US")} posts (the corpus repeated with unique URLs), then importing them again. Load average: ${load.toFixed(1)}.`,
  );
  print("SQLite", await benchSqlite(count));
  const postgres = await benchPostgres(count);
  if (typeof postgres === "string") console.log(`PostgreSQL: ${postgres}`);
  else print("PostgreSQL", postgres);
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
