// Link health on each database, against sites on 127.0.0.1 (and 127.0.0.2 as "another site"): how each answer is
// classified, dead only after 3 failures over 3 days and alive again after a success, Retry-After, the per-host rate
// limit, the archive lookup against a local ARCHIVE_API_URL, the reader's page and feed item, and who may act.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { readPublishedPost } from "@/lib/cache/public-reads";
import { prisma } from "@/lib/db";
import { postEventKind } from "@/lib/events/kind";
import { buildFeedChannel } from "@/lib/feeds/channel";
import { renderRss } from "@/lib/feeds/formats";
import { archivePostLink, linksArchiveKind } from "@/lib/links/archive";
import { LINK_RULES } from "@/lib/links/health";
import { checkLinkNow, linksCheckKind, runLinkCheckPass, setArchiveSave, type Clock } from "@/lib/links/mutations";
import { countDeadOrMovedLinks, getLinkOfPost, listLinkProblems } from "@/lib/links/queries";
import { replaceLinkUrl } from "@/lib/links/replace";
import { savePost } from "@/lib/posts/mutations";
import { getPublishedPostBySlug } from "@/lib/posts/queries";
import { getSiteSettings } from "@/lib/settings/queries";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";
import { submitFormAction } from "../support/form-action";
import { testPostInput } from "../support/post-input";

const request = vi.hoisted(() => ({ sessionId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.61", "links-test"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const DAY = 24 * 60 * 60 * 1000;
type Seen = { method: string; path: string; at: number; userAgent: string };
type Site = { origin: string; host: string; seen: Seen[] };

const servers: Server[] = [];
/** A site on `address` that records each request (with the test clock's time, when one runs) and answers with `route`. */
async function startSite(route: (request: IncomingMessage, response: ServerResponse, site: Site) => void, address = "127.0.0.1"): Promise<Site> {
  const site: Site = { origin: "", host: "", seen: [] };
  const server = createServer((request, response) => {
    site.seen.push({ method: request.method ?? "", path: request.url ?? "", at: clockTime, userAgent: String(request.headers["user-agent"]) });
    route(request, response, site);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  site.host = `${address}:${port}`;
  site.origin = `http://${site.host}`;
  return site;
}

/** The time of the test clock, recorded by the sites with each request. */
let clockTime = 0;
/** A clock that starts at `start` and moves only when the pass sleeps on it (a minute's wait takes no time). */
function steppedClock(start: Date): Clock {
  clockTime = start.getTime();
  return { now: () => new Date(clockTime), sleep: async (ms) => void (clockTime += ms) };
}

let other: Site;
let main: Site;
let archive: Site;
let editor: TestUser;
let contributor: TestUser;
const allowed = new Set<string>();
function allow(...sites: Site[]) {
  for (const site of sites) allowed.add(site.host);
  process.env.LINKPRESS_FETCH_ALLOW = [...allowed].join(",");
}

async function publish(url: string, actor: TestUser = editor) {
  return savePost(actor, { intent: "publish", input: testPostInput("links", "Link health", { externalUrl: url }) });
}
const linkOf = (postId: string) => prisma.linkCheck.findUniqueOrThrow({ where: { postId } });

describeDatabase("link health", () => {
  let toggleAnswer = 404;
  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
    contributor = await createTestUser("CONTRIBUTOR");
    other = await startSite((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end("<p>elsewhere</p>"), "127.0.0.2");
    main = await startSite((request, response) => {
      const path = (request.url ?? "/").split("?")[0];
      const page = () => response.writeHead(200, { "content-type": "text/html" }).end("<p>here</p>");
      if (path.startsWith("/ok")) return page();
      if (path.startsWith("/same")) return response.writeHead(301, { location: `/ok${path}` }).end();
      if (path.startsWith("/away")) return response.writeHead(301, { location: `${other.origin}/moved${path}` }).end();
      if (path.startsWith("/gone")) return response.writeHead(404).end("not found");
      if (path.startsWith("/broken")) return response.writeHead(500).end("oops");
      if (path.startsWith("/nohead")) return request.method === "HEAD" ? response.writeHead(405).end() : page();
      if (path.startsWith("/slow")) return; // never answers
      if (path.startsWith("/toggle")) return response.writeHead(toggleAnswer).end();
      response.writeHead(404).end();
    });
    archive = await startSite((request, response) => {
      const url = new URL(request.url ?? "/", "http://archive.test");
      if (url.pathname.startsWith("/save/")) return response.writeHead(200).end("saved");
      const wanted = url.searchParams.get("url") ?? "";
      const closest = wanted.includes("/never-archived")
        ? undefined
        : { available: true, status: "200", timestamp: "20250101000000", url: `https://web.archive.org/web/20250101000000/${wanted}` };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ url: wanted, archived_snapshots: closest ? { closest } : {} }));
    });
    allow(main, other, archive);
    process.env.ARCHIVE_API_URL = `${archive.origin}/wayback/available`;
    process.env.ARCHIVE_SAVE_URL = `${archive.origin}/save/`;
  });
  afterEach(async () => {
    request.sessionId = null;
    await setArchiveSave({ ...(await createTestUser("ADMIN")) }, false);
  });
  afterAll(async () => {
    delete process.env.LINKPRESS_FETCH_ALLOW;
    delete process.env.ARCHIVE_API_URL;
    delete process.env.ARCHIVE_SAVE_URL;
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("classifies each answer: 200 and a same-site redirect OK, another site moved, 404/500/timeout failing, HEAD 405 then GET", async () => {
    const id = unique("c");
    const urls = {
      ok: `${main.origin}/ok/${id}`,
      same: `${main.origin}/same/${id}`,
      away: `${main.origin}/away/${id}`,
      gone: `${main.origin}/gone/${id}`,
      broken: `${main.origin}/broken/${id}`,
      nohead: `${main.origin}/nohead/${id}`,
      slow: `${main.origin}/slow/${id}`,
    };
    const posts = Object.fromEntries(await Promise.all(Object.entries(urls).map(async ([name, url]) => [name, await publish(url)] as const)));
    const summary = await runLinkCheckPass({ host: main.host, timeoutMs: 300, clock: steppedClock(new Date(Date.now() + 1000)) });
    expect(summary).toMatchObject({ ok: 3, moved: 1, failing: 3, dead: 0, deferred: 0 });

    const state = async (name: keyof typeof urls) => linkOf(posts[name].id);
    expect(await state("ok")).toMatchObject({ state: "OK", statusCode: 200, finalUrl: urls.ok, consecutiveFailures: 0 });
    expect(await state("same")).toMatchObject({ state: "OK", statusCode: 200, finalUrl: `${main.origin}/ok/same/${id}` });
    expect(await state("away")).toMatchObject({ state: "MOVED", statusCode: 200, finalUrl: `${other.origin}/moved/away/${id}` });
    expect(await state("gone")).toMatchObject({ state: "FAILING", statusCode: 404, consecutiveFailures: 1, lastError: "The site answered 404." });
    expect(await state("broken")).toMatchObject({ state: "FAILING", statusCode: 500, consecutiveFailures: 1 });
    expect(await state("nohead")).toMatchObject({ state: "OK", statusCode: 200 });
    expect(await state("slow")).toMatchObject({ state: "FAILING", statusCode: null, lastError: "No answer within 0.3 s." });
    // HEAD first, GET only where HEAD was refused; a polite User-Agent naming Linkpress.
    const methods = (path: string) => main.seen.filter((seen) => seen.path === path).map((seen) => seen.method);
    expect(methods(`/nohead/${id}`)).toEqual(["HEAD", "GET"]);
    expect(methods(`/ok/${id}`)).toEqual(["HEAD"]);
    expect(methods(`/gone/${id}`)).toEqual(["HEAD"]);
    expect(main.seen.find((seen) => seen.path === `/ok/${id}`)?.userAgent).toMatch(/^Linkpress\/\S+/);

    // Checked: not due again for a day.
    expect((await linkOf(posts.ok.id)).nextCheckAt.getTime()).toBeGreaterThan(clockTime + LINK_RULES.checkEveryMs - 1000);
    expect(await runLinkCheckPass({ host: main.host, clock: steppedClock(new Date(Date.now() + 2000)) })).toMatchObject({ due: 0, checked: 0 });

    // /admin/links lists moved and failing ones, not the healthy ones.
    const problems = (await listLinkProblems("problems")).map((link) => link.post.id);
    expect(problems).toEqual(expect.arrayContaining([posts.away.id, posts.gone.id, posts.broken.id, posts.slow.id]));
    expect(problems).not.toContain(posts.ok.id);
    expect((await listLinkProblems("moved")).map((link) => link.post.id)).toContain(posts.away.id);
    expect((await listLinkProblems("moved")).map((link) => link.post.id)).not.toContain(posts.gone.id);
  });

  it("marks a link dead only after 3 failures in a row over at least 3 days, shows readers the archived copy, and revives it on success", async () => {
    const post = await publish(`${main.origin}/toggle/${unique("d")}`);
    const start = Date.now() + 1000;
    expect(await archivePostLink(post.id)).toMatch(/^https:\/\/web\.archive\.org\/web\/20250101000000\/http:\/\/127\.0\.0\.1/);
    toggleAnswer = 404;
    const day = (n: number) => new Date(start + n * DAY);
    for (const n of [0, 1, 2])
      expect(await checkLinkNow(editor, post.id, day(n))).toMatchObject({ kind: "checked", state: "FAILING", consecutiveFailures: n + 1 });
    // Three failures, but only two days apart: not dead yet. Nothing shown to readers (and the cached page is kept).
    expect((await getPublishedPostBySlug(post.slug, day(2)))?.archiveUrl).toBeNull();
    expect((await readPublishedPost(post.slug))?.archiveUrl).toBeNull();
    // Another post, cached, then retitled behind the cache's back: while it is cached readers see the old title.
    const bystander = await publish(`${main.origin}/ok/${unique("bystander")}`);
    const bystanderTitle = (await readPublishedPost(bystander.slug))?.title;
    await prisma.post.update({ where: { id: bystander.id }, data: { title: "Retitled behind the cache" } });
    expect(await checkLinkNow(editor, post.id, day(3))).toMatchObject({ state: "DEAD", consecutiveFailures: 4, firstFailedAt: day(0) });
    // The change reaches the cached public read at once, and drops only what shows that post.
    expect((await readPublishedPost(post.slug))?.archiveUrl).toBe((await linkOf(post.id)).archiveUrl);
    expect((await readPublishedPost(bystander.slug))?.title).toBe(bystanderTitle);
    expect(await countDeadOrMovedLinks(day(3))).toBeGreaterThanOrEqual(1);
    expect((await listLinkProblems("dead", day(3))).map((link) => link.post.id)).toContain(post.id);

    // The post page's data and the feed item carry the archived copy.
    const shown = await getPublishedPostBySlug(post.slug, day(3));
    const archived = (await linkOf(post.id)).archiveUrl!;
    expect(shown?.archiveUrl).toBe(archived);
    const rss = renderRss(buildFeedChannel(await getSiteSettings(), { kind: "site" }, null, [shown!]));
    expect(rss).toContain("The original appears to be gone: &lt;a href=&quot;https://web.archive.org/web/20250101000000/");
    expect(rss).toContain("read the archived copy&lt;/a&gt;");

    // One answer and it is alive again: the notice goes.
    toggleAnswer = 200;
    expect(await checkLinkNow(editor, post.id, day(4))).toMatchObject({ state: "OK", consecutiveFailures: 0, firstFailedAt: null });
    expect((await getPublishedPostBySlug(post.slug, day(4)))?.archiveUrl).toBeNull();
    expect((await readPublishedPost(post.slug))?.archiveUrl).toBeNull();
    // A new run of failures starts its count and its three days again.
    toggleAnswer = 500;
    expect(await checkLinkNow(editor, post.id, day(5))).toMatchObject({ state: "FAILING", consecutiveFailures: 1, firstFailedAt: day(5) });
  });

  it("leaves a host alone until its Retry-After when it answers 429, without counting a failure", async () => {
    const busy = await startSite((_request, response) => response.writeHead(429, { "retry-after": "120" }).end());
    allow(busy);
    const first = await publish(`${busy.origin}/a/${unique("r")}`);
    const second = await publish(`${busy.origin}/b/${unique("r")}`);
    const clock = steppedClock(new Date(Date.now() + 1000));
    const started = clockTime;
    const summary = await runLinkCheckPass({ host: busy.host, clock });
    expect(summary).toMatchObject({ due: 2, checked: 0, deferred: 2, throttledHosts: [busy.host] });
    expect(busy.seen).toHaveLength(1);
    for (const postId of [first.id, second.id]) {
      const link = await linkOf(postId);
      expect(link).toMatchObject({ state: "UNCHECKED", consecutiveFailures: 0 });
      expect(link.nextCheckAt.getTime()).toBe(started + 120_000);
    }
    // Before then the host is not asked again.
    expect(await runLinkCheckPass({ host: busy.host, clock: steppedClock(new Date(started + 60_000)) })).toMatchObject({ due: 0 });
    expect(busy.seen).toHaveLength(1);
  });

  it("sends at most N requests per host per minute, and defers what does not fit in the pass", async () => {
    const site = await startSite((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end("ok"));
    allow(site);
    const posts = [];
    for (let index = 0; index < 5; index += 1) posts.push(await publish(`${site.origin}/page-${index}/${unique("l")}`));
    const clock = steppedClock(new Date(Date.now() + 1000));
    const started = clockTime;
    const summary = await runLinkCheckPass({ host: site.host, clock, perHostPerMinute: 2, budgetMs: 90_000 });
    expect(summary).toMatchObject({ due: 5, checked: 4, ok: 4, deferred: 1 });
    const times = site.seen.map((seen) => seen.at);
    expect(times).toEqual([started, started, started + 60_000, started + 60_000]);
    for (const time of times) expect(times.filter((other) => other >= time && other < time + 60_000).length).toBeLessThanOrEqual(2);
    const deferred = await prisma.linkCheck.findMany({ where: { postId: { in: posts.map((post) => post.id) }, state: "UNCHECKED" } });
    expect(deferred).toHaveLength(1);
    expect(deferred[0].nextCheckAt.getTime()).toBe(started + 120_000);
  });

  it("looks up the archived copy on publish (through the queue), asks for a save when the setting is on, and stores nothing when there is none", async () => {
    const url = `${main.origin}/ok/${unique("a")}`;
    const post = await publish(url);
    // post.published → the links subscriber queues links.archive for the post.
    const event = await prisma.job.findFirstOrThrow({ where: { kind: postEventKind.kind, payload: { contains: post.id } } });
    await postEventKind.handle(JSON.parse(event.payload), { jobId: event.id, attempt: 1, idempotencyKey: event.id, signal: new AbortController().signal });
    const job = await prisma.job.findFirstOrThrow({ where: { kind: linksArchiveKind.kind, payload: { contains: post.id } } });
    await linksArchiveKind.handle(JSON.parse(job.payload), { jobId: job.id, attempt: 1, idempotencyKey: job.id, signal: new AbortController().signal });
    const link = await linkOf(post.id);
    expect(link.archiveUrl).toBe(`https://web.archive.org/web/20250101000000/${url}`);
    expect(link.archiveCheckedAt).not.toBeNull();
    expect(archive.seen.map((seen) => seen.path)).toContain(`/wayback/available?url=${encodeURIComponent(url)}`);
    expect(archive.seen.some((seen) => seen.path.startsWith("/save/"))).toBe(false);

    const admin = await createTestUser("ADMIN");
    await setArchiveSave(admin, true);
    const unarchived = `${main.origin}/never-archived/${unique("a")}`;
    const saved = await publish(unarchived);
    expect(await archivePostLink(saved.id)).toBeNull();
    expect(archive.seen.filter((seen) => seen.path === `/save/${unarchived}`)).toHaveLength(1);
    expect((await linkOf(saved.id)).archiveUrl).toBeNull();
    await expectAppError(setArchiveSave({ ...editor }, true), "FORBIDDEN");
  });

  it("with LINK_CHECKS=off, neither the hourly pass nor a publish reaches out; Check now still checks", async () => {
    vi.stubEnv("LINK_CHECKS", "off");
    try {
      const post = await publish(`${main.origin}/ok/${unique("off")}`);
      const event = await prisma.job.findFirstOrThrow({ where: { kind: postEventKind.kind, payload: { contains: post.id } } });
      const context = { jobId: event.id, attempt: 1, idempotencyKey: event.id, signal: new AbortController().signal };
      await postEventKind.handle(JSON.parse(event.payload), context);
      expect(await prisma.job.count({ where: { kind: linksArchiveKind.kind, payload: { contains: post.id } } })).toBe(0);

      const requestsBefore = main.seen.length;
      await linksCheckKind.handle({}, context);
      expect(main.seen).toHaveLength(requestsBefore);
      expect(await prisma.linkCheck.findUnique({ where: { postId: post.id } })).toBeNull();

      await checkLinkNow(editor, post.id);
      expect((await linkOf(post.id)).state).toBe("OK");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("replaces a URL through the ordinary save: checked afresh, refused as a duplicate or when stale, and only for editors", async () => {
    const post = await publish(`${main.origin}/gone/${unique("p")}`);
    await runLinkCheckPass({ host: main.host, clock: steppedClock(new Date(Date.now() + 1000)) });
    const takenUrl = `${main.origin}/ok/${unique("taken")}`;
    await publish(takenUrl);

    await expectAppError(replaceLinkUrl(editor, { postId: post.id, version: post.version, url: takenUrl }), "CONFLICT");
    await expectAppError(replaceLinkUrl(editor, { postId: post.id, version: post.version, url: "not a url" }), "INVALID_INPUT");
    await expectAppError(replaceLinkUrl(contributor, { postId: post.id, version: post.version, url: `${main.origin}/ok/x` }), "FORBIDDEN");
    await expectAppError(checkLinkNow(contributor, post.id), "FORBIDDEN");
    await expectAppError(replaceLinkUrl(editor, { postId: post.id, version: post.version - 1 || 99, url: `${main.origin}/ok/${unique("s")}` }), "CONFLICT");

    const url = `${main.origin}/ok/${unique("new")}`;
    expect(await replaceLinkUrl(editor, { postId: post.id, version: post.version, url })).toEqual({ url });
    const saved = await prisma.post.findUniqueOrThrow({
      where: { id: post.id },
      select: { externalUrl: true, version: true, updatedById: true, status: true },
    });
    expect(saved).toMatchObject({ externalUrl: url, version: post.version + 1, updatedById: editor.id, status: "PUBLISHED" });
    expect(await linkOf(post.id)).toMatchObject({ url, state: "UNCHECKED", consecutiveFailures: 0, statusCode: null, archiveUrl: null });
    expect(await prisma.job.count({ where: { kind: linksArchiveKind.kind, payload: { contains: post.id } } })).toBeGreaterThanOrEqual(1);
  });

  it("refuses the page's actions to a contributor, and runs them for an editor", async () => {
    const { checkLinkNowAction, replaceLinkUrlAction, archiveSettingAction } = await import("@/app/(admin)/admin/links/actions");
    const post = await publish(`${main.origin}/broken/${unique("x")}`);

    const signInAs = async (user: TestUser) => (request.sessionId = (await signInWithPassword(user.email, user.password, {}))!.sessionId);

    await signInAs(contributor);
    const refusal = { status: "error", message: "Only editors and admins can check and replace links." };
    expect(await submitFormAction(checkLinkNowAction, { postId: post.id })).toMatchObject(refusal);
    expect(
      await submitFormAction(replaceLinkUrlAction, { postId: post.id, version: String(post.version), url: `${main.origin}/ok/${unique()}` }),
    ).toMatchObject(refusal);
    expect(await submitFormAction(archiveSettingAction, { archiveSave: "on" })).toMatchObject({ status: "error" });
    expect(await prisma.linkCheck.findUnique({ where: { postId: post.id } })).toBeNull();

    await signInAs(editor);
    expect(await submitFormAction(checkLinkNowAction, { postId: post.id })).toEqual({ redirect: `/admin/links?checked=${post.id}` });
    expect(await getLinkOfPost(post.id)).toMatchObject({ state: "FAILING", statusCode: 500 });
    expect(await submitFormAction(archiveSettingAction, { archiveSave: "on" })).toMatchObject({
      status: "error",
      message: "Only admins can change the archive setting.",
    });
    const url = `${main.origin}/ok/${unique("y")}`;
    expect(await submitFormAction(replaceLinkUrlAction, { postId: post.id, version: "1", url: "ftp://nope" })).toMatchObject({
      status: "error",
      fieldErrors: { url: [expect.any(String)] },
      values: { url: "ftp://nope" },
    });
    expect(await submitFormAction(replaceLinkUrlAction, { postId: post.id, version: String(post.version), url })).toEqual({
      redirect: `/admin/links?replaced=${post.id}`,
    });
    expect(await getLinkOfPost(post.id)).toMatchObject({ url, state: "UNCHECKED" });
  });
});
