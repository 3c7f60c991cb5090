// One log line and the request metrics for every request the HTTP server answers (lib/server/http-server.ts calls
// observeRequest first thing). Plain JSON.stringify to stdout rather than a logging library: this is the only log
// line written per request, its fields are fixed, and a synchronous write of one short line costs microseconds.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { decideClientAddress, decideScheme, trustedProxyHops } from "../http/client-address";
import { metrics, statusClass } from "./metrics";
import type { RouteMatcher } from "./routes";

export const REQUEST_ID_HEADER = "x-request-id";
// What proxies and load balancers send (UUIDs, nginx's $request_id, trace ids); anything else is replaced.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:+=@-]{1,128}$/;

export type RequestLogEntry = {
  time: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  cache?: "hit" | "miss";
  client: string | null;
  scheme: "http" | "https";
  /** The client went away before the response was sent whole. */
  aborted?: true;
};

export type LogFormat = "json" | "text";

/** JSON lines unless a person is reading: LOG_FORMAT=json or text decides, else JSON when stdout is not a terminal. */
export function logFormat(env: Record<string, string | undefined> = process.env, isTerminal = Boolean(process.stdout.isTTY)): LogFormat {
  const chosen = env.LOG_FORMAT?.trim().toLowerCase();
  if (chosen === "json" || chosen === "text") return chosen;
  return isTerminal ? "text" : "json";
}

/** The request's id: the one a trusted proxy sent (a well-formed X-Request-Id), else a new one. */
export function decideRequestId(incoming: string | string[] | undefined, trustedHops: number): string {
  const sent = Array.isArray(incoming) ? incoming[0] : incoming;
  return trustedHops > 0 && sent !== undefined && VALID_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** The line written for a request; only these fields, never a header, cookie or query string. */
export function formatLogLine(entry: RequestLogEntry, format: LogFormat): string {
  if (format === "json") return `${JSON.stringify(entry)}\n`;
  const time = entry.time.slice(11, 23);
  const cache = entry.cache ? ` ${entry.cache}` : "";
  const aborted = entry.aborted ? " aborted" : "";
  return `${time} ${entry.method} ${entry.route} ${entry.status} ${entry.durationMs}ms${cache}${aborted} ${entry.client ?? "-"} ${entry.requestId}\n`;
}

type ObserveOptions = { routes: RouteMatcher; format: LogFormat; write?: (line: string) => void };

let pending: string[] = [];
/**
 * Lines written together once per turn of the event loop: under load one write (a system call) carries many lines.
 * What is pending when the process exits is written then.
 */
function writeBatched(line: string) {
  if (pending.length === 0) setImmediate(flushLog);
  pending.push(line);
}

function flushLog() {
  if (pending.length === 0) return;
  const lines = pending.join("");
  pending = [];
  process.stdout.write(lines);
}
process.once("exit", flushLog);

// Each label set's series, looked up once: prom-client hashes the labels on every call otherwise.
const series = new Map<string, { count: { inc(): void }; duration: { observe(seconds: number): void } }>();
function seriesFor(route: string, method: string, status: string) {
  const key = `${route}\0${method}\0${status}`;
  let found = series.get(key);
  if (!found) {
    const recorded = metrics();
    found = { count: recorded.requests.labels({ route, method, status }), duration: recorded.requestDuration.labels({ route, status }) };
    series.set(key, found);
  }
  return found;
}

/**
 * Gives the request its id (echoed as X-Request-Id on the response, and handed on to Next), and when the response
 * ends writes its log line and records it in the metrics. The route is the path's route pattern, so neither the
 * query string nor a token in the path reaches the log.
 */
export function observeRequest(request: IncomingMessage, response: ServerResponse, { routes, format, write = writeBatched }: ObserveOptions) {
  const started = process.hrtime.bigint();
  const trustedHops = trustedProxyHops();
  const requestId = decideRequestId(request.headers[REQUEST_ID_HEADER], trustedHops);
  // Read now: by "close" the socket may be gone (a request cut off for its size), and a throw there would be uncaught.
  const socketAddress = request.socket?.remoteAddress;
  request.headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  response.once("close", () => {
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
    const pathname = (request.url ?? "/").split("?")[0];
    const cache = response.getHeader("x-linkpress-cache");
    const route = routes.describe(pathname);
    const entry: RequestLogEntry = {
      time: new Date().toISOString(),
      requestId,
      method: request.method ?? "GET",
      route: route.log,
      status: response.statusCode,
      durationMs,
      ...(cache === "hit" || cache === "miss" ? { cache } : {}),
      client: decideClientAddress({ socketAddress, forwardedFor: header("x-forwarded-for"), trustedHops }),
      scheme: decideScheme({ forwardedProto: header("x-forwarded-proto"), trustedHops }),
      ...(response.writableFinished ? {} : { aborted: true as const }),
    };
    write(formatLogLine(entry, format));
    const { count, duration } = seriesFor(route.metric, entry.method, statusClass(entry.status));
    count.inc();
    duration.observe(durationMs / 1000);
    if (entry.cache) metrics().pageCache.inc({ result: entry.cache });
  });
  return requestId;
}
