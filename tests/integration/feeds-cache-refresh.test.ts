import { beforeAll, expect, it, vi } from "vitest";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { bumpContentVersion } from "@/lib/cache/mutations";
import { readCacheState } from "@/lib/cache/queries";
import { readPostList, readPublishedPost } from "@/lib/cache/public-reads";
import { feedResponse } from "@/lib/feeds/response";
import { prisma } from "@/lib/db";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { savePost, type SavedPost } from "@/lib/posts/mutations";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

// Other test files share the database and announce their own changes through the stored content version; this file
// checks when the cache answers from memory, so the version it watches is its own. The stored row itself is tested
// at the end with the real functions.
const versionOfThisFile = vi.hoisted(() => ({ value: 0 }));
vi.mock("@/lib/cache/mutations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/cache/mutations")>()),
  bumpContentVersion: async () => String(++versionOfThisFile.value),
}));
vi.mock("@/lib/cache/queries", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/cache/queries")>();
  return { ...original, readCacheState: async (since: Date) => ({ ...(await original.readCacheState(since)), version: String(versionOfThisFile.value) }) };
});

function input(overrides: Partial<Record<keyof PostInput, string>>): PostInput {
  const id = unique("cache");
  return postFormSchema.parse({ ...EMPTY_POST_FORM, title: `Cached post ${id}`, externalUrl: `https://cache.example.com/${id}`, ...overrides });
}

/** Saves an existing post again with another intent and title, keeping its URL. */
async function resave(editor: TestUser, post: SavedPost, intent: "publish" | "unpublish", title: string, tag: string) {
  const { externalUrl } = await prisma.post.findUniqueOrThrow({ where: { id: post.id } });
  return savePost(editor, { postId: post.id, version: post.version, intent, input: input({ title, tags: tag, externalUrl }) });
}

/**
 * Publishes a post without telling the cache, as a write by another app instance would look here: saved as a draft
 * (which readers cannot see, so nothing is announced), then made public in the database directly.
 */
async function publishUnannounced(editor: TestUser, title: string, tag: string): Promise<SavedPost> {
  const draft = await savePost(editor, { intent: "draft", input: input({ title, tags: tag }) });
  const publishedAt = new Date();
  const { version } = await prisma.post.update({ where: { id: draft.id }, data: { status: "PUBLISHED", publishedAt, version: { increment: 1 } } });
  return { ...draft, status: "PUBLISHED", publishedAt, version };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tagFeedTitles(tag: string): Promise<string[]> {
  const response = await feedResponse(new Request("http://test.local/"), { kind: "tag", slug: tag }, "json");
  return response.status === 200 ? (await response.json()).items.map((item: { title: string }) => item.title) : [];
}

async function tagPageTitles(tag: string): Promise<string[]> {
  return (await readPostList({ tagSlug: tag }, 1)).items.map((item) => item.title);
}

describeDatabase("public content cache", () => {
  let editor: TestUser;

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });

  it("serves pages and feeds from the cache until a change is announced, then shows it on the next read", async () => {
    const tag = unique("cached");
    const first = await savePost(editor, { intent: "publish", input: input({ title: "First in the tag", tags: tag }) });
    revalidatePublicContent();
    expect(await tagPageTitles(tag)).toEqual(["First in the tag"]);
    expect(await tagFeedTitles(tag)).toEqual(["First in the tag"]);

    // Written without announcing it: the cache still answers (proof that it is used).
    const second = await publishUnannounced(editor, "Second in the tag", tag);
    expect(await tagPageTitles(tag)).toEqual(["First in the tag"]);

    revalidatePublicContent();
    expect(await tagPageTitles(tag)).toEqual(["Second in the tag", "First in the tag"]);
    expect(await tagFeedTitles(tag)).toEqual(["Second in the tag", "First in the tag"]);

    // Unpublish and edit show up on the next read too.
    await resave(editor, second, "unpublish", "Second in the tag", tag);
    revalidatePublicContent();
    expect(await tagPageTitles(tag)).toEqual(["First in the tag"]);
    expect(await tagFeedTitles(tag)).toEqual(["First in the tag"]);
    expect(await readPublishedPost(second.slug)).toBeNull();

    await resave(editor, first, "publish", "First, edited", tag);
    revalidatePublicContent();
    expect((await readPublishedPost(first.slug))?.title).toBe("First, edited");
    expect(await tagFeedTitles(tag)).toEqual(["First, edited"]);
  });

  it("shows a scheduled post once it is due, with nothing announced at that moment", async () => {
    const tag = unique("due");
    await savePost(editor, { intent: "publish", input: input({ title: "Already public", tags: tag }) });
    const due = new Date(Date.now() + 2500);
    await savePost(editor, { intent: "schedule", input: input({ title: "Scheduled for later", tags: tag, publishedAt: due.toISOString().slice(0, 23) }) });
    revalidatePublicContent();
    expect(await tagPageTitles(tag)).toEqual(["Already public"]);
    expect(await tagFeedTitles(tag)).toEqual(["Already public"]);
    await sleep(due.getTime() - Date.now() + 100);
    expect(await tagPageTitles(tag)).toEqual(["Scheduled for later", "Already public"]);
    expect(await tagFeedTitles(tag)).toEqual(["Scheduled for later", "Already public"]);
  });

  it("notices a change announced by another app instance within about a second", async () => {
    const tag = unique("other");
    await savePost(editor, { intent: "publish", input: input({ title: "Before", tags: tag }) });
    revalidatePublicContent();
    expect(await tagPageTitles(tag)).toEqual(["Before"]);
    await publishUnannounced(editor, "From another instance", tag);
    // What revalidatePublicContent() in another process leaves behind: only the stored version changes here.
    await bumpContentVersion();
    await sleep(1200);
    expect(await tagPageTitles(tag)).toEqual(["From another instance", "Before"]);
  });

  it("stores a new content version with every announcement, which every instance reads", async () => {
    const real = await vi.importActual<typeof import("@/lib/cache/mutations")>("@/lib/cache/mutations");
    const realQueries = await vi.importActual<typeof import("@/lib/cache/queries")>("@/lib/cache/queries");
    const stored = await real.bumpContentVersion();
    expect((await realQueries.readCacheState(new Date())).version).toBe(stored);
    expect(await real.bumpContentVersion()).not.toBe(stored);
    // The mocked reader above only replaces the version; this file's own bump is what it reports.
    expect((await readCacheState(new Date())).version).toBe(String(versionOfThisFile.value));
  });
});
