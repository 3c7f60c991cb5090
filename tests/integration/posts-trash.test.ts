// The trash: deleting a post moves it there for TRASH_DAYS, every read but the trash's treats it as gone, a restore
// brings it back as it was, and only admins (or the expiry) delete it for good.
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import { prisma } from "@/lib/db";
import { listPostsForExport, readAllContent } from "@/lib/export/queries";
import { listFeedPosts } from "@/lib/feeds/queries";
import { deletePost, purgeExpiredTrash, purgePost, restorePost, savePost } from "@/lib/posts/mutations";
import {
  findExistingPostsForUrls,
  getPublishedPostBySlug,
  listPostsForAdmin,
  listPublicSources,
  listPublicTags,
  listPublishedPosts,
  listTrashedPosts,
} from "@/lib/posts/queries";
import { TRASH_DAYS, postListQuerySchema, type PostInput } from "@/lib/posts/schema";
import { searchPublishedPosts } from "@/lib/search/queries";
import { listSitemapPosts, listSitemapTaxonomy } from "@/lib/seo/queries";
import { getSourceForAdmin } from "@/lib/sources/queries";
import { getTagForAdmin } from "@/lib/tags/queries";
import { createApiToken } from "@/lib/tokens/mutations";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";

// Counts the announcements that drop a post's cached pages: a trashed or restored public post must make one.
const announcements = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/cache/public-content", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/cache/public-content")>();
  return {
    ...original,
    invalidatePostContent: async (posts: Parameters<typeof original.invalidatePostContent>[0]) => {
      announcements.count += 1;
      await original.invalidatePostContent(posts);
    },
  };
});

const DAY = 24 * 60 * 60 * 1000;

/** A post with a word of its own in the title, tag and source, so searches, tag pages and feeds find this one alone. */
function input(overrides: Partial<Record<keyof PostInput, string>> = {}) {
  const word = searchableWord("trash");
  return { word, input: testPostInput("trash", `Trashed ${word}`, { tags: `${word}, shared ${word}`, source: `Source ${word}`, ...overrides }) };
}

/** Everything that makes a post what it is, to compare before the trash and after a restore. */
function snapshot(id: string) {
  return prisma.post.findUniqueOrThrow({
    where: { id },
    omit: { updatedAt: true, deletedAt: true, deletedById: true },
    include: { tags: { select: { tagId: true, position: true }, orderBy: { position: "asc" } } },
  });
}

/** Where readers and the admin might see a post, each answering whether it is there. */
async function seenAt(post: { id: string; slug: string; word: string; title: string }, editor: TestUser) {
  const tagSlug = post.word;
  // Lists of the whole site are read through a tag of this post's own: other test files publish at the same time.
  const [page, tagPage, feed, sitemap, taxonomy, tags, sources, search, adminList, exported, allContent] = await Promise.all([
    getPublishedPostBySlug(post.slug),
    listPublishedPosts({ page: 1, tagSlug }),
    listFeedPosts({ kind: "tag", slug: tagSlug }),
    listSitemapPosts({ order: "stable" }),
    listSitemapTaxonomy(),
    listPublicTags(),
    listPublicSources(),
    searchPublishedPosts(post.word, { page: 1, perPage: 20 }),
    listPostsForAdmin(editor, postListQuerySchema.parse({ q: post.title })),
    listPostsForExport({ status: "all", tag: tagSlug }),
    readAllContent(),
  ]);
  return {
    page: page !== null,
    tagPage: tagPage.total,
    feed: feed?.posts.map((item) => item.slug) ?? [],
    sitemap: sitemap.some((item) => item.slug === post.slug),
    sitemapTag: taxonomy.tags.some((tag) => tag.slug === tagSlug),
    tagCount: tags.find((tag) => tag.slug === tagSlug)?.count ?? 0,
    sourceCount: sources.find((source) => source.name === `Source ${post.word}`)?.count ?? 0,
    search: search.items.map((item) => item.slug),
    adminList: adminList.total,
    exported: exported.length,
    allContent: allContent.posts.some((item) => item.slug === post.slug),
  };
}

const everywhere = (slug: string) => ({
  page: true,
  tagPage: 1,
  feed: [slug],
  sitemap: true,
  sitemapTag: true,
  tagCount: 1,
  sourceCount: 1,
  search: [slug],
  adminList: 1,
  exported: 1,
  allContent: true,
});
const nowhere = {
  page: false,
  tagPage: 0,
  feed: [],
  sitemap: false,
  sitemapTag: false,
  tagCount: 0,
  sourceCount: 0,
  search: [],
  adminList: 0,
  exported: 0,
  allContent: false,
};

async function apiGet(secret: string, id: string) {
  const request = new Request(`http://localhost/api/v1/posts/${id}`, { headers: { authorization: `Bearer ${secret}` } });
  return (await postRoute.GET(request, { params: Promise.resolve({ id }) })).status;
}

const auditActions = async (postId: string) =>
  (await prisma.auditLog.findMany({ where: { targetType: "post", targetId: postId }, orderBy: { createdAt: "asc" } })).map((entry) => ({
    action: entry.action,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    details: entry.details ? JSON.parse(entry.details) : null,
  }));

describeDatabase("the trash", () => {
  let admin: TestUser;
  let editor: TestUser;
  let contributor: TestUser;
  let otherContributor: TestUser;

  beforeAll(async () => {
    [admin, editor, contributor, otherContributor] = await Promise.all([
      createTestUser("ADMIN", `Ada Admin ${unique()}`),
      createTestUser("EDITOR", `Erin Editor ${unique()}`),
      createTestUser("CONTRIBUTOR"),
      createTestUser("CONTRIBUTOR"),
    ]);
  });
  beforeEach(() => {
    announcements.count = 0;
  });

  it("moving a public post to the trash takes it out of every public read and the admin's lists; restoring brings it back as it was", async () => {
    const { word, input: post } = input({ via: "https://news.example.net/item/1", commentary: "My *take*." });
    const saved = await savePost(editor, { intent: "publish", input: post });
    const where = { id: saved.id, slug: saved.slug, word, title: post.title };
    const token = await createApiToken(editor, editor.id, { name: unique("trash"), scopes: ["posts:read", "posts:write"], days: 1 });
    expect(await seenAt(where, editor)).toEqual(everywhere(saved.slug));
    expect(await apiGet(token.secret, saved.id)).toBe(200);
    const before = await snapshot(saved.id);
    const tag = await prisma.tag.findUniqueOrThrow({ where: { slug: word } });
    const source = await prisma.source.findUniqueOrThrow({ where: { name: `Source ${word}` } });
    expect((await getTagForAdmin(tag.id))?.postCount).toBe(1);

    announcements.count = 0;
    expect(await deletePost(editor, saved.id)).toEqual({ slug: saved.slug });
    expect(announcements.count).toBe(1);
    expect(await seenAt(where, editor)).toEqual(nowhere);
    expect(await apiGet(token.secret, saved.id)).toBe(404);
    expect(await apiGet(token.secret, saved.slug)).toBe(404);
    expect((await getTagForAdmin(tag.id))?.postCount).toBe(0);
    expect((await getSourceForAdmin(source.id))?.postCount).toBe(0);
    const trashed = await prisma.post.findUniqueOrThrow({ where: { id: saved.id } });
    expect(trashed).toMatchObject({ deletedById: editor.id, canonicalUrl: null, slug: saved.slug, status: "PUBLISHED" });
    // A second delete finds nothing to move: 404, through the API as well.
    await expectAppError(deletePost(editor, saved.id), "NOT_FOUND");
    const remove = new Request(`http://localhost/api/v1/posts/${saved.id}`, { method: "DELETE", headers: { authorization: `Bearer ${token.secret}` } });
    expect((await postRoute.DELETE(remove, { params: Promise.resolve({ id: saved.id }) })).status).toBe(404);
    // Editing a trashed post is refused, pointing at the trash.
    const editing = await expectAppError(savePost(editor, { postId: saved.id, version: saved.version, intent: "publish", input: post }), "NOT_FOUND");
    expect(editing.details.href).toBe("/admin/trash");

    announcements.count = 0;
    const restored = await restorePost(editor, saved.id);
    expect(restored).toEqual({ id: saved.id, title: post.title, slug: saved.slug, status: "PUBLISHED", publishedAt: saved.publishedAt, visible: true });
    expect(announcements.count).toBe(1);
    expect(await snapshot(saved.id)).toEqual(before);
    expect(await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ deletedAt: null, deletedById: null });
    expect(await seenAt(where, editor)).toEqual(everywhere(saved.slug));
    expect(await apiGet(token.secret, saved.id)).toBe(200);
    await expectAppError(restorePost(editor, saved.id), "NOT_FOUND");

    expect(await auditActions(saved.id)).toEqual([
      { action: "post.publish", actorId: editor.id, actorLabel: editor.name, details: null },
      { action: "post.delete", actorId: editor.id, actorLabel: editor.name, details: { trashed: true } },
      { action: "post.restore", actorId: editor.id, actorLabel: editor.name, details: null },
    ]);
  });

  it("a draft goes and comes back without refreshing public pages, and restoring keeps it a draft", async () => {
    const own = await savePost(contributor, { intent: "draft", input: input().input });
    await deletePost(contributor, own.id);
    const restored = await restorePost(contributor, own.id);
    expect(restored).toMatchObject({ status: "DRAFT", visible: false });
    expect(announcements.count).toBe(0);
  });

  it("a trashed post does not block posting the same article again, and cannot be restored while the new one exists", async () => {
    const { input: post } = input();
    const first = await savePost(editor, { intent: "publish", input: post });
    await deletePost(editor, first.id);
    expect(await findExistingPostsForUrls(editor, [post.externalUrl])).toEqual([]);
    // The same URL and the same title again: accepted, with a slug of its own (the trashed post keeps its slug).
    const again = await savePost(editor, { intent: "draft", input: post });
    expect(again.slug).toBe(`${first.slug}-2`);
    // Asking for the trashed post's slug outright gets the next free one, as for any taken slug.
    const third = await savePost(editor, { intent: "draft", input: { ...input().input, slug: first.slug } });
    expect(third.slug).toBe(`${first.slug}-3`);

    const error = await expectAppError(restorePost(editor, first.id), "CONFLICT");
    expect(error.details.href).toBe(`/admin/posts/${again.id}/edit`);
    expect(error.userMessage).toContain(post.title);
    // A contributor is not told which post holds the URL (they may not know of the editor's draft).
    const contributorsOwn = await savePost(contributor, { intent: "draft", input: input().input });
    const contributorsUrl = (await prisma.post.findUniqueOrThrow({ where: { id: contributorsOwn.id } })).externalUrl;
    await deletePost(contributor, contributorsOwn.id);
    await savePost(editor, { intent: "draft", input: input({ externalUrl: contributorsUrl }).input });
    const hidden = await expectAppError(restorePost(contributor, contributorsOwn.id), "CONFLICT");
    expect(hidden.details.href).toBeUndefined();
    expect(hidden.userMessage).toMatch(/Another post now links the same article, so this one cannot be restored/);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: first.id } })).deletedAt).not.toBeNull();

    // Once the new post is in the trash in its turn, the first comes back, with its URL claimed again.
    await deletePost(editor, again.id);
    await restorePost(editor, first.id);
    expect((await findExistingPostsForUrls(editor, [post.externalUrl])).map((notice) => notice.href)).toEqual([`/admin/posts/${first.id}/edit`]);
    await expectAppError(restorePost(editor, again.id), "CONFLICT");
  });

  it("lets whoever could delete a post restore it: a contributor their own draft only; editors and admins any", async () => {
    const others = await savePost(otherContributor, { intent: "draft", input: input().input });
    await deletePost(otherContributor, others.id);
    await expectAppError(restorePost(contributor, others.id), "FORBIDDEN");
    // A contributor's own post that an editor had published and then trashed is no longer theirs to bring back.
    const own = await savePost(contributor, { intent: "draft", input: input().input });
    const published = await savePost(editor, {
      postId: own.id,
      version: own.version,
      intent: "publish",
      input: { ...input().input, externalUrl: (await prisma.post.findUniqueOrThrow({ where: { id: own.id } })).externalUrl },
    });
    await expectAppError(deletePost(contributor, published.id), "FORBIDDEN");
    await deletePost(editor, published.id);
    await expectAppError(restorePost(contributor, published.id), "FORBIDDEN");
    expect((await prisma.post.findUniqueOrThrow({ where: { id: others.id } })).deletedAt).not.toBeNull();
    expect((await prisma.post.findUniqueOrThrow({ where: { id: published.id } })).deletedAt).not.toBeNull();

    // The trash lists what each may see: editors and admins every post, a contributor their own.
    const ids = async (who: TestUser) => (await listTrashedPosts(who, 1)).items.map((row) => row.id);
    expect(await ids(editor)).toEqual(expect.arrayContaining([others.id, published.id]));
    expect(await ids(contributor)).toContain(published.id);
    expect(await ids(contributor)).not.toContain(others.id);
    const row = (await listTrashedPosts(otherContributor, 1)).items[0];
    expect(row).toMatchObject({ id: others.id, author: { name: otherContributor.name }, deletedBy: { name: otherContributor.name } });

    await restorePost(editor, others.id);
    await restorePost(admin, published.id);
    expect(await prisma.post.count({ where: { id: { in: [others.id, published.id] }, deletedAt: null } })).toBe(2);
  });

  it("deletes for good only by an admin and only from the trash; tags and sources stay", async () => {
    const { word, input: post } = input();
    const saved = await savePost(editor, { intent: "publish", input: post });
    await expectAppError(purgePost(admin, saved.id), "NOT_FOUND");
    await deletePost(editor, saved.id);
    await expectAppError(purgePost(editor, saved.id), "FORBIDDEN");
    await expectAppError(purgePost(contributor, saved.id), "FORBIDDEN");
    expect(await prisma.post.count({ where: { id: saved.id } })).toBe(1);

    await purgePost(admin, saved.id);
    expect(await prisma.post.count({ where: { id: saved.id } })).toBe(0);
    expect(await prisma.postTag.count({ where: { postId: saved.id } })).toBe(0);
    expect(await prisma.tag.count({ where: { slug: word } })).toBe(1);
    await expectAppError(purgePost(admin, saved.id), "NOT_FOUND");
    await expectAppError(restorePost(admin, saved.id), "NOT_FOUND");
    expect((await auditActions(saved.id)).map((entry) => [entry.action, entry.actorId])).toEqual([
      ["post.publish", editor.id],
      ["post.delete", editor.id],
      ["post.purge", admin.id],
    ]);
  });

  it(`empties itself of posts trashed more than ${TRASH_DAYS} days ago, and only those`, async () => {
    const now = new Date();
    const posts = await Promise.all([input(), input(), input()].map(({ input: post }) => savePost(editor, { intent: "draft", input: post })));
    for (const post of posts) await deletePost(editor, post.id);
    const [expired, almost, fresh] = posts;
    await prisma.post.update({ where: { id: expired.id }, data: { deletedAt: new Date(now.getTime() - TRASH_DAYS * DAY - 60_000) } });
    await prisma.post.update({ where: { id: almost.id }, data: { deletedAt: new Date(now.getTime() - TRASH_DAYS * DAY + 60_000) } });

    await purgeExpiredTrash(now);
    expect(await prisma.post.count({ where: { id: expired.id } })).toBe(0);
    expect(await prisma.post.count({ where: { id: { in: [almost.id, fresh.id] } } })).toBe(2);
    const purge = (await auditActions(expired.id)).at(-1);
    expect(purge).toEqual({ action: "post.purge", actorId: null, actorLabel: "Linkpress", details: { expired: `${TRASH_DAYS} days in the trash` } });
    // A post outside the trash never expires, however old.
    const old = await savePost(editor, { intent: "draft", input: input().input });
    await purgeExpiredTrash(new Date(now.getTime() + 10 * TRASH_DAYS * DAY));
    expect(await prisma.post.count({ where: { id: old.id } })).toBe(1);
    expect(await prisma.post.count({ where: { id: { in: [almost.id, fresh.id] } } })).toBe(0);
  });
});
