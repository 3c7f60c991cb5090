// /healthz, /readyz and /metrics, answered by the HTTP server itself (lib/server/http-server.ts): no Next, no session,
// no page cache. The readiness checks need the database and the job worker, which live in Next's bundles; those
// register them here through globalThis (lib/observability/probes.ts, from instrumentation.ts), like lib/jobs/signals.ts.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "./metrics";

export type ReadinessCheck = () => Promise<boolean>;
type Probes = { checks: Map<string, ReadinessCheck>; draining: boolean };
const globalForProbes = globalThis as unknown as { linkpressProbes?: Probes };
const probes: Probes = (globalForProbes.linkpressProbes ??= { checks: new Map(), draining: false });

// A check that has not answered in this time counts as failing, so a hung database cannot hang the probe.
const CHECK_TIMEOUT_MS = 2000;

/** Adds (or replaces) a readiness check; /readyz fails while any check fails or throws. */
export function registerReadinessCheck(name: string, check: ReadinessCheck): void {
  probes.checks.set(name, check);
}

/** From SIGTERM on, /readyz fails, so a load balancer sends nothing more while requests in flight finish. */
export function markDraining(): void {
  probes.draining = true;
}

/** The checks /readyz must see: the database and its migrations always, the job worker unless JOBS_WORKER=off. */
export function expectedChecks(env: Record<string, string | undefined> = process.env): string[] {
  return env.JOBS_WORKER === "off" ? ["database", "migrations"] : ["database", "migrations", "jobs"];
}

async function runCheck(check: ReadinessCheck | undefined): Promise<boolean> {
  if (!check) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Each check's name with "ok" or "failing", never why: the reason is for the server's own log, not the network. */
export async function readiness(env: Record<string, string | undefined> = process.env): Promise<{ ready: boolean; checks: Record<string, "ok" | "failing"> }> {
  const names = expectedChecks(env);
  const results = await Promise.all(names.map((name) => runCheck(probes.checks.get(name))));
  const checks: Record<string, "ok" | "failing"> = {};
  names.forEach((name, index) => (checks[name] = results[index] ? "ok" : "failing"));
  if (probes.draining) checks.serving = "failing";
  return { ready: Object.values(checks).every((result) => result === "ok"), checks };
}

/** Whether the request carries the bearer token METRICS_TOKEN names; compared in constant time. */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

function answer(response: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}) {
  response.writeHead(status, {
    "content-type": contentType,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-length": Buffer.byteLength(body),
    ...extra,
  });
  response.end(body);
}

async function answerMetrics(request: IncomingMessage, response: ServerResponse) {
  const token = process.env.METRICS_TOKEN ?? "";
  if (!token) return answer(response, 404, "text/plain; charset=utf-8", "Not found.\n");
  if (!hasMetricsToken(request.headers.authorization, token))
    return answer(response, 401, "text/plain; charset=utf-8", "A bearer token is required.\n", { "www-authenticate": 'Bearer realm="metrics"' });
  const { registry } = metrics();
  answer(response, 200, registry.contentType, await registry.metrics());
}

const ENDPOINTS: Record<string, (request: IncomingMessage, response: ServerResponse) => void | Promise<void>> = {
  "/healthz": (_request, response) => answer(response, 200, "text/plain; charset=utf-8", "ok\n"),
  "/readyz": async (_request, response) => {
    const { ready, checks } = await readiness();
    answer(response, ready ? 200 : 503, "application/json", `${JSON.stringify({ status: ready ? "ok" : "failing", checks })}\n`);
  },
  "/metrics": answerMetrics,
};

/** Answers /healthz, /readyz and /metrics (exactly those paths, any query string); false for every other request. */
export function answerOperationsRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const endpoint = ENDPOINTS[(request.url ?? "/").split("?")[0]];
  if (!endpoint) return false;
  if (request.method !== "GET" && request.method !== "HEAD") {
    answer(response, 405, "text/plain; charset=utf-8", "Only GET and HEAD.\n", { allow: "GET, HEAD" });
    return true;
  }
  Promise.resolve(endpoint(request, response)).catch((error: unknown) => {
    console.error("[operations]", error instanceof Error ? error.message : error);
    if (!response.headersSent) answer(response, 500, "text/plain; charset=utf-8", "Internal error.\n");
    else response.destroy();
  });
  return true;
}
