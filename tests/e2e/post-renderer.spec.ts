// Post pages missing from the page cache are rendered by the HTTP server's own renderer (lib/server/post-page.tsx),
// not by Next's App Router. Readers, caches and search engines must not be able to tell: two production servers on
// this run's database, one as shipped and one with POST_PAGE_RENDERER=next, answer every post page with the same
// bytes and the same headers, for posts of every shape, before and after an edit.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { removeFolder, startInstance, stop, waitUntilServing, type Running } from "../support/instances";
import { corpusPost, USERS } from "./support";

test.describe.configure({ mode: "serial" });

// Beside this run's server (E2E_PORT); the instances and nginx specs use the next six ports.
const port = Number(process.env.E2E_PORT || 3100);
const OWN = `http://localhost:${port + 7}`;
const NEXT = `http://localhost:${port + 8}`;
const METRICS_TOKEN = "post-renderer-metrics-token";
const root = path.resolve(__dirname, "../..");
// Headers that differ between any two responses: when and which request, the connection, and whether this request
// rendered the page or found it rendered (after a publish, each server renders the new post's page in the background).
const PER_RESPONSE = new Set(["date", "x-request-id", "connection", "keep-alive", "x-linkpress-cache"]);

let instances: Running[] = [];
let dataDir: string | undefined;
let api: APIRequestContext;
let token: string;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "linkpress-post-renderer-"));
  // The same public address for both, so that their absolute links are the same.
  const shared = { databaseUrl: process.env.E2E_RESOLVED_DATABASE_URL!, publicUrl: OWN, secret: "post-renderer-e2e-secret-0123456789abcdef", dataDir };
  instances = [
    startInstance("own post page renderer", { ...shared, port: port + 7, env: { JOBS_WORKER: "off", METRICS_TOKEN } }),
    startInstance("Next renders post pages", { ...shared, port: port + 8, env: { JOBS_WORKER: "off", POST_PAGE_RENDERER: "next" } }),
  ];
  await Promise.all([waitUntilServing(instances[0], `${OWN}/login`), waitUntilServing(instances[1], `${NEXT}/login`)]);
  token = execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    [
      "--conditions=react-server",
      "lib/cli/create-token.ts",
      "--email",
      USERS.admin.email,
      "--name",
      "Post renderer",
      "--scopes",
      "posts:read,posts:write,posts:publish",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: process.env.E2E_RESOLVED_DATABASE_URL }, encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .at(-1)!;
  api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
});

test.afterAll(async () => {
  await api?.dispose();
  await Promise.all(instances.map(stop));
  removeFolder(dataDir);
});

type Created = { id: string; slug: string; version: number };

// Writes go through this run's own server: the two servers here only read, so no two processes write the SQLite file
// at once (a transaction that read before another process wrote cannot write after it: SQLite's snapshot rule).
const WRITER = process.env.E2E_BASE_URL!;

async function publish(fields: Record<string, unknown>): Promise<Created> {
  const response = await api.post(`${WRITER}/api/v1/posts`, { data: { status: "published", ...fields } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Created;
}

/** A reader's request without cookies, uncompressed, so the two bodies compare as text. */
async function readerGet(origin: string, pathname: string) {
  const response = await fetch(`${origin}${pathname}`, { headers: { "accept-encoding": "identity" } });
  const headers = [...response.headers].filter(([name]) => !PER_RESPONSE.has(name)).sort(([a], [b]) => a.localeCompare(b));
  return { status: response.status, headers, body: await response.text() };
}

async function rendersOf(renderer: "linkpress" | "next"): Promise<number> {
  const text = await (await fetch(`${OWN}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(new RegExp(`^linkpress_post_page_renders_total\\{renderer="${renderer}"\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);
}

async function expectSameResponses(slug: string, expectedText: string) {
  const [own, next] = [await readerGet(OWN, `/posts/${slug}`), await readerGet(NEXT, `/posts/${slug}`)];
  expect(own.status, slug).toBe(200);
  expect(own.body).toContain(expectedText);
  expect(own.body, slug).toBe(next.body);
  expect(own.headers, slug).toEqual(next.headers);
}

test("post pages of every shape come out byte for byte as Next renders them, and follow an edit", async () => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  // The first post page after start is Next's: the own renderer learns the build's stylesheets and icon from it.
  const first = await publish({ ...corpusFields(run, "first"), tags: ["kubernetes"] });
  expect((await readerGet(OWN, `/posts/${first.slug}`)).status).toBe(200);
  const [ownBefore, nextBefore] = [await rendersOf("linkpress"), await rendersOf("next")];

  const posts: Array<[Created, string]> = [
    // A corpus post with its source, tags, a commentary and a via link.
    [await publish({ ...corpusFields(run, "full"), commentary: "Worth a read for the **migration** notes.", via: "https://example.org/via" }), "migration"],
    // No source, no tags, no summary or commentary; markup and quotes in the title, Markdown with a link and code.
    [
      await publish({
        title: `<b>"Quotes" & 'apostrophes'</b> — ünïcödé ✓ ${run}`,
        url: `https://example.com/plain/${run}`,
        tldr: "A [link](https://example.com/x?a=1&b=2) and `code <here>`.",
        summary: "",
        tags: [],
      }),
      "&lt;b&gt;",
    ],
    // Many tags, one of them with characters to escape.
    [await publish({ ...corpusFields(run, "tags"), tags: ["alpha", "beta", `C++ & Rust ${run}`, "delta", "epsilon"] }), `C++ &amp; Rust ${run}`],
  ];
  for (const [post, text] of posts) await expectSameResponses(post.slug, text);
  // Every post page rendered since was the own renderer's (a changed post's page is also rendered again in the
  // background when the other server's change reaches this one, so there may be more than one render a post).
  expect(await rendersOf("next")).toBe(nextBefore);
  expect(await rendersOf("linkpress")).toBeGreaterThanOrEqual(ownBefore + posts.length);

  // An edit drops the page on both servers; both render it again, the same.
  const [edited] = posts[0];
  const patch = await api.patch(`${WRITER}/api/v1/posts/${edited.id}`, { data: { version: edited.version, tldr: `Edited for the renderer test ${run}.` } });
  expect(patch.status(), await patch.text()).toBe(200);
  for (const origin of [OWN, NEXT])
    await expect
      .poll(async () => (await readerGet(origin, `/posts/${edited.slug}`)).body, { timeout: 10_000 })
      .toContain(`Edited for the renderer test ${run}.`);
  expect((await readerGet(OWN, `/posts/${edited.slug}`)).body).toBe((await readerGet(NEXT, `/posts/${edited.slug}`)).body);
  expect(await rendersOf("next")).toBe(nextBefore);

  // Addresses that are no published post stay Next's: the same 404 page.
  const missing = [await readerGet(OWN, `/posts/no-such-post-${run}`), await readerGet(NEXT, `/posts/no-such-post-${run}`)];
  expect(missing.map((response) => response.status)).toEqual([404, 404]);
});

function corpusFields(run: string, variant: string) {
  const post = corpusPost("0003-extending-ai-gateways-with-rust-custom-transformations-in-ag.md", `${run}-${variant}`);
  return { title: post.title, url: post.externalUrl, source: post.source, tags: post.tags, tldr: post.tldr, summary: post.summary };
}
