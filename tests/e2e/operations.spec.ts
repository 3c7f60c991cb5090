// Health, readiness, metrics, request logs and graceful shutdown, against the production server. Besides the suite's
// own server (TRUST_PROXY=1, no METRICS_TOKEN), this starts one more from the same build, without TRUST_PROXY and
// with METRICS_TOKEN, on a database of its own, reads its stdout, and finally stops it with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { request as httpRequest } from "node:http";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { productionServerCommand } from "../../lib/cli/process";
import { freshE2eDatabase } from "../../scripts/e2e-database";
import { httpCall } from "../support/http-call";

const root = path.resolve(__dirname, "../..");
// better-sqlite3 (the SQLite adapter's driver) ships no types of its own; this is all the test uses of it.
const Database = createRequire(__filename)("better-sqlite3") as new (file: string) => { exec(sql: string): void; close(): void };
const port = Number(process.env.E2E_PORT || 3100) + 2;
const origin = `http://127.0.0.1:${port}`;
const METRICS_TOKEN = "e2e-metrics-token-0123456789";
// The suite's database's kind decides this server's: an SQLite file, or a PostgreSQL database beside the suite's.
const suiteDatabase = process.env.E2E_RESOLVED_DATABASE_URL ?? "";
const databaseUrl = suiteDatabase.startsWith("postgres")
  ? Object.assign(new URL(suiteDatabase), { pathname: `/${new URL(suiteDatabase).pathname.slice(1)}_ops` }).toString()
  : `file:${path.join(root, `tests/.output/e2e-ops-${port}.db`)}`;

async function sql(statement: string): Promise<void> {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice(5));
    db.exec(statement);
    return db.close();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function freshDatabase() {
  if (!(await freshE2eDatabase(databaseUrl))) throw new Error(`Migrating ${databaseUrl} failed.`);
}

let server: ChildProcess;
let exited: Promise<number | null>;
const lines: string[] = [];
const logged = () => lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await freshDatabase();
  const [command, args, serverEnv] = productionServerCommand();
  server = spawn(command, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...serverEnv,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      METRICS_TOKEN,
      TRUST_PROXY: "",
      LOG_FORMAT: "",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  let pending = "";
  server.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts);
  });
  server.stderr!.setEncoding("utf8").on("data", (chunk: string) => process.stderr.write(`[ops server] ${chunk}`));
  exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
  await expect.poll(async () => (await httpCall(`${origin}/healthz`).catch(() => null))?.status, { timeout: 120_000, intervals: [250] }).toBe(200);
});

test.afterAll(() => {
  if (server.exitCode === null) server.kill("SIGKILL");
});

test("/healthz answers ok, uncached, with a request id", async () => {
  const answer = await httpCall(`${origin}/healthz`);
  expect(answer.status).toBe(200);
  expect(answer.body).toBe("ok\n");
  expect(answer.headers["cache-control"]).toBe("no-store");
  expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("/readyz names each check and says ok once the app and its worker run", async () => {
  await expect.poll(async () => (await httpCall(`${origin}/readyz`)).status, { timeout: 30_000 }).toBe(200);
  const answer = await httpCall(`${origin}/readyz`);
  expect(answer.headers["cache-control"]).toBe("no-store");
  expect(JSON.parse(answer.body)).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok", jobs: "ok" } });
});

test("/metrics needs the bearer token, then shows requests, the page cache, database time, jobs and sign-in failures", async () => {
  expect((await httpCall(`${origin}/metrics`)).status).toBe(401);
  expect((await httpCall(`${origin}/metrics`, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(401);
  // A reader page twice (rendered, then from the cache), and a failed sign-in through the form's endpoint.
  await httpCall(`${origin}/`);
  await httpCall(`${origin}/`);
  const answer = await httpCall(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(answer.status).toBe(200);
  expect(answer.headers["cache-control"]).toBe("no-store");
  expect(answer.body).toMatch(/^linkpress_http_requests_total\{route="\/",method="GET",status="2xx"\} [2-9]/m);
  expect(answer.body).toMatch(/^linkpress_http_request_duration_seconds_bucket\{le="[0-9.]+",route="\/",status="2xx"\} \d+/m);
  expect(answer.body).toMatch(/^linkpress_page_cache_requests_total\{result="hit"\} [1-9]/m);
  expect(answer.body).toMatch(/^linkpress_page_cache_requests_total\{result="miss"\} [1-9]/m);
  expect(answer.body).toMatch(/^linkpress_db_query_duration_seconds_count [1-9]/m);
  expect(answer.body).toContain("# TYPE linkpress_jobs gauge");
  expect(answer.body).toContain("# TYPE linkpress_sign_in_failures_total counter");
  expect(answer.body).toMatch(/^process_resident_memory_bytes \d+/m);
});

test("logs one JSON line per request with its route pattern, status, duration, cache and id, and no secrets", async () => {
  const secretPath = "/preview/e2e-secret-preview-token?token=e2e-query-secret";
  const answer = await httpCall(`${origin}${secretPath}`, {
    headers: { cookie: "next-auth.session-token=e2e-cookie-secret", authorization: "Bearer e2e-auth-secret", "x-request-id": "made-up-by-client" },
  });
  const requestId = answer.headers["x-request-id"];
  expect(requestId).not.toBe("made-up-by-client");
  await expect.poll(() => logged().find((line) => line.requestId === requestId)).toBeTruthy();
  expect(logged().find((line) => line.requestId === requestId)).toMatchObject({
    method: "GET",
    route: "/preview/[token]",
    status: answer.status,
    client: "127.0.0.1",
  });
  const home = logged().filter((line) => line.route === "/");
  expect(home.map((line) => line.cache)).toEqual(expect.arrayContaining(["miss", "hit"]));
  expect(home.every((line) => typeof line.durationMs === "number" && line.status === 200)).toBe(true);
  const output = lines.join("\n");
  for (const secret of ["e2e-secret-preview-token", "e2e-query-secret", "e2e-cookie-secret", "e2e-auth-secret", "made-up-by-client"])
    expect(output).not.toContain(secret);
});

test("without TRUST_PROXY, X-Forwarded-For and X-Forwarded-Proto do not reach the log", async () => {
  const answer = await httpCall(`${origin}/login`, { headers: { "x-forwarded-for": "203.0.113.50", "x-forwarded-proto": "https" } });
  await expect.poll(() => logged().find((line) => line.requestId === answer.headers["x-request-id"])).toMatchObject({ client: "127.0.0.1", scheme: "http" });
});

test("the suite's server (TRUST_PROXY=1) echoes its proxy's request id, and has no /metrics without METRICS_TOKEN", async ({ baseURL }) => {
  const login = await httpCall(`${baseURL}/login`, { headers: { "x-request-id": "proxy-request-42" } });
  expect(login.headers["x-request-id"]).toBe("proxy-request-42");
  expect((await httpCall(`${baseURL}/metrics`, { headers: { authorization: "Bearer anything" } })).status).toBe(404);
});

test("/readyz fails on a database that lacks a migration this build ships", async () => {
  test.setTimeout(60_000);
  await sql(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = (SELECT MAX("migration_name") FROM "_prisma_migrations")`);
  // The migrations are read again after at most 5 s.
  await expect.poll(async () => (await httpCall(`${origin}/readyz`)).status, { timeout: 20_000, intervals: [500] }).toBe(503);
  const answer = await httpCall(`${origin}/readyz`);
  expect(JSON.parse(answer.body)).toEqual({ status: "failing", checks: { database: "ok", migrations: "failing", jobs: "ok" } });
  expect(answer.body).not.toMatch(/\d{14}_/);
});

test("SIGTERM: a request in flight completes, new connections are refused, a stuck one is cut after 10 s, and the process exits 0", async () => {
  test.setTimeout(60_000);
  // A POST whose body arrives slowly is in flight until its last byte (Next reads the whole body before answering).
  const body = JSON.stringify({ title: "x".repeat(4000) });
  const half = Math.floor(body.length / 2);
  let answered!: (answer: { status: number; text: string; at: number }) => void;
  const response = new Promise<{ status: number; text: string; at: number }>((resolve) => (answered = resolve));
  const slow = httpRequest(
    `${origin}/api/v1/posts`,
    { method: "POST", headers: { "content-type": "application/json", "content-length": String(body.length) } },
    (answer) => {
      let text = "";
      answer.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      answer.on("end", () => answered({ status: answer.statusCode ?? 0, text, at: Date.now() }));
    },
  );
  slow.write(body.slice(0, half));
  // And one whose body never ends: the grace period bounds how long it can hold the shutdown.
  const stuck = httpRequest(`${origin}/api/v1/posts`, { method: "POST", headers: { "content-type": "application/json", "content-length": "1000" } });
  const stuckEnded = new Promise<string>((resolve) => {
    stuck.on("response", (answer) => resolve(`answered ${answer.statusCode}`));
    stuck.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  stuck.write("{");
  await new Promise((resolve) => setTimeout(resolve, 500));

  const signalled = Date.now();
  server.kill("SIGTERM");
  const tryConnecting = () =>
    new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
  // At once, unless the signal waits for the event loop (a server that just started is still busy for a moment).
  await expect.poll(tryConnecting, { timeout: 3000, intervals: [100] }).toBe("ECONNREFUSED");
  expect(server.exitCode).toBeNull();

  await new Promise((resolve) => setTimeout(resolve, 1000));
  slow.end(body.slice(half));
  const { status, at } = await response;
  expect(at).toBeGreaterThan(signalled + 1000);
  // No token: the API's own answer, so the request went through Next to its route after the signal.
  expect(status).toBe(401);
  expect(await stuckEnded).toBe("ECONNRESET");
  expect(await exited).toBe(0);
  const took = Date.now() - signalled;
  expect(took).toBeGreaterThan(9_500);
  expect(took).toBeLessThan(13_000);
});
