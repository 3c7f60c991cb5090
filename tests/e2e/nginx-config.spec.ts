// deploy/nginx/linkpress.conf's rules, against two stand-in instances whose answers the test chooses: it keeps what
// the app marks shareable for as long as Cache-Control says (today's `no-cache` as well as a shared-cache policy with
// s-maxage and stale-while-revalidate), never what is private, and passes the client's address, scheme and host.
// Skipped, with the reason, when nginx is missing.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { nginxMissingReason, removeFolder, startNginx, stop, waitUntilServing } from "../support/instances";

test.describe.configure({ mode: "serial" });

// E2E_PORT + 1…3 are instances.spec.ts's.
const port = Number(process.env.E2E_PORT || 3100);
const NGINX = `http://localhost:${port + 6}`;
const SHARED = "public, max-age=0, s-maxage=60";

// Each answer names the instance and how many times the stand-ins answered that path: a cached answer repeats it.
const served = new Map<string, number>();
function answer(name: string, request: IncomingMessage): { headers: Record<string, string>; body: string } {
  const path = new URL(request.url ?? "/", "http://stand-in").pathname;
  const count = (served.get(path) ?? 0) + 1;
  served.set(path, count);
  const body = `${path} answer ${count} from ${name}`;
  if (path === "/echo") return { headers: { "cache-control": "no-store" }, body: JSON.stringify(request.headers) };
  if (path === "/no-cache") return { headers: { "cache-control": "public, no-cache" }, body };
  if (path === "/private") return { headers: { "cache-control": "no-store" }, body };
  if (path === "/swr") return { headers: { "cache-control": "public, max-age=0, s-maxage=1, stale-while-revalidate=30" }, body };
  if (path === "/sets-cookie") return { headers: { "cache-control": SHARED, "set-cookie": "a=b; Path=/" }, body };
  return { headers: { "cache-control": SHARED }, body };
}

let standIns: Server[] = [];
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;

test.beforeAll(async () => {
  const reason = nginxMissingReason();
  // The list reporter shows no skip reasons: say it on the terminal too (the JSON report carries it as an annotation).
  if (reason) console.warn(`⚠ ${test.info().file} skipped: ${reason}`);
  test.skip(reason !== null, reason ?? "");
  standIns = await Promise.all(
    ["A", "B"].map(
      (name, index) =>
        new Promise<Server>((resolve) => {
          const server = createServer((request, response) => {
            request.resume();
            const { headers, body } = answer(name, request);
            response.writeHead(200, { "content-type": "text/plain", ...headers });
            response.end(body);
          });
          server.listen(port + 4 + index, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  nginx = startNginx({ port: port + 6, upstreams: [`127.0.0.1:${port + 4}`, `127.0.0.1:${port + 5}`] });
  await waitUntilServing(nginx, `${NGINX}/echo`, 30_000);
});

test.afterAll(async () => {
  await stop(nginx);
  removeFolder(nginx?.dir);
  await Promise.all(standIns.map((server) => new Promise((resolve) => server.close(resolve))));
});

// Node's fetch keeps no cookies, so each request carries only the headers given here.
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${NGINX}${path}`, { headers });
  return { status: response.status, cache: response.headers.get("x-cache-status"), body: await response.text() };
}

test("keeps a page the app marks shareable, and serves it to readers without cookies only", async () => {
  const first = await get("/posts/kept");
  expect(first).toMatchObject({ status: 200, cache: "MISS", body: expect.stringContaining("answer 1") });
  expect(await get("/posts/kept")).toMatchObject({ cache: "HIT", body: first.body });
  // A signed-in editor's request (any cookie) or an API client's (Authorization) goes to an instance, and is not kept.
  expect(await get("/posts/kept", { cookie: "next-auth.session-token=x" })).toMatchObject({ cache: "BYPASS", body: expect.stringContaining("answer 2") });
  expect(await get("/posts/kept", { authorization: "Bearer lp_x" })).toMatchObject({ cache: "BYPASS", body: expect.stringContaining("answer 3") });
  expect(await get("/posts/kept")).toMatchObject({ cache: "HIT", body: first.body });
});

test("keeps nothing the app marks no-cache or private, nor an answer that sets a cookie", async () => {
  for (const path of ["/no-cache", "/private", "/sets-cookie"]) {
    expect(await get(path)).toMatchObject({ body: expect.stringContaining("answer 1") });
    expect(await get(path), path).toMatchObject({ body: expect.stringContaining("answer 2") });
  }
});

test("never caches the admin, sign-in, API or preview areas, in any letter case, even when marked shareable", async () => {
  for (const path of ["/admin/posts", "/ADMIN/posts", "/login", "/api/v1/posts", "/preview/token", "/micropub"]) {
    const first = await get(path);
    expect(first.cache, path).toBe("BYPASS");
    expect((await get(path)).body, path).not.toBe(first.body);
  }
});

test("serves a stale page while it refreshes it in the background (stale-while-revalidate)", async () => {
  const first = await get("/swr");
  expect(first.cache).toBe("MISS");
  // nginx counts lifetimes in whole seconds: s-maxage=1 has surely run out after 2.5 s.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  // Past s-maxage: the stale copy at once, refreshed behind it; the next reader gets the refreshed one.
  expect(await get("/swr")).toMatchObject({ cache: "STALE", body: first.body });
  await expect.poll(async () => (await get("/swr")).body, { timeout: 5000 }).toContain("answer 2");
});

test("passes the client's address, scheme and host, round robin, and refuses bodies over the app's limit", async () => {
  const headers = JSON.parse((await get("/echo")).body) as Record<string, string>;
  expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
  expect(headers["x-forwarded-proto"]).toBe("http");
  expect(headers["host"]).toBe(`localhost:${port + 6}`);
  expect(headers["x-forwarded-host"]).toBe(`localhost:${port + 6}`);
  const names = new Set<string>();
  for (let request = 0; request < 4; request += 1) names.add((await get(`/round-robin-${request}`)).body.slice(-1));
  expect([...names].sort()).toEqual(["A", "B"]);

  const post = async (path: string, bytes: number) => (await fetch(`${NGINX}${path}`, { method: "POST", body: Buffer.alloc(bytes, 97) })).status;
  expect(await post("/admin/posts/new", 2 * 1024 * 1024 + 1)).toBe(413);
  expect(await post("/admin/posts/new", 1024 * 1024)).toBe(200);
  // The import upload's own limit (51 MiB) is larger.
  expect(await post("/admin/import/upload", 3 * 1024 * 1024)).toBe(200);
});
