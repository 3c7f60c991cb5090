import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, expect, it } from "vitest";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { feedResponse } from "@/lib/feeds/response";
import type { FeedScope } from "@/lib/feeds/queries";
import { savePost } from "@/lib/posts/mutations";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

const TITLES = ["Fish & Chips <b>not bold</b> 🐟", "שלום עולם — Kubernetes בעברית", "Quotes \"double\" and 'single' ]]> done"];

function input(overrides: Partial<Record<keyof PostInput, string>>): PostInput {
  const id = unique("feed");
  return postFormSchema.parse({
    ...EMPTY_POST_FORM,
    title: `Feed post ${id}`,
    externalUrl: `https://news.example.com/${id}?a=1&b=2`,
    tldr: "Short & sweet <summary>.",
    summary: "A **summary** with a [link](https://news.example.com/more).",
    ...overrides,
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name) => ["item", "entry", "category", "link"].includes(name),
});

async function fetchFeed(scope: FeedScope, format: "rss" | "atom" | "json", headers: Record<string, string> = {}) {
  return feedResponse(new Request("http://test.local/feed", { headers }), scope, format);
}

describeDatabase("feeds", () => {
  let editor: TestUser;
  let tag: string;
  let source: string;
  const slugs: string[] = [];

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
    tag = unique("tag");
    source = `Source ${unique()}`;
    for (const title of TITLES) slugs.push((await savePost(editor, { intent: "publish", input: input({ title, tags: `${tag}, feeds`, source }) })).slug);
    await savePost(editor, { intent: "draft", input: input({ title: "A draft never in a feed", tags: tag, source }) });
    revalidatePublicContent();
  });

  it("serves a tag's RSS with exactly its published posts, titles escaped correctly", async () => {
    const response = await fetchFeed({ kind: "tag", slug: tag }, "rss");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const items = parser.parse(xml).rss.channel.item;
    expect(items.map((item: { title: string }) => item.title).sort()).toEqual([...TITLES].sort());
    const first = items.find((item: { title: string }) => item.title === TITLES[0]);
    expect(first.guid["#text"]).toMatch(new RegExp(`/posts/${slugs[0]}$`));
    expect(first.category.map((category: { "#text": string }) => category["#text"])).toContain(tag);
    expect(first.source["#text"]).toBe(source);
    expect(first["content:encoded"]).toContain('href="https://news.example.com/');
    expect(first["content:encoded"]).toContain("<strong>summary</strong>");
  });

  it("serves a source's Atom and JSON Feed with the external URL as related link and external_url", async () => {
    const sourceSlug = source.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const atom = parser.parse(await (await fetchFeed({ kind: "source", slug: sourceSlug }, "atom")).text()).feed;
    expect(atom.entry.map((entry: { title: { "#text": string } }) => entry.title["#text"]).sort()).toEqual([...TITLES].sort());
    for (const entry of atom.entry) {
      const related = entry.link.find((link: { "@rel": string }) => link["@rel"] === "related");
      expect(related["@href"]).toMatch(/^https:\/\/news\.example\.com\/feed-.*\?a=1&b=2$/);
    }
    const json = JSON.parse(await (await fetchFeed({ kind: "source", slug: sourceSlug }, "json")).text());
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items).toHaveLength(TITLES.length);
    for (const item of json.items) {
      expect(item.id).toBe(item.url);
      expect(item.external_url).toMatch(/^https:\/\/news\.example\.com\/feed-/);
      expect(item.summary).toBe("Short & sweet <summary>.");
      expect(item.tags).toEqual([tag, "feeds"]);
    }
  });

  it("puts the newest published posts, at most 50, in the site feed", async () => {
    const json = JSON.parse(await (await fetchFeed({ kind: "site" }, "json")).text());
    expect(json.items.length).toBeGreaterThanOrEqual(TITLES.length);
    expect(json.items.length).toBeLessThanOrEqual(50);
    expect(json.items.map((item: { title: string }) => item.title)).not.toContain("A draft never in a feed");
    const dates = json.items.map((item: { date_published: string }) => Date.parse(item.date_published));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("answers 404 for a tag or source that does not exist or has only drafts", async () => {
    expect((await fetchFeed({ kind: "tag", slug: unique("missing") }, "rss")).status).toBe(404);
    const draftOnly = unique("draftonly");
    await savePost(editor, { intent: "draft", input: input({ tags: draftOnly }) });
    revalidatePublicContent();
    expect((await fetchFeed({ kind: "tag", slug: draftOnly }, "atom")).status).toBe(404);
  });

  it("answers conditional requests with 304 until the feed changes", async () => {
    const scope: FeedScope = { kind: "tag", slug: tag };
    const first = await fetchFeed(scope, "rss");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);

    const byEtag = await fetchFeed(scope, "rss", { "If-None-Match": `"other", ${etag}` });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    expect(byEtag.headers.get("etag")).toBe(etag);
    expect((await fetchFeed(scope, "rss", { "If-None-Match": `W/${etag}` })).status).toBe(304);
    expect((await fetchFeed(scope, "rss", { "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await fetchFeed(scope, "rss", { "If-Modified-Since": new Date(Date.parse(lastModified) - 60_000).toUTCString() })).status).toBe(200);
    expect((await fetchFeed(scope, "rss", { "If-None-Match": '"stale"' })).status).toBe(200);

    await savePost(editor, { intent: "publish", input: input({ title: "A newer post in the tag", tags: tag }) });
    revalidatePublicContent();
    const changed = await fetchFeed(scope, "rss", { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("A newer post in the tag");
  });
});
