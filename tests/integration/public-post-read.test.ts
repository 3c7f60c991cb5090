// The post page's read (getPublishedPostBySlug) is one raw SQL statement per database, for speed. It must give what
// Prisma's query builder gives for the same post (publicPostSelect, the read the feeds use): the same fields, the
// tags in the post's order, the source, the archived copy of a dead link, and nothing that is not public at `now`.
import { beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { savePost } from "@/lib/posts/mutations";
import { getPublishedPostBySlug, publicPostSelect, toPublicPost } from "@/lib/posts/queries";
import { publicPostWhere } from "@/lib/posts/visibility";
import { createTestUser, describeDatabase, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";

vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

async function throughQueryBuilder(slug: string, now: Date) {
  const row = await prisma.post.findFirst({ where: { slug, ...publicPostWhere(now) }, select: publicPostSelect });
  return row ? toPublicPost(row) : null;
}

describeDatabase("the post page's read", () => {
  let editor: TestUser;
  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });

  it("gives what Prisma's query builder gives, for posts of every shape", async () => {
    // Tag names no other test uses: an existing tag with the same slug would lend its own name (tests share the database).
    const word = searchableWord("tag");
    const tagNames = [`zeta${word}`, `Alpha${word}`, `mid-${word}`];
    const full = await savePost(editor, {
      intent: "publish",
      input: testPostInput("raw-read", "Full", {
        source: `Raw Read Source ${word}`,
        tags: tagNames.join(", "),
        via: "https://via.example/raw",
        commentary: "A *commentary* with <b>markup</b> & “quotes”.",
      }),
    });
    const bare = await savePost(editor, { intent: "publish", input: testPostInput("raw-read", "Bare", { summary: "", tldr: "Only a TL;DR." }) });
    const dead = await savePost(editor, { intent: "publish", input: testPostInput("raw-read", "Dead link") });
    const deadUrl = (await prisma.post.findUniqueOrThrow({ where: { id: dead.id }, select: { externalUrl: true } })).externalUrl;
    await prisma.linkCheck.create({
      data: { postId: dead.id, url: deadUrl, host: new URL(deadUrl).host, state: "DEAD", archiveUrl: "https://archive.example/raw", checkedAt: new Date() },
    });
    const now = new Date();

    for (const saved of [full, bare, dead]) {
      const read = await getPublishedPostBySlug(saved.slug, now);
      expect(read, saved.slug).not.toBeNull();
      expect(read).toEqual(await throughQueryBuilder(saved.slug, now));
    }
    const fullRead = (await getPublishedPostBySlug(full.slug, now))!;
    expect(fullRead.tags.map((tag) => tag.name)).toEqual(tagNames);
    expect(fullRead.source?.name).toBe(`Raw Read Source ${word}`);
    expect(fullRead.publishedAt).toBeInstanceOf(Date);
    expect((await getPublishedPostBySlug(bare.slug, now))!.tags).toEqual([]);
    expect((await getPublishedPostBySlug(dead.slug, now))!.archiveUrl).toBe("https://archive.example/raw");
  });

  it("finds nothing that is not public at `now`: a draft, a post scheduled later, a trashed post", async () => {
    const now = new Date();
    const draft = await savePost(editor, { intent: "draft", input: testPostInput("raw-read", "Draft") });
    const later = new Date(now.getTime() + 60 * 60 * 1000);
    const scheduled = await savePost(editor, { intent: "schedule", input: { ...testPostInput("raw-read", "Scheduled"), publishedAt: later } });
    const trashed = await savePost(editor, { intent: "publish", input: testPostInput("raw-read", "Trashed") });
    await prisma.post.update({ where: { id: trashed.id }, data: { deletedAt: now } });

    for (const saved of [draft, scheduled, trashed]) expect(await getPublishedPostBySlug(saved.slug, now), saved.slug).toBeNull();
    // The scheduled post is public from its time on, as the query builder says too.
    const afterIt = new Date(later.getTime() + 1000);
    expect(await getPublishedPostBySlug(scheduled.slug, afterIt)).toEqual(await throughQueryBuilder(scheduled.slug, afterIt));
    expect(await getPublishedPostBySlug(scheduled.slug, afterIt)).not.toBeNull();
    expect(await getPublishedPostBySlug("no-such-post-anywhere", now)).toBeNull();
  });
});
