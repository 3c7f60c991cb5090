// The fetcher against real sockets: local fixture servers on 127.0.0.1 (allowed through LINKPRESS_FETCH_ALLOW, as an
// operator would), with node:dns replaced by a table so that no name reaches a real resolver and nothing leaves this
// machine. Needs no database; it runs in each integration project like the rest.
import { spawn, type ChildProcess } from "node:child_process";
import type { LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { FETCH_LIMITS, fetchPage, FetchRefusal } from "@/lib/fetch";

// Names resolve from this table only: each name gives its answers in turn, the last one again and again.
const dns = vi.hoisted(() => ({ answers: new Map<string, string[][]>(), calls: [] as string[] }));
vi.mock("node:dns", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:dns")>();
  function lookup(hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) {
    dns.calls.push(hostname);
    const queue = dns.answers.get(hostname);
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    setImmediate(() => {
      if (!answer) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
      callback(
        null,
        answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      );
    });
  }
  return { ...actual, default: { ...actual, lookup }, lookup };
});

// Every request the fetcher makes, to see how much its socket read.
const clientRequests = vi.hoisted(() => [] as import("node:http").ClientRequest[]);
vi.mock("node:http", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:http")>();
  const request = ((...args: Parameters<typeof actual.request>) => {
    const created = actual.request(...args);
    clientRequests.push(created);
    return created;
  }) as typeof actual.request;
  return { ...actual, default: { ...actual, request }, request };
});

type Seen = { path: string; headers: IncomingHttpHeaders };
const seen: Seen[] = [];
const endless = { written: 0, closed: false };
const MiB = 1024 * 1024;
const bomb = zlib.gzipSync(Buffer.alloc(64 * MiB, 0x20), { level: 9 });
const brotliBomb = zlib.brotliCompressSync(Buffer.alloc(64 * MiB, 0x20));
const page = (body: string) => `<!DOCTYPE html><html><head><title>Fixture</title></head><body>${body}</body></html>`;

function route(request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? "/";
  seen.push({ path, headers: request.headers });
  const html = (body: string, headers: http.OutgoingHttpHeaders = {}) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers });
    response.end(page(body));
  };
  const redirect = (location: string, status = 302, headers: http.OutgoingHttpHeaders = {}) => {
    response.writeHead(status, { location, ...headers });
    response.end(`Moved to ${location}`);
  };
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) return Number(chain[1]) === 0 ? html("end of the chain") : redirect(`/chain/${Number(chain[1]) - 1}`, 307);

  switch (path) {
    case "/ok":
      return html("<p>Hello – from the fixture</p>", { "set-cookie": "session=secret; Path=/; HttpOnly" });
    case "/hops/3":
      return redirect("2", 301);
    case "/hops/2":
      return redirect("../hops/1?from=2", 303);
    case "/hops/1?from=2":
      return redirect("/ok#top", 308);
    case "/set-cookie":
      return redirect("/echo", 302, { "set-cookie": ["session=secret; Path=/", "other=1"] });
    case "/echo":
      return html("echo");
    case "/to-other-port":
      return redirect(`http://127.0.0.1:${otherPort}/`);
    case "/to-ten":
      return redirect("http://10.0.0.1/");
    case "/to-name":
      return redirect("http://internal.test/");
    case "/to-file":
      return redirect("file:///etc/passwd");
    case "/silent":
      return; // listens, never answers
    case "/endless":
      return streamForever(response);
    case "/declared-large":
      response.writeHead(200, { "content-type": "text/html", "content-length": String(FETCH_LIMITS.maxBytes + 1) });
      return response.write("<!DOCTYPE html>"); // and nothing more: refused on the header alone
    case "/bomb":
      response.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip", "content-length": String(bomb.length) });
      return response.end(bomb);
    case "/brotli-bomb":
      response.writeHead(200, { "content-type": "text/html", "content-encoding": "br" });
      return response.end(brotliBomb);
    case "/gzip":
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
      return response.end(zlib.gzipSync(page("<p>gzip – ok</p>")));
    case "/deflate":
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "deflate" });
      return response.end(zlib.deflateSync(page("<p>deflate – ok</p>")));
    case "/br":
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "br" });
      return response.end(zlib.brotliCompressSync(page("<p>br – ok</p>")));
    case "/latin1":
      response.writeHead(200, { "content-type": "text/html; charset=ISO-8859-1" });
      return response.end(
        Buffer.concat([Buffer.from("<html><body><p>"), Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]), Buffer.from("</p>")]),
      );
    case "/shift-jis":
      response.writeHead(200, { "content-type": "text/html" });
      return response.end(
        Buffer.concat([Buffer.from('<meta charset="Shift_JIS"><title>'), Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), Buffer.from("</title>")]),
      );
    case "/xhtml":
      response.writeHead(200, { "content-type": "application/xhtml+xml" });
      return response.end('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>');
    case "/untyped-html":
      response.writeHead(200, {});
      return response.end("\n  <!DOCTYPE html><p>no type</p>");
    case "/untyped-binary":
      response.writeHead(200, {});
      return response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    case "/png":
      response.writeHead(200, { "content-type": "image/png" });
      return response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    case "/json":
      response.writeHead(200, { "content-type": "application/json" });
      return response.end("{}");
    case "/gone":
      response.writeHead(404, { "content-type": "text/html" });
      return response.end(page("Not here"));
    case "/broken":
      response.writeHead(500);
      return response.end();
    case "/redirect-without-location":
      response.writeHead(302);
      return response.end();
    case "/cut-short":
      response.writeHead(200, { "content-type": "text/html", "content-length": "1000" });
      response.write("<!DOCTYPE html><p>only part");
      return void setTimeout(() => response.socket?.destroy(), 20);
    default:
      return html(`path ${path}`);
  }
}

// 16 KiB at a time, as fast as the reader takes it, until the reader goes away.
function streamForever(response: ServerResponse) {
  endless.written = 0;
  endless.closed = false;
  response.writeHead(200, { "content-type": "text/html" });
  const chunk = Buffer.alloc(16 * 1024, "<p>more</p>\n");
  response.on("close", () => (endless.closed = true));
  const pump = () => {
    while (!endless.closed && !response.destroyed) {
      endless.written += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
  };
  pump();
}

let server: http.Server;
let port = 0;
let other: net.Server;
let otherPort = 0;
let otherConnections = 0;
let stalled: ChildProcess | undefined;
let stalledPort = 0;
const held: net.Socket[] = [];

function listen(target: net.Server, host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    target.once("error", reject);
    target.listen(0, host, () => resolve((target.address() as AddressInfo).port));
  });
}

// A port whose listener never accepts: a child process listens with a backlog of 1 and is stopped (SIGSTOP), then
// the kernel's accept queue is filled, so a further connection waits for the handshake until it gives up.
async function stalledListener(): Promise<number> {
  const child = spawn(
    process.execPath,
    ["-e", "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  stalled = child;
  const childPort = await new Promise<number>((resolve) => child.stdout!.once("data", (data) => resolve(Number(String(data).trim()))));
  process.kill(child.pid!, "SIGSTOP");
  for (let i = 0; i < 16; i++) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect(childPort, "127.0.0.1");
      held.push(socket);
      socket.on("error", () => resolve(false));
      socket.once("connect", () => resolve(true));
      setTimeout(() => resolve(false), 300);
    });
    if (!connected) break;
  }
  return childPort;
}

function allow(...entries: string[]) {
  process.env.LINKPRESS_FETCH_ALLOW = entries.join(",");
}

async function refusal(promise: Promise<unknown>): Promise<FetchRefusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchRefusal);
  return error as FetchRefusal;
}

const base = () => `http://127.0.0.1:${port}`;
const savedEnv = { allow: process.env.LINKPRESS_FETCH_ALLOW, site: process.env.SITE_URL };

beforeAll(async () => {
  server = http.createServer(route);
  port = await listen(server);
  other = net.createServer((socket) => {
    otherConnections++;
    socket.destroy();
  });
  otherPort = await listen(other);
  stalledPort = await stalledListener();
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  if (stalled?.pid) process.kill(stalled.pid, "SIGKILL");
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => other.close(resolve));
  process.env.LINKPRESS_FETCH_ALLOW = savedEnv.allow;
  process.env.SITE_URL = savedEnv.site;
});

beforeEach(() => {
  allow(`127.0.0.1:${port}`, `127.0.0.1:${stalledPort}`);
  seen.length = 0;
  dns.answers.clear();
  dns.calls.length = 0;
  otherConnections = 0;
});

afterEach(() => {
  if (savedEnv.site === undefined) delete process.env.SITE_URL;
  else process.env.SITE_URL = savedEnv.site;
});

describe("pages it reads", () => {
  it("reads an HTML page, sending no cookie and naming itself", async () => {
    process.env.SITE_URL = "https://links.example";
    const result = await fetchPage(`${base()}/ok`);
    expect(result).toMatchObject({ requestedUrl: `${base()}/ok`, finalUrl: `${base()}/ok`, redirects: [], status: 200, contentType: "text/html" });
    expect(result.html).toContain("<p>Hello – from the fixture</p>");
    expect(result.bytes).toBe(Buffer.byteLength(result.html));
    const { headers } = seen[0];
    expect(headers["user-agent"]).toBe("Linkpress/0.1.0 (+https://links.example)");
    expect(headers.accept).toBe("text/html,application/xhtml+xml");
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(headers.cookie).toBeUndefined();
    expect(headers.host).toBe(`127.0.0.1:${port}`);
  });

  it("follows three redirects with relative Locations and records each URL", async () => {
    const result = await fetchPage(`${base()}/hops/3`);
    expect(result.redirects).toEqual([`${base()}/hops/2`, `${base()}/hops/1?from=2`, `${base()}/ok#top`]);
    expect(result.finalUrl).toBe(`${base()}/ok#top`);
    expect(result.requestedUrl).toBe(`${base()}/hops/3`);
    expect(seen.map((request) => request.path)).toEqual(["/hops/3", "/hops/2", "/hops/1?from=2", "/ok"]);
  });

  it("follows five redirects and refuses a sixth", async () => {
    const five = await fetchPage(`${base()}/chain/5`);
    expect(five.redirects).toHaveLength(5);
    expect(five.html).toContain("end of the chain");

    seen.length = 0;
    const refused = await refusal(fetchPage(`${base()}/chain/6`));
    expect(refused.code).toBe("too-many-redirects");
    expect(refused.message).toBe("The page redirected more than 5 times.");
    expect(seen).toHaveLength(6);
  });

  it("never sends a cookie, even one the site set on the way", async () => {
    await fetchPage(`${base()}/set-cookie`);
    expect(seen.map((request) => request.path)).toEqual(["/set-cookie", "/echo"]);
    for (const request of seen) expect(request.headers.cookie).toBeUndefined();
  });

  it("names itself without a site address when none is configured", async () => {
    delete process.env.SITE_URL;
    const nextAuthUrl = process.env.NEXTAUTH_URL;
    delete process.env.NEXTAUTH_URL;
    try {
      await fetchPage(`${base()}/ok`);
      expect(seen[0].headers["user-agent"]).toBe("Linkpress/0.1.0");
    } finally {
      if (nextAuthUrl !== undefined) process.env.NEXTAUTH_URL = nextAuthUrl;
    }
  });

  it.each([
    ["/gzip", "<p>gzip – ok</p>"],
    ["/deflate", "<p>deflate – ok</p>"],
    ["/br", "<p>br – ok</p>"],
    ["/latin1", "<p>“Café” – ok</p>"],
    ["/shift-jis", "<title>日本語</title>"],
    ["/xhtml", "<body>x</body>"],
    ["/untyped-html", "<p>no type</p>"],
  ])("decodes %s", async (path, expected) => {
    const result = await fetchPage(`${base()}${path}`);
    expect(result.html).toContain(expected);
  });

  it("reads an address on IPv6 loopback when it is allowed", async (context) => {
    const v6 = http.createServer(route);
    const v6Port = await listen(v6, "::1").catch(() => 0);
    if (!v6Port) return context.skip("no IPv6 loopback here");
    try {
      allow(`[::1]:${v6Port}`);
      const result = await fetchPage(`http://[::1]:${v6Port}/ok`);
      expect(result.finalUrl).toBe(`http://[::1]:${v6Port}/ok`);
      expect(await refusal(fetchPage(`http://[::1]:${port}/ok`))).toMatchObject({ code: "private-address" });
    } finally {
      await new Promise((resolve) => v6.close(resolve));
    }
  });
});

describe("what it refuses", () => {
  it("refuses a page that is not HTML", async () => {
    expect(await refusal(fetchPage(`${base()}/png`))).toMatchObject({ code: "not-html", message: "That is not a web page (image/png)." });
    expect(await refusal(fetchPage(`${base()}/json`))).toMatchObject({ code: "not-html" });
    expect(await refusal(fetchPage(`${base()}/untyped-binary`))).toMatchObject({ code: "not-html" });
    // A JSON document only when the caller takes one (IndieAuth client metadata); an image never.
    expect(await fetchPage(`${base()}/json`, { acceptJson: true })).toMatchObject({ contentType: "application/json", status: 200 });
    expect(await refusal(fetchPage(`${base()}/png`, { acceptJson: true }))).toMatchObject({ code: "not-html" });
  });

  it("refuses an error answer", async () => {
    expect(await refusal(fetchPage(`${base()}/gone`))).toMatchObject({ code: "http-status", message: "The page answered 404." });
    expect(await refusal(fetchPage(`${base()}/broken`))).toMatchObject({ code: "http-status", message: "The page answered 500." });
    expect(await refusal(fetchPage(`${base()}/redirect-without-location`))).toMatchObject({ code: "http-status" });
  });

  it("refuses a page cut short, and a closed port", async () => {
    expect(await refusal(fetchPage(`${base()}/cut-short`))).toMatchObject({ code: "network" });
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    allow(`127.0.0.1:${closedPort}`);
    expect(await refusal(fetchPage(`http://127.0.0.1:${closedPort}/`))).toMatchObject({ code: "network", message: "The site refused the connection." });
  });

  it("refuses a page declared larger than 2 MiB without reading it", async () => {
    expect(await refusal(fetchPage(`${base()}/declared-large`))).toMatchObject({ code: "too-large", message: "The page is larger than 2 MiB." });
  });

  it("stops reading an endless page at 2 MiB and closes the connection", async () => {
    const refused = await refusal(fetchPage(`${base()}/endless`));
    expect(refused.code).toBe("too-large");
    await vi.waitFor(() => expect(endless.closed).toBe(true), { timeout: 2_000 });
    // The fetcher's socket read the limit and at most one more read's worth (libuv reads 64 KiB at a time) and the
    // headers; the server got further only by filling the sockets' buffers.
    const socket = clientRequests.at(-1)?.socket;
    expect(socket?.destroyed).toBe(true);
    expect(socket?.bytesRead).toBeGreaterThan(FETCH_LIMITS.maxBytes);
    expect(socket?.bytesRead).toBeLessThanOrEqual(FETCH_LIMITS.maxBytes + 64 * 1024 + 1024);
    expect(endless.written).toBeLessThan(FETCH_LIMITS.maxBytes + 8 * MiB);
  });

  it("refuses decompression bombs on the decompressed size", async () => {
    expect(bomb.length).toBeLessThan(FETCH_LIMITS.maxBytes);
    expect(await refusal(fetchPage(`${base()}/bomb`))).toMatchObject({ code: "too-large" });
    expect(await refusal(fetchPage(`${base()}/brotli-bomb`))).toMatchObject({ code: "too-large" });
  });

  it("refuses a redirect to a private address before connecting to it", async () => {
    expect(await refusal(fetchPage(`${base()}/to-other-port`))).toMatchObject({ code: "private-address", message: "That address is on a private network." });
    expect(otherConnections).toBe(0);
    expect(await refusal(fetchPage(`${base()}/to-ten`))).toMatchObject({ code: "private-address" });

    dns.answers.set("internal.test", [["127.0.0.1"]]);
    expect(await refusal(fetchPage(`${base()}/to-name`))).toMatchObject({ code: "private-address" });
    expect(dns.calls).toEqual(["internal.test"]);
    expect(await refusal(fetchPage(`${base()}/to-file`))).toMatchObject({ code: "scheme" });
  });

  it("refuses the allowed host on a port that is not allowed", async () => {
    dns.answers.set("fixture.test", [["127.0.0.1"]]);
    allow(`fixture.test:${port}`);
    await expect(fetchPage(`http://fixture.test:${port}/ok`)).resolves.toMatchObject({ status: 200 });
    expect(seen[0].headers.host).toBe(`fixture.test:${port}`);
    // A name on a port outside 80 and 443 is refused before it is even looked up; an address is refused as private.
    dns.calls.length = 0;
    expect(await refusal(fetchPage(`http://fixture.test:${otherPort}/`))).toMatchObject({ code: "port" });
    expect(dns.calls).toEqual([]);
    allow(`127.0.0.1:${port}`);
    expect(await refusal(fetchPage(`http://127.0.0.1:${otherPort}/`))).toMatchObject({ code: "private-address" });
    expect(otherConnections).toBe(0);
  });

  it("refuses localhost unless localhost itself is allowed", async () => {
    dns.answers.set("localhost", [["127.0.0.1"]]);
    expect(await refusal(fetchPage(`http://localhost:${port}/ok`))).toMatchObject({ code: "private-address" });
    expect(dns.calls).toEqual([]);
    allow(`127.0.0.1:${port}`, `localhost:${port}`);
    await expect(fetchPage(`http://localhost:${port}/ok`)).resolves.toMatchObject({ status: 200 });
    expect(await refusal(fetchPage(`http://app.localhost:${port}/ok`))).toMatchObject({ code: "private-address" });
  });

  it("matches the allow list on the name written, not the address it resolves to", async () => {
    // 127.0.0.1:port is allowed, but sneaky.test is not: its private answer is refused.
    dns.answers.set("sneaky.test", [["127.0.0.1"]]);
    expect(await refusal(fetchPage(`http://sneaky.test:${port}/ok`))).toMatchObject({ code: "port" });
    expect(await refusal(fetchPage("http://sneaky.test/ok"))).toMatchObject({ code: "private-address" });
    expect(dns.calls).toEqual(["sneaky.test"]);
    dns.answers.set("mixed.test", [["10.1.2.3", "127.0.0.1"]]);
    expect(await refusal(fetchPage("http://mixed.test/"))).toMatchObject({ code: "private-address" });
    expect(await refusal(fetchPage("http://unknown.test/"))).toMatchObject({ code: "not-found", message: "No site answers to the name unknown.test." });
    expect(seen).toEqual([]);
  });

  it("looks a name up once and connects to that answer (no DNS rebinding)", async () => {
    // The first answer is the fixture; any later lookup would say 10.255.255.1, where nothing answers.
    dns.answers.set("rebind.test", [["127.0.0.1"], ["10.255.255.1"]]);
    allow(`rebind.test:${port}`);
    const result = await fetchPage(`http://rebind.test:${port}/ok`);
    expect(result.html).toContain("Hello");
    expect(dns.calls).toEqual(["rebind.test"]);
    expect(seen[0].headers.host).toBe(`rebind.test:${port}`);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("editor left")), 100);
    await expect(fetchPage(`${base()}/silent`, { signal: controller.signal })).rejects.toThrow("editor left");
  });
});

describe.concurrent("time limits (these really wait)", () => {
  it("gives up on a site that accepts the connection but never answers, after 10 s", async () => {
    const started = Date.now();
    const refused = await refusal(fetchPage(`${base()}/silent`));
    expect(refused).toMatchObject({ code: "timeout", message: "No answer within 10 s." });
    expect(Date.now() - started).toBeGreaterThanOrEqual(FETCH_LIMITS.totalMs - 50);
    expect(Date.now() - started).toBeLessThan(FETCH_LIMITS.totalMs + 2_000);
  });

  it("gives up on a connection not accepted within 5 s", async () => {
    const started = Date.now();
    const refused = await refusal(fetchPage(`http://127.0.0.1:${stalledPort}/`));
    expect(refused).toMatchObject({ code: "connect-timeout", message: "The site did not accept a connection within 5 s." });
    expect(Date.now() - started).toBeGreaterThanOrEqual(FETCH_LIMITS.connectMs - 50);
    expect(Date.now() - started).toBeLessThan(FETCH_LIMITS.connectMs + 2_000);
  });
});
