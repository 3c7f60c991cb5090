import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../scripts/chromium";

const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${port}`;
// A fresh database per run: an SQLite file by default, or a PostgreSQL database named linkpress_e2e… when given.
const databaseUrl = process.env.E2E_DATABASE_URL || `file:${path.join(root, `tests/.output/e2e-${port}.db`)}`;
process.env.E2E_RESOLVED_DATABASE_URL = databaseUrl;
process.env.E2E_BASE_URL = baseURL;
// The stand-in for other sites (articles to capture), on another host than the app and allowed to its fetcher.
const fixturePort = port + 1000;
process.env.E2E_FIXTURE_ORIGIN = `http://127.0.0.1:${fixturePort}`;

export default defineConfig({
  testDir: path.join(root, "tests/e2e"),
  outputDir: path.join(root, `test-results/${port}`),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A net for a test that hangs, not a speed target: flows that load and axe-scan several pages took up to 60 s on a
  // busy 2-core CI machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: path.resolve(root, process.env.E2E_JSON_REPORT || "tests/.output/e2e-results.json") }]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    // Recording a trace of every test cost a fifth of the suite's CPU time (readers.spec: 134 s against 108 s), and a
    // CI machine's traces are not kept; E2E_TRACE=retain-on-failure records them when a failure needs one.
    trace: (process.env.E2E_TRACE as "off" | "retain-on-failure" | undefined) ?? "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /global\.setup\.ts/ },
  ],
  webServer: [
    {
      command: `${path.join(root, "node_modules/.bin/tsx")} scripts/e2e-server.ts`,
      cwd: root,
      url: `${baseURL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
        // The tests stand in for one reverse proxy: the last X-Forwarded-For hop they send is the client's address.
        TRUST_PROXY: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        CHECKPOINT_DISABLE: "1",
        LINKPRESS_FETCH_ALLOW: `127.0.0.1:${fixturePort}`,
        // Link health: the archive is the fixture site, and the hourly pass is off (the corpus links are real sites).
        ARCHIVE_API_URL: `${process.env.E2E_FIXTURE_ORIGIN}/wayback/available`,
        ARCHIVE_SAVE_URL: `${process.env.E2E_FIXTURE_ORIGIN}/save/`,
        LINK_CHECKS: "off",
      },
    },
    {
      command: `${path.join(root, "node_modules/.bin/tsx")} tests/e2e/fixture-site.ts`,
      cwd: root,
      url: `${process.env.E2E_FIXTURE_ORIGIN}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { FIXTURE_PORT: String(fixturePort) },
    },
  ],
});
