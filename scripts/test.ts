// npm test: lint, the migration check, unit and integration tests (SQLite, and PostgreSQL when reachable), then the
// end-to-end tests in Chromium against a production build. Ends with one line: "N passed, N failed[, N skipped]".
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../lib/cli/build";
import { pendingSchemaChange } from "./new-migration";
import { bin, QUIET_ENV, run } from "../lib/cli/process";

type Counts = { passed: number; failed: number; skipped: number };
const addCounts = (sum: Counts, c: Counts): Counts => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped });
const OUTPUT = path.resolve("tests/.output");
const VITEST_JSON = path.join(OUTPUT, "vitest-results.json");

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

async function migrationChecks(): Promise<Counts> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const provider of ["sqlite", "postgresql"] as const) {
    try {
      const sql = await pendingSchemaChange(provider);
      if (sql) console.error(`✗ ${provider}: prisma/models.prisma has changes without a migration (npm run db:new-migration -- <name>):\n${sql}`);
      else console.log(`✓ ${provider}: migrations match the schema`);
      counts[sql ? "failed" : "passed"] += 1;
    } catch (error) {
      if (provider === "postgresql" && /ECONNREFUSED|ENOTFOUND|timeout/i.test(String(error))) {
        console.warn("⚠ postgresql migration check skipped: PostgreSQL is not reachable (set TEST_POSTGRES_URL).");
        counts.skipped += 1;
      } else {
        console.error(`✗ ${provider} migration check failed: ${String(error)}`);
        counts.failed += 1;
      }
    }
  }
  return counts;
}

// ESLint, then Prettier's check (the same files as `npm run format` writes): one count each.
async function lint(): Promise<Counts> {
  const codes = [
    await run(bin("eslint"), ["--config", ".config/eslint.config.mjs", "--max-warnings", "0"]),
    await run(bin("prettier"), ["--check", "--log-level", "warn", "**/*.{ts,tsx,js,mjs,css}"]),
  ];
  const failed = codes.filter((code) => code !== 0).length;
  return { passed: codes.length - failed, failed, skipped: 0 };
}

async function vitest(): Promise<Counts> {
  const code = await run(
    bin("vitest"),
    ["run", "--config", ".config/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`],
    { env: { ...QUIET_ENV } },
  );
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(VITEST_JSON);
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  // A crash outside any test (a broken setup file) fails the run even when no test counted as failed.
  return { passed: report.numPassedTests, failed: report.numFailedTests || (code !== 0 ? 1 : 0), skipped: report.numPendingTests + report.numTodoTests };
}

// The end-to-end specs run in E2E_SHARDS Playwright processes side by side (2 by default: the tests wait on the
// server and the browser more than they use both cores), each with its own server, port and fresh database.
const E2E_SHARDS = Math.max(1, Number(process.env.E2E_SHARDS || 2));
const RECORD_DURATIONS = process.argv.includes("--record-durations");
const recordedSeconds: Record<string, number> = {};

/** The environment of shard `index` (1-based): its port, its report and, on PostgreSQL, its own database name. */
function shardEnv(index: number): Record<string, string> {
  const port = Number(process.env.E2E_PORT || 3100) + (index - 1) * 100;
  const env: Record<string, string> = { ...QUIET_ENV, E2E_PORT: String(port), E2E_JSON_REPORT: path.join(OUTPUT, `e2e-results-${index}.json`) };
  if (process.env.E2E_DATABASE_URL && index > 1) {
    const url = new URL(process.env.E2E_DATABASE_URL);
    url.pathname = `${url.pathname}_${index}`;
    env.E2E_DATABASE_URL = url.toString();
  }
  return env;
}

// Seconds each spec took in a recent full run (tests/e2e/durations.json, written by `npm test -- --record-durations`),
// so that the shards end together; a spec not listed yet counts as an average one.
const E2E_DIR = path.resolve("tests/e2e");
const DURATIONS_FILE = path.join(E2E_DIR, "durations.json");

/** The spec files split into `count` lists of about equal time: longest first, each onto the shortest list so far. */
function balancedSpecs(count: number): string[][] {
  const durations = readJson<Record<string, number>>(DURATIONS_FILE) ?? {};
  const known = Object.values(durations);
  const average = known.length ? known.reduce((sum, seconds) => sum + seconds, 0) / known.length : 1;
  const specs = readdirSync(E2E_DIR)
    .filter((file) => file.endsWith(".spec.ts"))
    .map((file) => ({ file, seconds: durations[file] ?? average }))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file));
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], seconds: 0 }));
  for (const spec of specs) {
    const shortest = shards.reduce((best, shard) => (shard.seconds < best.seconds ? shard : best));
    // A whole path: Playwright reads each as a pattern, and "people.spec.ts" alone would match another spec too.
    shortest.files.push(path.join(E2E_DIR, spec.file));
    shortest.seconds += spec.seconds;
  }
  return shards.map((shard) => shard.files);
}

type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: Array<{ file: string; specs: Array<{ tests: Array<{ results: Array<{ duration: number }> }> }>; suites?: PlaywrightReport["suites"] }>;
};

/** Each spec file's total time in a report, in seconds. */
function specSeconds(report: PlaywrightReport): Record<string, number> {
  const seconds: Record<string, number> = {};
  const visit = (suites: PlaywrightReport["suites"], file?: string) => {
    for (const suite of suites) {
      const name = file ?? suite.file;
      for (const spec of suite.specs)
        for (const test of spec.tests) for (const result of test.results) seconds[name] = (seconds[name] ?? 0) + result.duration / 1000;
      visit(suite.suites ?? [], name);
    }
  };
  visit(report.suites);
  return seconds;
}

async function playwrightShard(index: number, specs: string[] | null): Promise<Counts> {
  const env = shardEnv(index);
  rmSync(env.E2E_JSON_REPORT, { force: true });
  const args = ["test", "--config", ".config/playwright.config.ts", ...(specs ?? [])];
  const code = await run(bin("playwright"), args, { env, prefix: E2E_SHARDS > 1 ? `[e2e ${index}/${E2E_SHARDS}] ` : undefined });
  const report = readJson<PlaywrightReport>(env.E2E_JSON_REPORT);
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  if (RECORD_DURATIONS) Object.assign(recordedSeconds, specSeconds(report));
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected, failed: unexpected + flaky || (code !== 0 ? 1 : 0), skipped };
}

async function playwright(build: Promise<number>): Promise<Counts> {
  if ((await build) !== 0) return { passed: 0, failed: 1, skipped: 0 };
  const specs = E2E_SHARDS > 1 ? balancedSpecs(E2E_SHARDS) : [null];
  const shards = await Promise.all(specs.map((files, index) => playwrightShard(index + 1, files)));
  if (RECORD_DURATIONS) {
    const rounded = Object.fromEntries(
      Object.entries(recordedSeconds)
        .map(([file, seconds]) => [file, Math.round(seconds)])
        .sort(),
    );
    writeFileSync(DURATIONS_FILE, `${JSON.stringify(rounded, null, 2)}\n`);
  }
  return shards.reduce(addCounts);
}

async function main() {
  rmSync(VITEST_JSON, { force: true });
  mkdirSync(OUTPUT, { recursive: true });
  const suites: [string, Counts][] = [];
  let build: Promise<number> | undefined;
  for (const [name, suite] of [
    ["lint", lint],
    ["migration checks", migrationChecks],
    // The end-to-end tests' production build is made meanwhile: the integration tests wait on their databases, which
    // leaves part of the cores idle. Its output shows only if it fails.
    ["unit + integration (vitest)", () => ((build = buildIfNeeded({ quiet: true })), vitest())],
    ["end-to-end (playwright)", () => playwright(build ?? buildIfNeeded())],
  ] as const) {
    console.log(`\n━━ ${name} ━━`);
    const started = Date.now();
    const counts = await suite();
    suites.push([`${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`, counts]);
  }
  const total = suites.map(([, counts]) => counts).reduce(addCounts, { passed: 0, failed: 0, skipped: 0 });
  console.log("\n━━ summary ━━");
  for (const [name, c] of suites) console.log(`${name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}

void main();
