// Webmention sending on each database: off by default; once on, a publication queues one `webmention.send` job that
// discovers the linked article's endpoint (Link header, <link>, <a>, relative) on a local site through the safe
// fetcher, POSTs source and target form-encoded to it, and records the outcome per post for its edit page.
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { savePost } from "@/lib/posts/mutations";
import { getSiteSettings } from "@/lib/settings/queries";
import { SITE_SETTING_KEYS } from "@/lib/settings/schema";
import { sendWebmention, webmentionSendKind } from "@/lib/webmention/mutations";
import { getLatestWebmention } from "@/lib/webmention/queries";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { allowReceivers, closeReceivers, runPostEvents, startReceiver, type Answer, type Received, type Receiver } from "../support/http-receiver";
import { testPostInput } from "../support/post-input";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));

const html = (head: string, body = "<p>An article.</p>") => `<!doctype html><html><head><title>Article</title>${head}</head><body>${body}</body></html>`;
const page = (markup: string, headers: Record<string, string> = {}): Answer => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: markup,
});

let editor: TestUser;
let site: Receiver;
/** What the endpoint answers next (the article pages are fixed by their path). */
let endpointAnswer = 202;

// One local site: article pages naming their endpoint each way (GET), and endpoints (any POST, recorded).
function answer(request: Received): Answer {
  const path = request.path.split("?")[0];
  if (request.method === "POST") return { status: endpointAnswer, body: "ok" };
  const kind = path.split("/")[1];
  switch (kind) {
    case "link-header":
      return page(html(""), { link: `<${site.origin}/webmention/header>; rel="webmention"` });
    case "link-element":
      return page(html(`<link rel="webmention" href="${site.origin}/webmention/link">`));
    case "a-element":
      return page(html("", `<p>Mentions go <a rel="webmention" href="/webmention/a">here</a>.</p>`));
    case "relative":
      // Relative to the page's own address: /relative/<id>/wm-here.
      return page(html(`<link rel="webmention" href="wm-here?from=relative">`));
    case "moved":
      return { status: 301, headers: { location: `/relative/after-redirect/${path.split("/")[2]}` } };
    case "none":
      return page(html(`<link rel="stylesheet" href="/style.css">`));
    case "broken":
      return { status: 503, body: "down" };
    default:
      return { status: 404 };
  }
}

const postsTo = (path: string) => site.received.filter((request) => request.method === "POST" && request.path.startsWith(path));
async function publishLinking(kind: string) {
  const externalUrl = `${site.origin}/${kind}/${unique("article")}`;
  return { ...(await savePost(editor, { intent: "publish", input: testPostInput("webmention", "Mention", { externalUrl }) })), externalUrl };
}
// Only this setting's row: other test files change other settings of the same database meanwhile.
async function setSending(on: boolean) {
  const key = SITE_SETTING_KEYS.sendWebmentions;
  await prisma.setting.upsert({ where: { key }, create: { key, value: String(on) }, update: { value: String(on) } });
}

describeDatabase("Webmention sending", () => {
  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
    site = await startReceiver(answer);
  });
  afterEach(async () => {
    await setSending(false);
    endpointAnswer = 202;
    delete process.env.LINKPRESS_FETCH_ALLOW;
  });
  afterAll(async () => {
    await closeReceivers();
  });

  it("is off by default: a publication queues nothing and sends nothing", async () => {
    expect((await getSiteSettings()).sendWebmentions).toBe(false);
    allowReceivers(site);
    const post = await publishLinking("link-header");
    const events = await runPostEvents(post.id);
    expect(await prisma.job.count({ where: { kind: webmentionSendKind.kind, idempotencyKey: { in: events.map(({ key }) => `${key}|webmention`) } } })).toBe(0);
    // Even a job run by hand sends nothing while the setting is off.
    await sendWebmention(post.id);
    expect(site.received.filter((request) => request.path.includes(post.externalUrl.split("/").at(-1)!))).toHaveLength(0);
    expect(await getLatestWebmention(post.id)).toBeNull();
  });

  it("once on, a publication queues one job, which finds the endpoint in the Link header and sends source and target", async () => {
    await setSending(true);
    allowReceivers(site);
    const post = await publishLinking("link-header");
    const events = await runPostEvents(post.id);
    await runPostEvents(post.id); // the post.event job again: still one job
    const jobs = await prisma.job.findMany({ where: { kind: webmentionSendKind.kind, idempotencyKey: { in: events.map(({ key }) => `${key}|webmention`) } } });
    expect(jobs).toHaveLength(1);
    await webmentionSendKind.handle(JSON.parse(jobs[0].payload), {
      jobId: jobs[0].id,
      attempt: 1,
      idempotencyKey: jobs[0].id,
      signal: new AbortController().signal,
    });

    const sent = postsTo("/webmention/header").filter((request) => request.body.includes(encodeURIComponent(post.externalUrl)));
    expect(sent).toHaveLength(1);
    expect(sent[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(sent[0].body);
    expect(Object.fromEntries(form)).toEqual({ source: `${(await getSiteSettings()).url}/posts/${post.slug}`, target: post.externalUrl });
    expect(await getLatestWebmention(post.id)).toMatchObject({
      target: post.externalUrl,
      endpoint: `${site.origin}/webmention/header`,
      status: "ACCEPTED",
      responseStatus: 202,
      error: null,
    });
  });

  it("finds the endpoint in a <link>, in an <a>, relative to the page, and relative to the page a redirect led to", async () => {
    await setSending(true);
    allowReceivers(site);
    const cases: [string, (post: { externalUrl: string }) => string][] = [
      ["link-element", () => `${site.origin}/webmention/link`],
      ["a-element", () => `${site.origin}/webmention/a`],
      ["relative", (post) => `${post.externalUrl.replace(/[^/]+$/, "")}wm-here?from=relative`],
      ["moved", () => `${site.origin}/relative/after-redirect/wm-here?from=relative`],
    ];
    endpointAnswer = 201;
    for (const [kind, endpoint] of cases) {
      const post = await publishLinking(kind);
      await sendWebmention(post.id);
      expect(await getLatestWebmention(post.id), kind).toMatchObject({ endpoint: endpoint(post), status: "SENT", responseStatus: 201 });
    }
    expect(postsTo("/relative/after-redirect/wm-here?from=relative")).toHaveLength(1);
  });

  it("an update sends again only when the post now links another article", async () => {
    await setSending(true);
    allowReceivers(site);
    const externalUrl = `${site.origin}/link-element/${unique("article")}`;
    const input = testPostInput("webmention", "Edited", { externalUrl });
    const published = await savePost(editor, { intent: "publish", input });
    const jobsOf = async (events: { key: string }[]) =>
      prisma.job.count({ where: { kind: webmentionSendKind.kind, idempotencyKey: { in: events.map(({ key }) => `${key}|webmention`) } } });
    expect(await jobsOf(await runPostEvents(published.id))).toBe(1);

    let since = new Date(Date.now() - 1);
    const retitled = await savePost(editor, {
      intent: "publish",
      postId: published.id,
      version: published.version,
      input: { ...input, title: `${input.title}!` },
    });
    const titleOnly = await runPostEvents(published.id, since);
    expect(titleOnly.map(({ event }) => event)).toEqual(["post.updated"]);
    expect(await jobsOf(titleOnly)).toBe(0);

    since = new Date(Date.now() - 1);
    const moved = `${site.origin}/a-element/${unique("article")}`;
    await savePost(editor, { intent: "publish", postId: published.id, version: retitled.version, input: { ...input, externalUrl: moved } });
    const newArticle = await runPostEvents(published.id, since);
    expect(await jobsOf(newArticle)).toBe(1);
    await sendWebmention(published.id);
    expect(await getLatestWebmention(published.id)).toMatchObject({ target: moved, endpoint: `${site.origin}/webmention/a`, status: "ACCEPTED" });
  });

  it("records a page without an endpoint as final, and retries what may pass (a 5xx page or endpoint) but not a 4xx endpoint", async () => {
    await setSending(true);
    allowReceivers(site);
    const none = await publishLinking("none");
    await expect(sendWebmention(none.id)).resolves.toBeUndefined();
    expect(await getLatestWebmention(none.id)).toMatchObject({ status: "NO_ENDPOINT", endpoint: null });

    const broken = await publishLinking("broken");
    await expect(sendWebmention(broken.id)).rejects.toThrow("The page answered 503.");
    expect(await getLatestWebmention(broken.id)).toMatchObject({ status: "FAILED", endpoint: null, error: "The page answered 503." });

    const refused = await publishLinking("link-element");
    endpointAnswer = 500;
    await expect(sendWebmention(refused.id)).rejects.toThrow("The Webmention endpoint answered 500.");
    endpointAnswer = 400;
    await expect(sendWebmention(refused.id)).resolves.toBeUndefined();
    expect(await prisma.webmention.findFirstOrThrow({ where: { postId: refused.id } })).toMatchObject({
      status: "FAILED",
      responseStatus: 400,
      error: "The endpoint answered 400.",
      attempts: 2,
    });
  });

  it("goes through the safe fetcher: an article on a private address that is not allowed is refused, not fetched", async () => {
    await setSending(true);
    const post = await publishLinking("link-header");
    const before = site.received.length;
    await expect(sendWebmention(post.id)).resolves.toBeUndefined();
    expect(site.received.length).toBe(before);
    expect(await getLatestWebmention(post.id)).toMatchObject({ status: "FAILED", endpoint: null });
  });
});
