import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { storeCapture, CAPTURE_STORE } from "@/lib/capture/mutations";
import { checkLink, prefillFromUrl, PREFILLS_PER_MINUTE } from "@/lib/capture/prefill";
import { findStoredCapture } from "@/lib/capture/queries";
import type { Prefill } from "@/lib/capture/schema";
import { prisma } from "@/lib/db";
import { savePost } from "@/lib/posts/mutations";
import { findSourceForSite } from "@/lib/sources/queries";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";
import { expectAppError } from "../support/app-error";

// A local site the fetcher may reach (LINKPRESS_FETCH_ALLOW): an article, a shortener, a page whose canonical differs.
let server: Server;
let origin: string;
const tag = unique("tag").replace(/-/g, "");

function articlePage(options: { canonical?: string } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Policies that scale | Fixture Blog</title>
<meta property="og:title" content="Network policies that scale">
<meta property="og:description" content="How to keep thousands of network policies readable.">
<meta property="article:tag" content="${tag}"><meta property="article:tag" content="Not an existing tag ${tag}">
<meta property="article:published_time" content="2025-06-03T08:00:00Z"><meta name="author" content="Ana Author">
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ""}</head>
<body><nav>Home · About</nav><article><h1>Network policies that scale</h1>
<p>Network policies start simple. A namespace, a label, an allow rule: nothing could be easier to read or to review.</p>
<p>Then the cluster grows. Hundreds of teams each add their own rules and nobody can say any more what may talk to what.</p>
</article><footer>© Fixture</footer></body></html>`;
}

let editor: TestUser;
let contributor: TestUser;

function prefillOf(answer: Prefill | { error: string }): Prefill {
  if ("error" in answer) throw new Error(`prefill failed: ${answer.error}`);
  return answer;
}

describeDatabase("capture: prefill, already posted, stored captures", () => {
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = (request.url ?? "/").split("?")[0];
      const html = (body: string) => response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
      if (path === "/article" || path === "/posted") return html(articlePage());
      if (path === "/amp") return html(articlePage({ canonical: `${origin}/canonical-posted` }));
      if (path === "/short") return response.writeHead(301, { location: "/posted?utm_source=shortener" }).end();
      if (path === "/to-private") return response.writeHead(302, { location: "http://10.0.0.1/secret" }).end();
      response.writeHead(404, { "content-type": "text/html" }).end("<p>not here</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.LINKPRESS_FETCH_ALLOW = new URL(origin).host;
    [editor, contributor] = await Promise.all([createTestUser("EDITOR", "Erin Editor"), createTestUser("CONTRIBUTOR", "Ana Contributor")]);
    // Past posts from this host, filed under an existing source, and a tag that the article names.
    await savePost(editor, {
      intent: "publish",
      input: testPostInput("capture", "Posted already", { externalUrl: `${origin}/posted`, source: `Fixture Weekly ${tag}`, tags: tag }),
    });
    await savePost(editor, {
      intent: "publish",
      input: testPostInput("capture", "Canonical posted", { externalUrl: `${origin}/canonical-posted`, source: "" }),
    });
  });

  afterAll(async () => {
    delete process.env.LINKPRESS_FETCH_ALLOW;
    await new Promise((resolve) => server.close(resolve));
  });

  it("proposes the article's title, description, lead paragraphs, host's source and existing tags", async () => {
    const prefill = prefillOf(await prefillFromUrl(editor, `${origin}/article`));
    expect(prefill.fetchError).toBeUndefined();
    expect(prefill.values.title).toBe("Network policies that scale");
    expect(prefill.values.tldr).toBe("How to keep thousands of network policies readable.");
    expect(prefill.values.summary).toContain("Network policies start simple.");
    // The page names no site; its host's past posts were filed under the existing source.
    expect(prefill.values.source).toBe(`Fixture Weekly ${tag}`);
    expect(prefill.suggestedTags).toEqual([tag]);
    expect(prefill.article).toMatchObject({ finalUrl: `${origin}/article`, author: "Ana Author" });
    expect(prefill.article?.publishedAt?.startsWith("2025-06-03")).toBe(true);
    expect(prefill.existing).toEqual([]);
  });

  it("finds the earlier post behind a shortener's redirect and through the page's canonical URL", async () => {
    const viaShortener = prefillOf(await prefillFromUrl(editor, `${origin}/short`));
    expect(viaShortener.article?.finalUrl).toBe(`${origin}/posted?utm_source=shortener`);
    expect(viaShortener.existing).toHaveLength(1);
    expect(viaShortener.existing[0].message).toMatch(/^Already posted on \d+ \w+ \d{4}: “Posted already/);
    expect(viaShortener.existing[0].href).toMatch(/^\/admin\/posts\/\w+\/edit$/);

    const viaCanonical = prefillOf(await prefillFromUrl(editor, `${origin}/amp`));
    expect(viaCanonical.existing.map((notice) => notice.message)).toEqual([expect.stringContaining("Canonical posted")]);
  });

  it("reads an underscore in the host as itself when it looks for the host's past posts", async () => {
    const name = unique("lookalike");
    await savePost(editor, {
      intent: "publish",
      input: testPostInput("capture", "From a lookalike host", { externalUrl: `https://${name}xb.example/article`, source: `Lookalike ${name}` }),
    });
    expect(await findSourceForSite(editor, { name: null, host: `${name}xb.example` })).toBe(`Lookalike ${name}`);
    // The host's `_` is not LIKE's "any character", so the lookalike's posts are not this host's.
    expect(await findSourceForSite(editor, { name: null, host: `${name}_b.example` })).toBeNull();
  });

  it("answers the check on the URL as typed, in its other forms, before any fetch", async () => {
    const answer = await checkLink(editor, `${origin.replace("http:", "https:")}/posted/?utm_medium=x#top`);
    expect(answer).toMatchObject({ existing: [{ message: expect.stringContaining("Posted already") }] });
    expect(await checkLink(editor, "javascript:alert(1)")).toEqual({ error: expect.stringContaining("http") });
  });

  it("tells a contributor of another person's draft without naming it, and names a published post with its public page", async () => {
    const draft = await savePost(editor, { intent: "draft", input: testPostInput("capture", "Secret draft", { externalUrl: `${origin}/draft-only` }) });
    const hidden = await checkLink(contributor, `${origin}/draft-only`);
    expect(hidden).toEqual({ existing: [{ message: "This URL is already used by another post. Ask an editor if it should be posted again." }] });
    expect(JSON.stringify(hidden)).not.toContain("Secret draft");
    const named = await checkLink(editor, `${origin}/draft-only`);
    expect(named).toMatchObject({ existing: [{ message: expect.stringContaining("Already a draft by Erin Editor: “Secret draft") }] });
    expect(await checkLink(editor, `${origin}/draft-only`, draft.id)).toEqual({ existing: [] });
    expect(await checkLink(contributor, `${origin}/posted`)).toMatchObject({ existing: [{ href: expect.stringMatching(/^\/posts\//) }] });
  });

  it("refuses a redirect to a private address, says why, and still answers the check", async () => {
    const prefill = prefillOf(await prefillFromUrl(editor, `${origin}/to-private`));
    expect(prefill.fetchError).toMatch(/private network/i);
    expect(prefill.values).toEqual({});
  });

  it("lets one person fetch only so many pages a minute, and others still fetch", async () => {
    const busy = await createTestUser("EDITOR");
    for (let i = 0; i < PREFILLS_PER_MINUTE; i += 1) expect(prefillOf(await prefillFromUrl(busy, `${origin}/missing-${i}`)).fetchError).toMatch(/404/);
    expect(await prefillFromUrl(busy, `${origin}/article`)).toEqual({ error: expect.stringMatching(/too many/i) });
    expect(prefillOf(await prefillFromUrl(editor, `${origin}/article`)).values.title).toBe("Network policies that scale");
  });

  it("keeps a capture for the form behind an unguessable token, until it expires", async () => {
    const capture = { url: `${origin}/article`, title: "Policies", selection: "Quote\nline", via: "https://news.example/" };
    const token = await storeCapture(capture, `203.0.113.${Math.floor(Math.random() * 200)}`);
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(await findStoredCapture(token)).toEqual(capture);
    // Only the token's hash is stored.
    expect(await prisma.capture.count({ where: { id: token } })).toBe(0);
    expect(await findStoredCapture(`${token.slice(0, -2)}xx`)).toBeNull();
    const later = new Date(Date.now() + (CAPTURE_STORE.lifetimeHours + 1) * 3_600_000);
    expect(await findStoredCapture(token, later)).toBeNull();
  });

  it("limits how many captures one address may store in an hour", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
    const capture = { url: `${origin}/article`, title: "", selection: "", via: "" };
    for (let i = 0; i < CAPTURE_STORE.perAddressPerHour; i += 1) await storeCapture(capture, ip);
    await expectAppError(storeCapture(capture, ip), "RATE_LIMITED");
  });
});
