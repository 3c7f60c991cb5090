// npm run bench [-- --posts 5000 --seconds 10 --search-posts 10000 --no-lighthouse]
// Seeds a throwaway SQLite database with corpus posts (unique URLs), builds the production app into .next-bench,
// starts it on a free port and measures the reader side: load on the home, post, tag, search and RSS pages
// (autocannon, 32 connections), page weight, Lighthouse scores and search latency at a larger size. Prints figures;
// asserts nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { PrismaClient } from "../lib/generated/sqlite/client";
import { parseLinkPost, type LinkPostDocument } from "../lib/link-format/front-matter";
import { canonicalizeUrl } from "../lib/posts/canonical-url";
import { slugify } from "../lib/slug";
import { LinkpressSqliteAdapter } from "../lib/sqlite-adapter";
import { migrateDatabase } from "../lib/cli/migrate";
import { productionServerCommand, QUIET_ENV } from "../lib/cli/process";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium";

const DIST_DIR = ".next-bench";
const CONNECTIONS = 32;
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];

function corpus(): LinkPostDocument[] {
  const dir = path.resolve("tests/fixtures/corpus");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .flatMap((name) => {
      const parsed = parseLinkPost(readFileSync(path.join(dir, name)), name);
      return parsed.ok ? [parsed.post] : [];
    });
}

/**
 * Adds corpus posts, published, until the database holds `total` (copy N of a file gets "?copy=N" on its URL, "-N" on
 * its slug and a date N days earlier). Written straight through Prisma in batches; the search triggers index them.
 */
export async function seedPosts(databaseUrl: string, total: number): Promise<void> {
  const db = new PrismaClient({ adapter: new LinkpressSqliteAdapter(databaseUrl) });
  try {
    const posts = corpus();
    const start = await db.post.count();
    const tagIds = new Map<string, string>();
    const sourceIds = new Map<string, string>();
    for (const post of posts) {
      for (const name of post.tags)
        if (slugify(name) && !tagIds.has(slugify(name)))
          tagIds.set(slugify(name), (await db.tag.upsert({ where: { slug: slugify(name) }, create: { name, slug: slugify(name) }, update: {} })).id);
      const source = post.source && slugify(post.source);
      if (source && !sourceIds.has(source)) {
        const { origin, hostname } = new URL(post.externalUrl);
        sourceIds.set(
          source,
          (await db.source.upsert({ where: { slug: source }, create: { name: post.source!, slug: source, homepage: origin, domain: hostname }, update: {} }))
            .id,
        );
      }
    }
    for (let first = start; first < total; first += 500) {
      const batch = Array.from({ length: Math.min(500, total - first) }, (_, offset) => {
        const index = first + offset;
        const post = posts[index % posts.length];
        const copy = Math.floor(index / posts.length);
        const url = `${post.externalUrl}${post.externalUrl.includes("?") ? "&" : "?"}copy=${copy}`;
        const publishedAt = new Date(Date.parse(post.date ?? "2025-01-01T00:00:00Z") - copy * 86_400_000);
        const row = {
          id: randomUUID(),
          title: post.title,
          slug: `${slugify(post.title) || "post"}-${copy}`,
          externalUrl: url,
          canonicalUrl: canonicalizeUrl(url),
          sourceId: post.source ? (sourceIds.get(slugify(post.source)) ?? null) : null,
          tldr: post.tldr,
          summary: post.summary,
          commentary: post.commentary,
          status: "PUBLISHED",
          publishedAt,
        };
        const tags = [...new Set(post.tags.map((name) => tagIds.get(slugify(name))).filter((id): id is string => Boolean(id)))];
        return { row, links: tags.map((tagId, position) => ({ postId: row.id, tagId, position })) };
      });
      await db.$transaction([
        db.post.createMany({ data: batch.map((item) => item.row) }),
        db.postTag.createMany({ data: batch.flatMap((item) => item.links) }),
      ]);
    }
  } finally {
    await db.$disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process and its children, in MB (Linux /proc). */
function residentMemoryMb(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // The process ended.
    }
  }
  let kilobytes = 0;
  for (const id of pids) {
    try {
      kilobytes += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended.
    }
  }
  return Math.round(kilobytes / 1024);
}

async function waitForServer(base: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}.`);
    try {
      if ((await fetch(`${base}/robots.txt`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("The server did not start within a minute.");
}

// autocannon ships no types; this is the part of its API used here.
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests?: Array<{ setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }>;
}) => Promise<{
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}>;
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

type LoadResult = { name: string; path: string; rps: number; p50: number; p99: number; errors: number; memoryMb: number; cpuMsPerRequest: number };

/** CPU time a process has used so far, in milliseconds (Linux /proc; clock ticks are 10 ms). */
function cpuTimeMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /, "")
    .split(" ");
  // utime and stime are fields 14 and 15 of the stat line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Drives one page, or with `rotate` every path in turn (each connection takes the next one), so that most requests
 * ask for a page not rendered before.
 */
async function load(base: string, name: string, pagePath: string, seconds: number, serverPid: number, rotate?: string[]): Promise<LoadResult> {
  let peakMemory = 0;
  const sampler = setInterval(() => (peakMemory = Math.max(peakMemory, residentMemoryMb(serverPid))), 250);
  let next = 0;
  const options = {
    url: `${base}${pagePath}`,
    connections: CONNECTIONS,
    ...(rotate ? { requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: rotate[next++ % rotate.length] }) }] } : {}),
  };
  try {
    // A short run first, so the figures are of a warm server (JIT-compiled code, filled caches).
    await autocannon({ ...options, duration: 2 });
    const cpuBefore = cpuTimeMs(serverPid);
    const result = await autocannon({ ...options, duration: seconds });
    const cpuMs = cpuTimeMs(serverPid) - cpuBefore;
    return {
      name,
      path: pagePath,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      memoryMb: peakMemory,
      cpuMsPerRequest: Math.round((cpuMs / Math.max(1, result.requests.average * seconds)) * 100) / 100,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The home page's HTML and the JavaScript a current browser loads for it (not the nomodule polyfills), raw and gzip. */
async function pageWeight(base: string): Promise<{ htmlBytes: number; htmlGzip: number; jsFiles: number; jsBytes: number; jsGzip: number }> {
  const html = await (await fetch(`${base}/`)).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((match) => !/\bnoModule\b/i.test(match[0]));
  const scripts = [...new Set(tags.map((match) => match[1]))];
  let jsBytes = 0;
  let jsGzip = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    jsBytes += body.length;
    jsGzip += gzipSync(body).length;
  }
  const htmlBuffer = Buffer.from(html);
  return { htmlBytes: htmlBuffer.length, htmlGzip: gzipSync(htmlBuffer).length, jsFiles: scripts.length, jsBytes, jsGzip };
}

async function lighthouseScores(url: string): Promise<Record<string, number>> {
  const { launch } = await import("chrome-launcher");
  const { default: lighthouse } = await import("lighthouse");
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    if (result?.lhr.runtimeError) console.log(`  Lighthouse could not measure ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    const categories = result?.lhr.categories ?? {};
    return Object.fromEntries(Object.entries(categories).map(([id, category]) => [id, Math.round((category.score ?? 0) * 100)]));
  } finally {
    chrome.kill();
  }
}

/** Varied search words from the corpus titles: one or two per query. */
function searchQueries(rounds: number): string[] {
  const words = corpus()
    .flatMap((post) => post.title.toLowerCase().split(/[^a-z0-9]+/))
    .filter((word) => word.length > 3);
  return Array.from({ length: rounds }, (_, i) => `${words[(i * 7919) % words.length]}${i % 3 === 0 ? ` ${words[(i * 104729) % words.length]}` : ""}`);
}

/**
 * Asks for `count` different search addresses, 8 at a time, as a crawler or an attacker making up queries would; gives
 * the server's peak memory meanwhile. Each address is a page not seen before, so every one is rendered and offered to
 * the page cache.
 */
async function distinctSearches(base: string, serverPid: number, count: number): Promise<{ seconds: number; peakMb: number; endMb: number }> {
  const words = searchQueries(count);
  let next = 0;
  let peakMb = residentMemoryMb(serverPid);
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await (await fetch(`${base}/search?q=${encodeURIComponent(`${words[index]} ${index}`)}`)).arrayBuffer();
      if (index % 50 === 0) peakMb = Math.max(peakMb, residentMemoryMb(serverPid));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    peakMb: Math.max(peakMb, residentMemoryMb(serverPid)),
    endMb: residentMemoryMb(serverPid),
  };
}

/**
 * The body of a page. A pooled connection that sat idle past the server's keep-alive time (while posts were seeded)
 * may be closed just as it is reused; that one request is sent again on a new connection. A server that died is
 * reported by the exit listener.
 */
async function fetchBody(url: string): Promise<ArrayBuffer> {
  try {
    return await (await fetch(url)).arrayBuffer();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== "UND_ERR_SOCKET") throw error;
    return (await fetch(url)).arrayBuffer();
  }
}

/** Percentiles in milliseconds of timings taken one after another. */
async function percentiles(queries: string[], run: (query: string) => Promise<unknown>): Promise<{ p50: number; p95: number; p99: number; max: number }> {
  const timings: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await run(query);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (share: number) => Math.round(timings[Math.min(timings.length - 1, Math.floor(share * timings.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Personal access tokens for a bench editor, written straight into the database (as token:create would store them). */
async function benchTokens(databaseUrl: string, count: number): Promise<string[]> {
  const db = new PrismaClient({ adapter: new LinkpressSqliteAdapter(databaseUrl) });
  const owner = await db.user.create({ data: { name: "Bench Editor", email: `bench-${randomUUID()}@example.test`, role: "EDITOR" } });
  const secrets = Array.from({ length: count }, () => `lp_${randomBytes(32).toString("base64url")}`);
  for (const [index, secret] of secrets.entries())
    await db.apiToken.create({
      data: {
        userId: owner.id,
        name: `bench ${index}`,
        tokenHash: createHash("sha256").update(secret, "utf8").digest("hex"),
        scopes: "posts:read,posts:write,posts:publish",
      },
    });
  await db.$disconnect();
  return secrets;
}

/** Publishes one post through the REST API, as an editor would; gives its address. */
async function publishThroughApi(base: string, token: string, label: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/posts`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      title: `Bench publish ${label}`,
      url: `https://bench.example/publish/${randomUUID()}`,
      source: "Bench",
      tags: ["bench"],
      tldr: "Published by the benchmark while readers read.",
      status: "published",
    }),
  });
  if (response.status !== 201) throw new Error(`POST /api/v1/posts answered ${response.status}: ${await response.text()}`);
  const { slug } = (await response.json()) as { slug: string };
  return `/posts/${slug}`;
}

type PassResult = { rps: number; p50: number; p99: number; errors: number; hits: number; seconds: number };

/**
 * Asks for every path once, CONNECTIONS at a time (a crawler walking the site): requests per second, latency
 * percentiles and how many were answered from the page cache (X-Linkpress-Cache: hit).
 */
async function walk(base: string, paths: string[]): Promise<PassResult> {
  const timings: number[] = [];
  let next = 0;
  let errors = 0;
  let hits = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const begun = performance.now();
      try {
        const response = await fetch(`${base}${path}`, { headers: { "accept-encoding": "br, gzip" } });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
        if (response.headers.get("x-linkpress-cache") === "hit") hits += 1;
      } catch {
        errors += 1;
      }
      timings.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const at = (share: number) => Math.round(timings[Math.min(timings.length - 1, Math.floor(share * timings.length))]);
  return { rps: Math.round(paths.length / seconds), p50: at(0.5), p99: at(0.99), errors, hits, seconds: Math.round(seconds * 10) / 10 };
}

/**
 * The REST API: posts created per second through POST /api/v1/posts, one client after another and 8 at once (each
 * client its own token, under the 120 calls a minute each token may make), and the latency of GET /api/v1/posts.
 */
async function apiFigures(base: string, databaseUrl: string): Promise<string[]> {
  const [sequentialToken, listToken, ...clientTokens] = await benchTokens(databaseUrl, 10);
  let counter = 0;
  const create = async (token: string) => {
    counter += 1;
    const response = await fetch(`${base}/api/v1/posts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        title: `API bench post ${counter}`,
        url: `https://bench.example/api/${randomUUID()}`,
        source: "Bench",
        tags: ["bench", "api"],
        tldr: "Created through the REST API by the benchmark.",
        summary: "A **short** summary with a [link](https://bench.example/).",
        status: "published",
      }),
    });
    if (response.status !== 201) throw new Error(`POST /api/v1/posts answered ${response.status}: ${await response.text()}`);
  };
  const perClient = 100;
  let started = performance.now();
  for (let i = 0; i < perClient; i += 1) await create(sequentialToken);
  const sequential = perClient / ((performance.now() - started) / 1000);
  const concurrentEach = 50;
  started = performance.now();
  await Promise.all(
    clientTokens.map(async (token) => {
      for (let i = 0; i < concurrentEach; i += 1) await create(token);
    }),
  );
  const concurrent = (clientTokens.length * concurrentEach) / ((performance.now() - started) / 1000);
  const list = await percentiles(
    Array.from({ length: 100 }, (_, i) => String(i)),
    () => fetch(`${base}/api/v1/posts?limit=20`, { headers: { authorization: `Bearer ${listToken}` } }).then((response) => response.arrayBuffer()),
  );
  return [
    `API: POST /api/v1/posts ${sequential.toFixed(0)} posts/s one after another (${perClient}), ${concurrent.toFixed(0)} posts/s with ${clientTokens.length} clients at once (${clientTokens.length * concurrentEach});`,
    `  GET /api/v1/posts?limit=20, 100 one after another: p50 ${list.p50} ms, p95 ${list.p95} ms, p99 ${list.p99} ms.`,
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      posts: { type: "string", default: "5000" },
      seconds: { type: "string", default: "10" },
      "search-posts": { type: "string", default: "10000" },
      "no-lighthouse": { type: "boolean", default: false },
    },
  });
  const posts = Number(values.posts);
  const seconds = Number(values.seconds);
  const searchPosts = Number(values["search-posts"]);

  // The build lives in its own folder so it never disturbs a development or test build.
  process.env.NEXT_DIST_DIR = DIST_DIR;
  const { buildIfNeeded } = await import("../lib/cli/build");
  if ((await buildIfNeeded()) !== 0) process.exit(1);

  const dir = mkdtempSync(path.join(tmpdir(), "linkpress-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  let server: ChildProcess | null = null;
  const reportEarlyExit = (code: number | null, signal: string | null) =>
    console.error(`\n✗ The server exited during the benchmark (code ${code}, signal ${signal}).`);
  let stopPeakSampler = () => {};
  try {
    if ((await migrateDatabase(databaseUrl)) !== 0) process.exit(1);
    let started = performance.now();
    await seedPosts(databaseUrl, posts);
    console.log(`Seeded ${posts} posts in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const [command, args, serverEnv] = productionServerCommand("127.0.0.1");
    server = spawn(command, args, {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        ...serverEnv,
        ...QUIET_ENV,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        NEXT_DIST_DIR: DIST_DIR,
        NEXTAUTH_URL: base,
        SITE_URL: base,
        NEXTAUTH_SECRET: randomUUID(),
        // This machine may have no way out: the archive lookups of the bench's publishes would fail and log.
        LINK_CHECKS: "off",
      },
    });
    await waitForServer(base, server);
    // A server that dies mid-run (out of memory, a crash) must be reported as such, not as a failed fetch.
    server.once("exit", reportEarlyExit);
    const serverPid = server.pid!;
    let serverPeakMb = 0;
    const peakSampler = setInterval(() => (serverPeakMb = Math.max(serverPeakMb, residentMemoryMb(serverPid))), 250);
    stopPeakSampler = () => {
      clearInterval(peakSampler);
      console.log(`\nServer peak memory over the whole benchmark: ${serverPeakMb} MB resident (the documented bound is 300 MB).`);
    };

    const db = new PrismaClient({ adapter: new LinkpressSqliteAdapter(databaseUrl) });
    const post = await db.post.findFirstOrThrow({
      where: { tags: { some: {} } },
      orderBy: { publishedAt: "desc" },
      select: { slug: true, tags: { select: { tag: { select: { slug: true } } }, take: 1 } },
    });
    // Every other post, newest last, so the rotation starts far from the pages the warm-up rendered.
    const everyPost = (await db.post.findMany({ select: { slug: true }, orderBy: { publishedAt: "asc" } })).map(({ slug }) => `/posts/${slug}`);
    await db.$disconnect();
    const targets = [
      { name: "home", path: "/" },
      { name: "post", path: `/posts/${post.slug}` },
      { name: "tag", path: `/tags/${post.tags[0].tag.slug}` },
      { name: "search", path: "/search?q=kubernetes+gateway" },
      { name: "rss", path: "/feed.xml" },
    ];
    // Warm up: the first request of each page fills its cache and compiles nothing further.
    for (const target of targets) await fetch(`${base}${target.path}`).then((response) => response.arrayBuffer());

    console.log(`\nLoad (${CONNECTIONS} connections, ${seconds} s each after a 2 s warm-up, ${posts} posts, ${base}):`);
    console.log(
      `Machine: ${availableParallelism()} cores, load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(" ")} before the runs.`,
    );
    console.log("page     requests/s   p50 ms   p99 ms   errors   server RSS MB   server CPU ms/request");
    const results = new Map<string, LoadResult>();
    for (const target of targets) {
      const result = await load(base, target.name, target.path, seconds, server.pid!);
      results.set(target.name, result);
      console.log(
        `${result.name.padEnd(8)} ${String(result.rps).padStart(10)} ${String(result.p50).padStart(8)} ${String(result.p99).padStart(8)} ${String(result.errors).padStart(8)} ${String(result.memoryMb).padStart(15)} ${String(result.cpuMsPerRequest).padStart(23)}`,
      );
    }
    console.log("(each asks for one page again and again: after the first request it comes from the page cache.)");

    // Every post in turn, as a crawler walks the site: first cold, then again after one new post is published.
    const [editorToken] = await benchTokens(databaseUrl, 1);
    const cpuBeforeWalk = cpuTimeMs(serverPid);
    const first = await walk(base, everyPost);
    const walkCpu = Math.round(((cpuTimeMs(serverPid) - cpuBeforeWalk) / everyPost.length) * 100) / 100;
    await publishThroughApi(base, editorToken, "before the second pass");
    // Other instances would notice within a second; this one dropped the new post's keys at once.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const second = await walk(base, everyPost);
    // The same again with the load generator of the rows above, every post in turn: comparable with the post row.
    const rotating = await load(base, "posts*", "/", seconds, serverPid, everyPost);
    const cached = results.get("post")!.rps;
    console.log(`\nAll ${everyPost.length} posts in turn (${CONNECTIONS} at a time):`);
    console.log("pass                                 requests/s   p50 ms   p99 ms   errors   page cache hits   seconds");
    for (const [name, pass] of [
      ["first pass (cold renders)", first],
      ["second pass, after publishing one", second],
    ] as const)
      console.log(
        `${name.padEnd(36)} ${String(pass.rps).padStart(10)} ${String(pass.p50).padStart(8)} ${String(pass.p99).padStart(8)} ${String(pass.errors).padStart(8)} ${String(pass.hits).padStart(17)} ${String(pass.seconds).padStart(9)}`,
      );
    console.log(
      `(first pass: ${walkCpu} ms of server CPU per post page. Then autocannon asking for every post in turn, as the rows above: ${rotating.rps} requests/s, p50 ${rotating.p50} ms, p99 ${rotating.p99} ms, ${rotating.errors} errors, ${rotating.cpuMsPerRequest} ms CPU/request, ${Math.round((rotating.rps / cached) * 100)}% of the one cached post page's ${cached} requests/s.)`,
    );

    // The home page while an editor publishes every 5 seconds: each publish drops the home page and renders it again.
    let publishes = 0;
    let publishing = true;
    const editor = (async () => {
      while (publishing) {
        await new Promise((resolve) => setTimeout(resolve, 5000));
        if (!publishing) break;
        await publishThroughApi(base, editorToken, `during the home run ${publishes}`);
        publishes += 1;
      }
    })();
    const busyHome = await load(base, "home+pub", "/", Math.max(seconds, 20), serverPid);
    publishing = false;
    await editor;
    console.log(
      `\nHome while an editor publishes every 5 s (${publishes} publishes): ${busyHome.rps} requests/s, p50 ${busyHome.p50} ms, p99 ${busyHome.p99} ms, ${busyHome.errors} errors (quiet: ${results.get("home")!.rps} requests/s).`,
    );
    console.log(
      `Load average after the runs: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(" ")}.`,
    );
    const searches = await distinctSearches(base, server.pid!, 10_000);
    console.log(
      `\n10,000 different search addresses (8 at a time, each rendered once and offered to the page cache): ${searches.seconds} s, server RSS peak ${searches.peakMb} MB, ${searches.endMb} MB at the end.`,
    );
    const weight = await pageWeight(base);
    console.log(
      `\nHome page: HTML ${weight.htmlBytes} bytes (${weight.htmlGzip} gzip); JavaScript ${weight.jsFiles} files, ${weight.jsBytes} bytes (${weight.jsGzip} gzip).`,
    );

    for (const line of await apiFigures(base, databaseUrl)) console.log(line);

    if (!values["no-lighthouse"]) {
      for (const target of targets.slice(0, 2)) {
        const scores = await lighthouseScores(`${base}${target.path}`);
        console.log(
          `Lighthouse ${target.name.padEnd(5)}: ${Object.entries(scores)
            .map(([category, score]) => `${category} ${score}`)
            .join(", ")}`,
        );
      }
    }

    started = performance.now();
    await seedPosts(databaseUrl, searchPosts);
    console.log(`\nTopped up to ${searchPosts} posts in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const queries = searchQueries(300);
    const page = await percentiles(queries, (query) => fetchBody(`${base}/search?q=${encodeURIComponent(query)}`));
    console.log(`Search at ${searchPosts} posts, 300 queries one after another: /search page p50 ${page.p50} ms, p95 ${page.p95} ms, max ${page.max} ms;`);
    // The search itself, in this process (the bench runs with the react-server condition, like the app).
    process.env.DATABASE_URL = databaseUrl;
    const { searchPublishedPosts } = await import("../lib/search/queries");
    const direct = await percentiles(queries, (query) => searchPublishedPosts(query, { page: 1, perPage: 20 }));
    console.log(`  searchPublishedPosts() alone (ranking, snippets and cards) p50 ${direct.p50} ms, p95 ${direct.p95} ms, max ${direct.max} ms.`);
  } finally {
    stopPeakSampler();
    server?.off("exit", reportEarlyExit);
    server?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
