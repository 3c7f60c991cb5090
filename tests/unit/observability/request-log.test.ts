import { createServer, IncomingMessage, request as httpRequest, ServerResponse, type Server } from "node:http";
import { Socket, type AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { metrics } from "@/lib/observability/metrics";
import { decideRequestId, formatLogLine, logFormat, observeRequest, type RequestLogEntry } from "@/lib/observability/request-log";
import { routeMatcher } from "@/lib/observability/routes";
import { appRoutePatterns } from "./app-routes";

const routes = routeMatcher(appRoutePatterns());

describe("route patterns", () => {
  it("names a dynamic page by its pattern and a fixed one by its path", () => {
    expect(routes.match("/posts/some-post")).toBe("/posts/[slug]");
    expect(routes.match("/posts/some-post/")).toBe("/posts/[slug]");
    expect(routes.match("/archive/2026/12")).toBe("/archive/[year]/[month]");
    expect(routes.match("/tags/news/feed.xml")).toBe("/tags/[slug]/feed.xml");
    expect(routes.match("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    expect(routes.match("/login")).toBe("/login");
    expect(routes.match("/")).toBe("/");
    expect(routes.match("/healthz")).toBe("/healthz");
  });

  it("never lets a token in the path reach the log, even with something appended", () => {
    expect(routes.describe("/preview/s3cr3t-preview-token").log).toBe("/preview/[token]");
    expect(routes.describe("/reset-password/s3cr3t-reset-token").log).toBe("/reset-password/[token]");
    expect(routes.describe("/invite/s3cr3t-invite-token").log).toBe("/invite/[token]");
    expect(routes.describe("/invite/s3cr3t-invite-token/extra/parts")).toEqual({ log: "/invite/[token]", metric: "(other)" });
    expect(routes.describe("/RESET-PASSWORD/s3cr3t/x").log).toBe("/reset-password/[token]");
  });

  it("keeps metrics labels to the known routes", () => {
    expect(routes.describe("/no/such/page/12345")).toEqual({ log: "/no/such/page/12345", metric: "(other)" });
    expect(routes.describe("/_next/static/chunks/abc.js").metric).toBe("/_next/static");
    expect(routes.describe("/posts/a-post")).toEqual({ log: "/posts/[slug]", metric: "/posts/[slug]" });
  });
});

describe("request ids", () => {
  it("takes a well-formed incoming id only behind a trusted proxy", () => {
    expect(decideRequestId("abc-123", 1)).toBe("abc-123");
    expect(decideRequestId("abc-123", 0)).not.toBe("abc-123");
    expect(decideRequestId("abc-123", 0)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("replaces a malformed or oversized id even from a trusted proxy", () => {
    for (const bad of ["", "with space", "new\nline", "<script>", "x".repeat(129)]) expect(decideRequestId(bad, 1)).toMatch(/^[0-9a-f-]{36}$/);
    expect(decideRequestId(["first", "second"], 1)).toBe("first");
  });
});

describe("log format", () => {
  const entry: RequestLogEntry = {
    time: "2026-12-03T12:00:00.123Z",
    requestId: "req-1",
    method: "GET",
    route: "/posts/[slug]",
    status: 200,
    durationMs: 3.25,
    cache: "hit",
    client: "192.0.2.1",
    scheme: "http",
  };

  it("is JSON off a terminal, plain text on one, and LOG_FORMAT decides over both", () => {
    expect(logFormat({}, false)).toBe("json");
    expect(logFormat({}, true)).toBe("text");
    expect(logFormat({ LOG_FORMAT: "json" }, true)).toBe("json");
    expect(logFormat({ LOG_FORMAT: "text" }, false)).toBe("text");
  });

  it("writes one JSON object per line, or one readable line", () => {
    const json = formatLogLine(entry, "json");
    expect(json.endsWith("\n")).toBe(true);
    expect(JSON.parse(json)).toEqual(entry);
    expect(formatLogLine(entry, "text")).toBe("12:00:00.123 GET /posts/[slug] 200 3.25ms hit 192.0.2.1 req-1\n");
  });
});

describe("observeRequest", () => {
  let server: Server;
  let base: { host: string; port: number };
  const lines: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      observeRequest(request, response, { routes, format: "json", write: (line) => lines.push(line) });
      if (request.url?.startsWith("/posts/")) response.setHeader("x-linkpress-cache", "hit");
      response.setHeader("set-cookie", "next-auth.session-token=cookie-secret; HttpOnly");
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = { host: "127.0.0.1", port: (server.address() as AddressInfo).port };
    return () => new Promise<void>((resolve) => server.close(() => resolve()));
  });

  afterEach(() => {
    lines.length = 0;
    vi.unstubAllEnvs();
  });

  function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ ...base, path, headers }, (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  async function logged(): Promise<Record<string, unknown>> {
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    return JSON.parse(lines[0]) as Record<string, unknown>;
  }

  it("logs method, route, status, duration, cache and the echoed request id, and nothing secret", async () => {
    const secrets = { cookie: "next-auth.session-token=cookie-secret", authorization: "Bearer auth-secret" };
    const answer = await get("/preview/s3cr3t-preview-token?token=query-secret", secrets);
    const line = await logged();
    expect(line).toMatchObject({ method: "GET", route: "/preview/[token]", status: 200, client: "127.0.0.1", scheme: "http" });
    expect(typeof line.durationMs).toBe("number");
    expect(answer.headers["x-request-id"]).toBe(line.requestId);
    for (const secret of ["s3cr3t", "query-secret", "cookie-secret", "auth-secret", "?"]) expect(lines[0]).not.toContain(secret);
  });

  it("records the page cache's answer and counts the request in the metrics", async () => {
    const before = (await metrics().requests.get()).values.find((value) => value.labels.route === "/posts/[slug]")?.value ?? 0;
    await get("/posts/a-post");
    expect(await logged()).toMatchObject({ route: "/posts/[slug]", cache: "hit" });
    const after = (await metrics().requests.get()).values.find((value) => value.labels.route === "/posts/[slug]" && value.labels.status === "2xx");
    expect(after?.value).toBe(before + 1);
    const hits = (await metrics().pageCache.get()).values.find((value) => value.labels.result === "hit");
    expect(hits?.value).toBeGreaterThanOrEqual(1);
  });

  it("still logs a request whose socket is gone when its response closes (an upload cut off for its size)", () => {
    const request = new IncomingMessage(new Socket());
    Object.assign(request, { method: "POST", url: "/admin/import/upload" });
    const response = new ServerResponse(request);
    const written: string[] = [];
    observeRequest(request, response, { routes, format: "json", write: (line) => written.push(line) });
    Object.assign(request, { socket: null });
    response.emit("close");
    expect(JSON.parse(written[0])).toMatchObject({ method: "POST", route: "/admin/import/upload", client: null, aborted: true });
  });

  it("without TRUST_PROXY ignores X-Forwarded-For, X-Forwarded-Proto and X-Request-Id", async () => {
    vi.stubEnv("TRUST_PROXY", "");
    const answer = await get("/login", { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-request-id": "from-client" });
    const line = await logged();
    expect(line).toMatchObject({ client: "127.0.0.1", scheme: "http" });
    expect(line.requestId).not.toBe("from-client");
    expect(answer.headers["x-request-id"]).toBe(line.requestId);
  });

  it("with TRUST_PROXY believes the proxy's X-Forwarded-For, X-Forwarded-Proto and X-Request-Id", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const answer = await get("/login", { "x-forwarded-for": "10.0.0.1, 203.0.113.7", "x-forwarded-proto": "https", "x-request-id": "from-proxy-42" });
    expect(await logged()).toMatchObject({ client: "203.0.113.7", scheme: "https", requestId: "from-proxy-42" });
    expect(answer.headers["x-request-id"]).toBe("from-proxy-42");
  });
});
