// Two app instances of the production build on one PostgreSQL database, and nginx in front of both (round robin) with
// deploy/nginx/linkpress.conf: what is written through one instance is read through the other and through nginx
// within PUBLISH_VISIBLE_WITHIN_MS, a stale edit is refused across instances, and sessions and limits are shared.
// Skipped, with the reason, when nginx or PostgreSQL is missing.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { slugify } from "../../lib/slug";
import {
  createMigratedDatabase,
  dropDatabase,
  instancesSkipReason,
  PUBLISH_VISIBLE_WITHIN_MS,
  removeFolder,
  startInstance,
  nginxUpstreams,
  startNginx,
  stop,
  waitUntilServing,
  type Running,
} from "../support/instances";
import { corpusPost, createAccount, fillPostForm, formAlert, PASSWORD, USERS, updatePublishedPost } from "./support";

test.describe.configure({ mode: "serial" });

// Beside this run's end-to-end server (E2E_PORT; the next shard is 100 further on, the fixture site 1000).
const port = Number(process.env.E2E_PORT || 3100);
const A = `http://localhost:${port + 1}`;
const B = `http://localhost:${port + 2}`;
const NGINX = `http://localhost:${port + 3}`;
const root = path.resolve(__dirname, "../..");

let databaseUrl: string | undefined;
let dataDir: string | undefined;
let instances: Running[] = [];
let nginx: (Running & { dir: string }) | undefined;
let editor: BrowserContext;
let reader: APIRequestContext;

test.beforeAll(async ({ browser, playwright }) => {
  test.setTimeout(240_000);
  const reason = await instancesSkipReason();
  // The list reporter shows no skip reasons: say it on the terminal too (the JSON report carries it as an annotation).
  if (reason) console.warn(`⚠ ${test.info().file} skipped: ${reason}`);
  test.skip(reason !== null, reason ?? "");
  databaseUrl = await createMigratedDatabase(String(port));
  createAccount("ADMIN", USERS.admin, databaseUrl);
  const secret = "instances-e2e-secret-not-for-production-0123456789";
  dataDir = mkdtempSync(path.join(tmpdir(), "linkpress-instances-data-"));
  const shared = { databaseUrl, publicUrl: NGINX, secret, dataDir };
  instances = [startInstance("instance A", { port: port + 1, ...shared }), startInstance("instance B", { port: port + 2, ...shared })];
  nginx = startNginx({ port: port + 3, upstreams: [`127.0.0.1:${port + 1}`, `127.0.0.1:${port + 2}`] });
  await Promise.all([waitUntilServing(instances[0], `${A}/login`), waitUntilServing(instances[1], `${B}/login`), waitUntilServing(nginx, `${NGINX}/login`)]);
  editor = await signedInThroughA(browser);
  // A reader without cookies: what a shared cache may keep and serve.
  reader = await playwright.request.newContext();
});

test.afterAll(async () => {
  await reader?.dispose();
  await editor?.close();
  await stop(nginx);
  await Promise.all(instances.map(stop));
  removeFolder(nginx?.dir);
  removeFolder(dataDir);
  if (databaseUrl) await dropDatabase(databaseUrl);
});

async function signedInThroughA(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${A}/login`);
  await page.getByLabel("Email").fill(USERS.admin.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${A}/admin`);
  await page.close();
  return context;
}

/**
 * Polls `url` as a reader until `shows` holds for the answer, at most until PUBLISH_VISIBLE_WITHIN_MS after `savedAt`;
 * returns how long after the save it showed.
 */
async function visibleWithinBound(url: string, savedAt: number, shows: (status: number, body: string) => boolean): Promise<number> {
  await expect
    .poll(
      async () => {
        const response = await reader.get(url, { failOnStatusCode: false });
        return shows(response.status(), await response.text());
      },
      {
        message: `${url} within ${PUBLISH_VISIBLE_WITHIN_MS} ms of the save`,
        timeout: Math.max(1, savedAt + PUBLISH_VISIBLE_WITHIN_MS - Date.now()),
        intervals: [200],
      },
    )
    .toBe(true);
  return Date.now() - savedAt;
}

let slug: string;
let editPath: string;

test("a post published through instance A shows on instance B and through nginx within the bound, and the session holds on B", async () => {
  const post = corpusPost("0007-kubernetes-v1-33-user-namespaces-enabled-by-default.md");
  const tagPath = `/tags/${slugify(post.tags[0])}`;
  const readerPaths = ["/", "/feed.xml", "/atom.xml", "/feed.json"];
  // Every instance and nginx have served the pages before the publish, so what they show after it is not a first render.
  for (const origin of [A, B, NGINX]) for (const pathname of [...readerPaths, tagPath]) await reader.get(`${origin}${pathname}`, { failOnStatusCode: false });

  const page = await editor.newPage();
  await page.goto(`${A}/admin/posts/new`);
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  const publishedAt = Date.now();
  slug = await page.getByLabel("Slug").inputValue();
  editPath = new URL(page.url()).pathname;
  expect(editPath).toMatch(/^\/admin\/posts\/[^/]+\/edit$/);

  const link = `/posts/${slug}`;
  const waited: string[] = [];
  for (const origin of [B, NGINX]) {
    waited.push(`${origin}${link}: ${await visibleWithinBound(`${origin}${link}`, publishedAt, (status) => status === 200)} ms`);
    for (const pathname of [tagPath, ...readerPaths])
      waited.push(
        `${origin}${pathname}: ${await visibleWithinBound(`${origin}${pathname}`, publishedAt, (status, body) => status === 200 && body.includes(link))} ms`,
      );
  }
  test.info().annotations.push({ type: "visible after the publish", description: waited.join("; ") });
  // Round robin without stickiness: once visible through nginx, every following answer (either instance, or the cache) shows it.
  for (let request = 0; request < 4; request += 1) expect(await (await reader.get(`${NGINX}/`)).text()).toContain(link);

  // nginx is really in front: it reports on its cache for reader pages and never caches the admin.
  const home = await reader.get(`${NGINX}/`);
  expect(home.headers()["x-cache-status"]).toMatch(/^(MISS|HIT|EXPIRED|STALE|UPDATING|REVALIDATED|BYPASS)$/);
  const admin = await page.request.get(`${NGINX}/admin`);
  expect(admin.headers()["x-cache-status"]).toBe("BYPASS");
  expect(admin.headers()["cache-control"]).toContain("no-store");
  // Round robin: nginx sent requests to both instances.
  const upstreams = nginxUpstreams(nginx!);
  expect(upstreams).toContain(`127.0.0.1:${port + 1}`);
  expect(upstreams).toContain(`127.0.0.1:${port + 2}`);

  // The session made through A works on B and through nginx: the JWT is signed with the shared secret and names a
  // Session row in the shared database.
  for (const origin of [B, NGINX]) {
    await page.goto(`${origin}/admin`);
    await expect(page).toHaveURL(`${origin}/admin`);
    await expect(page.getByRole("navigation", { name: "Admin" })).toContainText(`Signed in as ${USERS.admin.name}`);
  }
  // And a reader without the cookie is sent to sign in on either instance.
  const anonymous = await reader.get(`${B}/admin`, { maxRedirects: 0 });
  expect(anonymous.status()).toBeGreaterThanOrEqual(300);
  expect(anonymous.headers()["location"]).toContain("/login");
  await page.close();
});

test("an edit opened on instance A is refused as stale once the same post was saved on instance B", async () => {
  test.skip(!editPath, "needs the post published by the previous test");
  const first = await editor.newPage();
  const second = await editor.newPage();
  await first.goto(`${A}${editPath}`);
  await second.goto(`${B}${editPath}`);
  await second.getByLabel("TL;DR").fill("Saved through instance B first.");
  await updatePublishedPost(second);
  const savedAt = Date.now();

  await first.getByLabel("TL;DR").fill("Started on instance A, saved too late.");
  await first.getByRole("button", { name: "Update", exact: true }).click();
  await expect(formAlert(first)).toContainText(`changed by someone else (${USERS.admin.name}`);
  await expect(first.getByLabel("TL;DR")).toHaveValue("Started on instance A, saved too late.");

  // B's edit is what readers get, through nginx too.
  await visibleWithinBound(`${NGINX}/posts/${slug}`, savedAt, (status, body) => status === 200 && body.includes("Saved through instance B first."));
  await first.close();
  await second.close();
});

test("an API token's rate limit counts calls through both instances and holds through nginx", async () => {
  const secret = execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "lib/cli/create-token.ts", "--email", USERS.admin.email, "--name", "Limit across instances", "--scopes", "posts:read"],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .at(-1)!;
  const call = (origin: string) =>
    reader.get(`${origin}/api/v1/posts/no-such-post`, { headers: { authorization: `Bearer ${secret}` }, failOnStatusCode: false });
  const first = await call(A);
  const limit = Number(first.headers()["ratelimit-limit"]);
  expect(limit).toBeGreaterThan(1);
  // B's first call is the token's second.
  expect((await call(B)).headers()["ratelimit-remaining"]).toBe(String(limit - 2));
  for (let made = 2; made < limit; made += 1) expect((await call(made % 2 ? A : B)).status()).toBe(404);
  for (const origin of [A, B, NGINX]) {
    const refused = await call(origin);
    expect(refused.status(), origin).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  }
});

test("wrong passwords spread over both instances lock the account on every instance and through nginx", async ({ browser }) => {
  test.setTimeout(90_000);
  const user = { name: "Lou Lockout", email: `lou-${Date.now().toString(36)}@example.test` };
  createAccount("EDITOR", user, databaseUrl);
  const context = await browser.newContext();
  const page = await context.newPage();
  const signInThrough = async (origin: string, password: string) => {
    await page.goto(`${origin}/login`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await signInThrough(attempt % 2 ? A : B, `wrong-password-${attempt}`);
    await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  }
  // Locked: even the right password is refused, whichever instance the request reaches.
  for (const origin of [NGINX, A, B]) {
    await signInThrough(origin, PASSWORD);
    await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(new RegExp(`^${origin}/login`));
  }
  await context.close();
});
