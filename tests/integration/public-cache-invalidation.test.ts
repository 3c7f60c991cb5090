import { AsyncLocalStorage } from "node:async_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, expect, it, vi } from "vitest";
import { cachedPublicRead, invalidatePublicContent } from "@/lib/cache/public-content";
import { onPublicInvalidation, syncPublicContent } from "@/lib/cache/generation";
import { INVALIDATION_RETENTION_MS, recordInvalidation } from "@/lib/cache/mutations";
import { latestInvalidationSeq, listInvalidationsSince } from "@/lib/cache/queries";
import { readPostList, readPublishedPost } from "@/lib/cache/public-reads";
import { feedResponse } from "@/lib/feeds/response";
import { prisma } from "@/lib/db";
import { cacheKey, postCacheKeys } from "@/lib/http/cache-policy";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { savePost, type SavedPost } from "@/lib/posts/mutations";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { zonedYearMonth } from "@/lib/time-zone";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

// Other test files share the database and store their own invalidations, which name their own posts and tags; one
// that drops everything (a settings or taxonomy test) would also empty this file's cache while it checks that entries
// stay, so those rows are left out here. Everything else is the real table and the real reads.
vi.mock("@/lib/cache/queries", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/cache/queries")>();
  return {
    ...original,
    listInvalidationsSince: async (...args: Parameters<typeof original.listInvalidationsSince>) =>
      (await original.listInvalidationsSince(...args)).filter((row) => !row.keys.includes("site")),
  };
});

function input(overrides: Partial<Record<keyof PostInput, string>>): PostInput {
  const id = unique("cache");
  return postFormSchema.parse({ ...EMPTY_POST_FORM, title: `Cached post ${id}`, externalUrl: `https://cache.example.com/${id}`, ...overrides });
}

/** Saves an existing post again with another intent and title, keeping its URL. */
async function resave(editor: TestUser, post: SavedPost, intent: "publish" | "unpublish", title: string, tag: string) {
  const { externalUrl, version } = await prisma.post.findUniqueOrThrow({ where: { id: post.id } });
  return savePost(editor, { postId: post.id, version, intent, input: input({ title, tags: tag, externalUrl }) });
}

/**
 * Publishes a post without telling the cache, as a write by another app instance would look here: saved as a draft
 * (which readers cannot see, so nothing is invalidated), then made public in the database directly. Dated an hour
 * back, so the cache does not take it for a scheduled post falling due now (which it would drop the keys of itself).
 */
async function publishUnannounced(editor: TestUser, title: string, tag: string): Promise<SavedPost> {
  const draft = await savePost(editor, { intent: "draft", input: input({ title, tags: tag }) });
  const publishedAt = new Date(Date.now() - 3_600_000);
  const { version } = await prisma.post.update({ where: { id: draft.id }, data: { status: "PUBLISHED", publishedAt, version: { increment: 1 } } });
  return { ...draft, status: "PUBLISHED", publishedAt, version };
}

/** Changes a post's title in the database without telling the cache: a read that shows the old title came from it. */
async function retitleUnannounced(post: SavedPost, title: string) {
  await prisma.post.update({ where: { id: post.id }, data: { title } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tagFeedTitles(tag: string): Promise<string[]> {
  const response = await feedResponse(new Request("http://test.local/"), { kind: "tag", slug: tag }, "json");
  return response.status === 200 ? (await response.json()).items.map((item: { title: string }) => item.title) : [];
}

async function tagPageTitles(tag: string): Promise<string[]> {
  return (await readPostList({ tagSlug: tag }, 1)).items.map((item) => item.title);
}

const postTitle = async (slug: string) => (await readPublishedPost(slug))?.title;

describeDatabase("public content cache: invalidating what changed", () => {
  let editor: TestUser;

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });

  it("serves pages and feeds from the cache until their keys are invalidated, and a save invalidates its own", async () => {
    const tag = unique("cached");
    const first = await savePost(editor, { intent: "publish", input: input({ title: "First in the tag", tags: tag }) });
    expect(await tagPageTitles(tag)).toEqual(["First in the tag"]);
    expect(await tagFeedTitles(tag)).toEqual(["First in the tag"]);

    // Written without invalidating: the cache still answers (proof that it is used).
    const second = await publishUnannounced(editor, "Second in the tag", tag);
    expect(await tagPageTitles(tag)).toEqual(["First in the tag"]);
    await invalidatePublicContent([cacheKey.tag(tag)]);
    expect(await tagPageTitles(tag)).toEqual(["First in the tag", "Second in the tag"]);
    expect(await tagFeedTitles(tag)).toEqual(["First in the tag", "Second in the tag"]);

    // Saves invalidate by themselves: unpublish and edit show on the next read.
    await resave(editor, second, "unpublish", "Second in the tag", tag);
    expect(await tagPageTitles(tag)).toEqual(["First in the tag"]);
    expect(await tagFeedTitles(tag)).toEqual(["First in the tag"]);
    expect(await readPublishedPost(second.slug)).toBeNull();

    await resave(editor, first, "publish", "First, edited", tag);
    expect(await postTitle(first.slug)).toBe("First, edited");
    expect(await tagFeedTitles(tag)).toEqual(["First, edited"]);
  });

  it("publishing one post leaves other posts' pages and other tags' lists cached, and drops its own lists", async () => {
    const [tagOfNew, otherTag] = [unique("new"), unique("other")];
    const others = [];
    for (const n of [1, 2, 3]) others.push(await savePost(editor, { intent: "publish", input: input({ title: `Other ${n}`, tags: otherTag }) }));
    for (const post of others) expect(await postTitle(post.slug)).toMatch(/^Other \d$/);
    expect(await tagPageTitles(otherTag)).toEqual(["Other 3", "Other 2", "Other 1"]);
    expect(await tagPageTitles(tagOfNew)).toEqual([]);
    for (const post of others) await retitleUnannounced(post, "Changed behind the cache");

    const published = await savePost(editor, { intent: "publish", input: input({ title: "The new post", tags: tagOfNew }) });

    for (const post of others) expect(await postTitle(post.slug)).toMatch(/^Other \d$/);
    expect(await tagPageTitles(otherTag)).toEqual(["Other 3", "Other 2", "Other 1"]);
    expect(await tagPageTitles(tagOfNew)).toEqual(["The new post"]);
    expect(await postTitle(published.slug)).toBe("The new post");
    expect((await readPostList({}, 1)).items.map((item) => item.title)).toContain("The new post");
  });

  it("shows a scheduled post once it is due, dropping its lists only", async () => {
    const [tag, otherTag] = [unique("due"), unique("notdue")];
    await savePost(editor, { intent: "publish", input: input({ title: "Already public", tags: tag }) });
    const bystander = await savePost(editor, { intent: "publish", input: input({ title: "Bystander", tags: otherTag }) });
    const due = new Date(Date.now() + 2500);
    await savePost(editor, { intent: "schedule", input: input({ title: "Scheduled for later", tags: tag, publishedAt: due.toISOString().slice(0, 23) }) });
    expect(await tagPageTitles(tag)).toEqual(["Already public"]);
    expect(await tagFeedTitles(tag)).toEqual(["Already public"]);
    expect(await tagPageTitles(otherTag)).toEqual(["Bystander"]);
    await retitleUnannounced(bystander, "Changed behind the cache");
    await sleep(due.getTime() - Date.now() + 100);
    expect(await tagPageTitles(tag)).toEqual(["Scheduled for later", "Already public"]);
    expect(await tagFeedTitles(tag)).toEqual(["Scheduled for later", "Already public"]);
    expect(await tagPageTitles(otherTag)).toEqual(["Bystander"]);
  });

  it("drops a post scheduled since the cache last looked at the first look after it is due: the page cache looks once a request", async () => {
    const tag = unique("quietdue");
    await savePost(editor, { intent: "publish", input: input({ title: "Public already", tags: tag }) });
    // Looks a second apart, as the page cache makes before serving a kept page: the first meets the publish as a post
    // whose time came, the second has nothing left to wait for.
    for (let look = 0; look < 2; look += 1) {
      await sleep(1100);
      await syncPublicContent();
    }
    // Scheduling announces nothing (readers cannot see the post yet); due before the cache's next look.
    const due = new Date(Date.now() + 500);
    await savePost(editor, { intent: "schedule", input: input({ title: "Due unseen", tags: tag, publishedAt: due.toISOString().slice(0, 23) }) });
    const heard: string[] = [];
    const stopListening = onPublicInvalidation((keys) => heard.push(...keys));
    await sleep(due.getTime() - Date.now() + 1100);
    await syncPublicContent();
    stopListening();
    expect(heard).toContain(cacheKey.tag(tag));
  });

  it("drops what another app instance invalidated, through the shared table, within about a second, and nothing else", async () => {
    const [tag, otherTag] = [unique("remote"), unique("untouched")];
    await savePost(editor, { intent: "publish", input: input({ title: "Before", tags: tag }) });
    await savePost(editor, { intent: "publish", input: input({ title: "Untouched", tags: otherTag }) });
    expect(await tagPageTitles(tag)).toEqual(["Before"]);
    expect(await tagPageTitles(otherTag)).toEqual(["Untouched"]);
    const remote = await publishUnannounced(editor, "From another instance", tag);
    await publishUnannounced(editor, "Not announced", otherTag);
    // What invalidatePostContent() in another process leaves behind: a row naming the post's keys.
    const facts = { slug: remote.slug, publishedAt: remote.publishedAt, tagSlugs: [tag], sourceSlug: null };
    await recordInvalidation(
      postCacheKeys(facts, (date) => zonedYearMonth(date, "UTC")),
      "another instance",
    );
    await sleep(1200);
    expect(await tagPageTitles(tag)).toEqual(["Before", "From another instance"]);
    expect(await tagPageTitles(otherTag)).toEqual(["Untouched"]);
  });

  it("keeps a read's value, not the request it was made in: a finished request is not held alive by the cache", async () => {
    // Next keeps each request's objects in an AsyncLocalStorage store, which every promise made during the request
    // carries; a kept promise held the whole request (about 1,500 of them after a crawl of 5,000 posts).
    setFlagsFromString("--expose-gc");
    const collectGarbage = runInNewContext("gc") as () => void;
    const requestContext = new AsyncLocalStorage<{ request: Uint8Array }>();
    const key = `leak:${unique("request")}`;
    // The database connection and the cache's shared state are set up outside any request, as in the server.
    await cachedPublicRead(`${key}:first`, ["home"], async () => null);
    // The request's store lives in this function's frame only, so nothing but the cache could keep it.
    const readInRequest = async () => {
      const store = { request: new Uint8Array(1024) };
      const value = await requestContext.run(store, () => cachedPublicRead(key, ["home"], async () => ({ title: "kept" })));
      return { value, finishedRequest: new WeakRef(store) };
    };
    const { value, finishedRequest } = await readInRequest();
    expect(value).toEqual({ title: "kept" });
    await sleep(0);
    collectGarbage();
    expect(finishedRequest.deref()).toBeUndefined();
    expect(await cachedPublicRead(key, ["home"], async () => ({ title: "loaded again" }))).toEqual({ title: "kept" });
  });

  it("stores each invalidation with its keys for the other instances, not for the one that wrote it, and prunes old rows", async () => {
    const tag = unique("rows");
    const before = await latestInvalidationSeq();
    const post = await savePost(editor, { intent: "publish", input: input({ title: "Row", tags: tag }) });
    await vi.waitFor(async () => expect(await latestInvalidationSeq()).toBeGreaterThan(before));
    const rows = await listInvalidationsSince(before, "another instance");
    const ours = rows.find((row) => row.keys.includes(cacheKey.post(post.slug)));
    expect(ours?.keys).toEqual(expect.arrayContaining([cacheKey.tag(tag), "home", "feeds", "sitemap"]));
    expect(ours?.keys).not.toContain("site");
    const origin = (await prisma.cacheInvalidation.findUniqueOrThrow({ where: { seq: ours!.seq } })).origin;
    expect((await listInvalidationsSince(before, origin)).some((row) => row.seq === ours!.seq)).toBe(false);

    const old = new Date(Date.now() - INVALIDATION_RETENTION_MS - 60_000);
    const stale = await prisma.cacheInvalidation.create({ data: { keys: "post-old", origin: "gone", createdAt: old } });
    // Pruning runs with every hundredth row.
    const find = () => prisma.cacheInvalidation.findUnique({ where: { seq: stale.seq } });
    for (let n = 0; n <= 100 && (await find()); n += 1) await recordInvalidation(["misc"], "pruner");
    expect(await prisma.cacheInvalidation.findUnique({ where: { seq: stale.seq } })).toBeNull();
  });
});
