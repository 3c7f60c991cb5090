// WebSub on each database: every feed names the hub and itself (document and Link header); post events ping the hub
// set in the settings once per changed feed (site, tags, source; every format), through the safe fetcher to a local
// hub that records the form bodies; nothing without a hub; a hub answering 500 is retried until it answers 2xx.
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { prisma } from "@/lib/db";
import { feedResponse } from "@/lib/feeds/response";
import { enqueueJob } from "@/lib/jobs/mutations";
import { startJobWorker } from "@/lib/jobs/worker";
import { savePost } from "@/lib/posts/mutations";
import { getSiteSettings } from "@/lib/settings/queries";
import { SITE_SETTING_KEYS } from "@/lib/settings/schema";
import { websubPingKind } from "@/lib/websub/mutations";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { allowReceivers, closeReceivers, runPostEvents, startReceiver, type Received, type Receiver } from "../support/http-receiver";
import { waitFor } from "../support/jobs";
import { testPostInput } from "../support/post-input";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));

const FORMATS = ["feed.xml", "atom.xml", "feed.json"];
const pinged = (request: Received) => new URLSearchParams(request.body).get("hub.url");

/** The websub.ping jobs a post.event job (by its key) queued. */
const pingJobsOf = (events: { key: string }[]) =>
  prisma.job.findMany({ where: { kind: websubPingKind.kind, OR: events.map(({ key }) => ({ idempotencyKey: { startsWith: `${key}|` } })) } });

/** Runs the given ping jobs' handler directly, as the worker would. */
async function runPings(jobs: { payload: string; id: string }[]) {
  for (const job of jobs)
    await websubPingKind.handle(JSON.parse(job.payload), { jobId: job.id, attempt: 1, idempotencyKey: job.id, signal: new AbortController().signal });
}

let editor: TestUser;
let siteUrl: string;

// Only this setting's row: other test files change other settings of the same database meanwhile.
async function setHub(hub: Receiver | null) {
  const key = SITE_SETTING_KEYS.websubHubUrl;
  const value = hub?.url ?? "";
  await prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  revalidatePublicContent();
}

describeDatabase("WebSub", () => {
  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
    siteUrl = (await getSiteSettings()).url;
  });
  afterEach(async () => {
    // The hub setting is shared by every test of this database: none outlives its test.
    await setHub(null);
    delete process.env.LINKPRESS_FETCH_ALLOW;
  });
  afterAll(async () => {
    await closeReceivers();
  });

  it("feeds name the hub and themselves in the document and the Link header once a hub is set", async () => {
    const hub = await startReceiver(() => ({ status: 204 }), "/hub");
    const tag = unique("websubfeed");
    await savePost(editor, { intent: "publish", input: testPostInput("websub", "Feed links", { tags: tag }) });
    revalidatePublicContent();
    const before = await feedResponse(new Request(`${siteUrl}/atom.xml`), { kind: "site" }, "atom");
    expect(before.headers.get("link")).toBe(`<${siteUrl}/atom.xml>; rel="self"`);
    expect(await before.text()).not.toContain('rel="hub"');

    await setHub(hub);
    const atom = await feedResponse(new Request(`${siteUrl}/atom.xml`), { kind: "site" }, "atom");
    expect(atom.headers.get("link")).toBe(`<${hub.url}>; rel="hub", <${siteUrl}/atom.xml>; rel="self"`);
    expect(await atom.text()).toContain(`<link rel="hub" href="${hub.url}"/>`);
    const rss = await feedResponse(new Request(`${siteUrl}/tags/${tag}/feed.xml`), { kind: "tag", slug: tag }, "rss");
    expect(rss.headers.get("link")).toBe(`<${hub.url}>; rel="hub", <${siteUrl}/tags/${tag}/feed.xml>; rel="self"`);
    expect(await rss.text()).toContain(`<atom:link href="${hub.url}" rel="hub"/>`);
    const json = await feedResponse(new Request(`${siteUrl}/feed.json`), { kind: "site" }, "json");
    expect(json.headers.get("link")).toContain('rel="hub"');
    expect(JSON.parse(await json.text()).hubs).toEqual([{ type: "WebSub", url: hub.url }]);
  });

  it("a publication pings the hub once per changed feed (site, each tag, the source; every format), form-encoded", async () => {
    const hub = await startReceiver(() => ({ status: 204 }), "/hub");
    allowReceivers(hub);
    await setHub(hub);
    const [tagA, tagB, source] = [unique("wsa"), unique("wsb"), `Source ${unique("wss")}`];
    const saved = await savePost(editor, { intent: "publish", input: testPostInput("websub", "Ping", { tags: `${tagA}, ${tagB}`, source }) });
    const sourceSlug = (await prisma.post.findUniqueOrThrow({ where: { id: saved.id }, select: { source: { select: { slug: true } } } })).source!.slug;
    const keys = await runPostEvents(saved.id);
    await runPostEvents(saved.id); // the post.event job again (after a crash): no second ping job
    const jobs = await pingJobsOf(keys);
    const expected = ["", `/tags/${tagA}`, `/tags/${tagB}`, `/sources/${sourceSlug}`].flatMap((scope) => FORMATS.map((file) => `${siteUrl}${scope}/${file}`));
    expect(jobs.map((job) => JSON.parse(job.payload).feedUrl).sort()).toEqual([...expected].sort());

    await runPings(jobs);
    expect(hub.received.map(pinged).sort()).toEqual([...expected].sort());
    for (const request of hub.received) {
      expect(request).toMatchObject({ method: "POST", path: "/hub", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(new URLSearchParams(request.body).get("hub.mode")).toBe("publish");
    }
  });

  it("an unpublication pings too; with no hub set, nothing is queued", async () => {
    const hub = await startReceiver(() => ({ status: 202 }), "/hub");
    allowReceivers(hub);
    const input = testPostInput("websub", "Unpublish", { tags: unique("wsu") });
    const published = await savePost(editor, { intent: "publish", input });
    const quiet = await runPostEvents(published.id);
    expect(await pingJobsOf(quiet)).toHaveLength(0);

    await setHub(hub);
    const since = new Date(Date.now() - 1);
    await savePost(editor, { intent: "unpublish", postId: published.id, version: published.version, input });
    const events = await runPostEvents(published.id, since);
    expect(events.map(({ event }) => event)).toEqual(["post.unpublished"]);
    const jobs = await pingJobsOf(events);
    expect(jobs).toHaveLength(6); // the site's and the tag's feeds, three formats each
    await runPings(jobs);
    expect(hub.received.map(pinged)).toContain(`${siteUrl}/feed.xml`);
  });

  it("an edit pings the feeds of the tags and source the post had before as well as the new ones", async () => {
    const hub = await startReceiver(() => ({ status: 204 }), "/hub");
    await setHub(hub);
    const [oldTag, newTag, kept] = [unique("wsold"), unique("wsnew"), unique("wskept")];
    const input = testPostInput("websub", "Retagged", { tags: `${oldTag}, ${kept}`, source: `Old ${unique("src")}` });
    const published = await savePost(editor, { intent: "publish", input });
    await runPostEvents(published.id);
    const since = new Date(Date.now() - 1);
    await savePost(editor, { intent: "publish", postId: published.id, version: published.version, input: { ...input, tags: [newTag, kept], source: "" } });
    const events = await runPostEvents(published.id, since);
    expect(events.map(({ event }) => event)).toEqual(["post.updated"]);
    const feeds = (await pingJobsOf(events)).map((job) => JSON.parse(job.payload).feedUrl as string);
    const sources = feeds.filter((url) => url.includes("/sources/"));
    expect(sources).toHaveLength(3); // the source it left
    for (const tag of [oldTag, newTag, kept]) expect(feeds).toContain(`${siteUrl}/tags/${tag}/atom.xml`);
    expect(feeds).toHaveLength(3 * 5); // site, three tags, one source; no feed twice
  });

  it("retries a ping the hub answers 500 until it answers 2xx", async () => {
    const feedUrl = `${siteUrl}/tags/${unique("retry")}/feed.xml`;
    // Per feed, so pings other tests leave queued cannot use up the failure.
    const hub = await startReceiver((request) => {
      const mine = hub.received.filter((earlier) => pinged(earlier) === feedUrl);
      return { status: pinged(request) === feedUrl && mine.length === 1 ? 500 : 204 };
    }, "/hub");
    allowReceivers(hub);
    await setHub(hub);
    const { id } = await enqueueJob(websubPingKind, { feedUrl }, { idempotencyKey: unique("ping") });
    const worker = startJobWorker({ kinds: [{ ...websubPingKind, backoff: () => 0 }], recurring: [], pollMs: 20 });
    try {
      const done = await waitFor(() => prisma.job.findFirst({ where: { id, state: "DONE" } }), "the ping done");
      expect(done.attempts).toBe(2);
    } finally {
      await worker.stop(1000);
    }
    expect(hub.received.filter((request) => pinged(request) === feedUrl)).toHaveLength(2);
  });
});
