import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { metrics } from "@/lib/observability/metrics";
import { answerOperationsRequest, hasMetricsToken, registerReadinessCheck } from "@/lib/observability/operations";
import { httpCall } from "../../support/http-call";

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (answerOperationsRequest(request, response)) return;
    response.writeHead(418).end("not an operations request");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => vi.unstubAllEnvs());

const call = (path: string, options?: Parameters<typeof httpCall>[1]) => httpCall(`http://127.0.0.1:${port}${path}`, options);

describe("/healthz", () => {
  it("answers ok, uncached, whatever else is wrong", async () => {
    registerReadinessCheck("database", async () => false);
    const answer = await call("/healthz");
    expect(answer).toMatchObject({ status: 200, body: "ok\n" });
    expect(answer.headers["cache-control"]).toBe("no-store");
  });

  it("is only the exact path and only GET or HEAD", async () => {
    expect((await call("/healthz/more")).status).toBe(418);
    expect((await call("/healthzz")).status).toBe(418);
    expect((await call("/healthz", { method: "POST" })).status).toBe(405);
    expect((await call("/healthz", { method: "HEAD" })).status).toBe(200);
  });
});

describe("/readyz", () => {
  it("is 200 with each check ok when all pass", async () => {
    registerReadinessCheck("database", async () => true);
    registerReadinessCheck("migrations", async () => true);
    registerReadinessCheck("jobs", async () => true);
    const answer = await call("/readyz");
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(answer.body)).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok", jobs: "ok" } });
  });

  it("is 503 naming the failing check, without its error", async () => {
    registerReadinessCheck("database", async () => {
      throw new Error("connect ECONNREFUSED 10.1.2.3:5432 password=hunter2");
    });
    const answer = await call("/readyz");
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ status: "failing", checks: { database: "failing", migrations: "ok", jobs: "ok" } });
    expect(answer.body).not.toMatch(/ECONNREFUSED|hunter2|Error/);
  });

  it("leaves the job worker out when JOBS_WORKER=off, and fails a check nobody registered", async () => {
    registerReadinessCheck("database", async () => true);
    vi.stubEnv("JOBS_WORKER", "off");
    registerReadinessCheck("jobs", async () => false);
    expect(JSON.parse((await call("/readyz")).body)).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok" } });
    vi.stubEnv("JOBS_WORKER", "");
    expect(JSON.parse((await call("/readyz")).body).checks.jobs).toBe("failing");
  });

  it("counts a check that does not answer within 2 s as failing", async () => {
    registerReadinessCheck("jobs", () => new Promise(() => {}));
    const started = Date.now();
    const answer = await call("/readyz");
    expect(answer.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(4000);
    registerReadinessCheck("jobs", async () => true);
  });
});

describe("/metrics", () => {
  it("is 404 unless METRICS_TOKEN is set", async () => {
    vi.stubEnv("METRICS_TOKEN", "");
    expect((await call("/metrics", { headers: { authorization: "Bearer anything" } })).status).toBe(404);
  });

  it("is 401 without the bearer token, or with another one", async () => {
    vi.stubEnv("METRICS_TOKEN", "metrics-secret-123");
    for (const authorization of [undefined, "Bearer wrong", "Basic bWV0cmljcy1zZWNyZXQtMTIz", "metrics-secret-123", "Bearer metrics-secret-1234"]) {
      const answer = await call("/metrics", { headers: authorization ? { authorization } : {} });
      expect(answer.status).toBe(401);
      expect(answer.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(answer.body).not.toContain("linkpress_");
    }
  });

  it("is the Prometheus text format with the token", async () => {
    vi.stubEnv("METRICS_TOKEN", "metrics-secret-123");
    metrics().setQueueDepthReader(async () => [
      { state: "QUEUED", count: 3 },
      { state: "DEAD", count: 1 },
    ]);
    metrics().signInFailures.inc({ reason: "wrong_password" });
    const answer = await call("/metrics", { headers: { authorization: "Bearer metrics-secret-123" } });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.headers["cache-control"]).toBe("no-store");
    for (const name of [
      "linkpress_http_requests_total",
      "linkpress_http_request_duration_seconds",
      "linkpress_page_cache_requests_total",
      "linkpress_db_query_duration_seconds",
      "linkpress_sign_in_failures_total",
      "linkpress_jobs",
      "process_cpu_seconds_total",
    ])
      expect(answer.body).toContain(`# TYPE ${name} `);
    expect(answer.body).toContain('linkpress_jobs{state="QUEUED"} 3');
    expect(answer.body).toContain('linkpress_sign_in_failures_total{reason="wrong_password"}');
    metrics().setQueueDepthReader(null);
  });

  it("compares the token exactly", () => {
    expect(hasMetricsToken("Bearer abc", "abc")).toBe(true);
    expect(hasMetricsToken("bearer abc", "abc")).toBe(true);
    expect(hasMetricsToken("Bearer abcd", "abc")).toBe(false);
    expect(hasMetricsToken("Bearer ab", "abc")).toBe(false);
    expect(hasMetricsToken(undefined, "abc")).toBe(false);
  });
});
