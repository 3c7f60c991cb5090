import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { deletePost, savePost, type SavedPost } from "@/lib/posts/mutations";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

// Every announcement drops cached pages on every instance; a change readers cannot see must not make one (13 draft
// saves in 10 s had halved reader throughput), and one they can see names the post's keys, never everything.
const announcements = vi.hoisted(() => ({ count: 0, keys: [] as string[][] }));
vi.mock("@/lib/cache/public-content", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/cache/public-content")>();
  return {
    ...original,
    invalidatePostContent: async (posts: Parameters<typeof original.invalidatePostContent>[0]) => {
      announcements.count += 1;
      announcements.keys.push(posts.map((post) => post.slug));
      await original.invalidatePostContent(posts);
    },
    revalidatePublicContent: () => {
      throw new Error("A post change must not drop everything.");
    },
  };
});

function input(overrides: Partial<Record<keyof PostInput, string>> = {}): PostInput {
  const id = unique("announce");
  return postFormSchema.parse({ ...EMPTY_POST_FORM, title: `Announce ${id}`, externalUrl: `https://announce.example.com/${id}`, tags: id, ...overrides });
}

async function resave(actor: TestUser, post: SavedPost, intent: "draft" | "publish" | "unpublish", overrides: Partial<Record<keyof PostInput, string>> = {}) {
  const { externalUrl, version } = await prisma.post.findUniqueOrThrow({ where: { id: post.id } });
  return savePost(actor, { postId: post.id, version, intent, input: input({ externalUrl, ...overrides }) });
}

describeDatabase("which post saves refresh the public pages", () => {
  let contributor: TestUser;
  let editor: TestUser;

  beforeAll(async () => {
    contributor = await createTestUser("CONTRIBUTOR");
    editor = await createTestUser("EDITOR");
  });
  beforeEach(() => {
    announcements.count = 0;
    announcements.keys = [];
  });

  it("a contributor's draft: creating, editing again and again, and deleting it announce nothing", async () => {
    const draft = await savePost(contributor, { intent: "draft", input: input() });
    let latest = draft;
    for (let save = 0; save < 13; save += 1) latest = await resave(contributor, latest, "draft", { tldr: `edit ${save}` });
    await deletePost(contributor, draft.id);
    expect(announcements.count).toBe(0);
  });

  it("a post scheduled for later announces nothing until it is due (the cache reads the due time itself)", async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
    const scheduled = await savePost(editor, { intent: "schedule", input: input({ publishedAt: future }) });
    await resave(editor, scheduled, "draft", { publishedAt: future });
    expect(announcements.count).toBe(0);
  });

  it("publishing, editing a public post, unpublishing and deleting a public post each announce once", async () => {
    const published = await savePost(editor, { intent: "publish", input: input() });
    expect(announcements.count).toBe(1);
    expect(announcements.keys).toEqual([[published.slug]]);
    // A new address: both the old and the new page are named.
    const moved = await resave(editor, published, "publish", { slug: `${published.slug}-moved` });
    expect(announcements.keys[1]).toEqual([published.slug, `${published.slug}-moved`]);
    announcements.count = 1;
    const edited = await resave(editor, moved, "publish", { tldr: "A new TL;DR" });
    expect(announcements.count).toBe(2);
    const unpublished = await resave(editor, edited, "unpublish");
    expect(announcements.count).toBe(3);
    // A draft again: editing it is invisible once more.
    await resave(editor, unpublished, "draft", { tldr: "Quiet edit" });
    expect(announcements.count).toBe(3);
    const again = await savePost(editor, { intent: "publish", input: input() });
    await deletePost(editor, again.id);
    expect(announcements.count).toBe(5);
  });

  it("a refused save announces nothing", async () => {
    const published = await savePost(editor, { intent: "publish", input: input() });
    announcements.count = 0;
    await expect(resave(contributor, published, "draft")).rejects.toThrow();
    await expect(savePost(contributor, { intent: "publish", input: input() })).rejects.toThrow();
    expect(announcements.count).toBe(0);
  });
});
