// The admin posts list (order, sorting, search, page size) and its bulk actions: each post goes through the ordinary
// save or move to the trash, with its own refusal, revision and audit entry.
import { beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runBulkAction } from "@/lib/posts/bulk";
import { savePost } from "@/lib/posts/mutations";
import { getPublishedPostBySlug, listPostsForAdmin } from "@/lib/posts/queries";
import { bulkPostsSchema, postListQuerySchema } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";

type Saved = Awaited<ReturnType<typeof savePost>> & { title: string };

async function save(actor: TestUser, intent: "draft" | "publish" | "schedule", title: string, overrides: Record<string, string> = {}): Promise<Saved> {
  const input = testPostInput("list", title, overrides);
  return { ...(await savePost(actor, { intent, input })), title: input.title };
}

const bulk = (actor: TestUser, action: string, posts: { id: string; version: number }[], extra: Record<string, string> = {}) =>
  runBulkAction(actor, bulkPostsSchema.parse({ action, posts: posts.map((post) => `${post.id}@${post.version}`), tag: "", source: "", ...extra }));

const auditOf = (id: string) =>
  prisma.auditLog.findMany({
    where: { targetType: "post", targetId: id },
    select: { action: true, details: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

describeDatabase("the admin posts list", () => {
  let editor: TestUser;
  let other: TestUser;
  const word = searchableWord("order");

  beforeAll(async () => {
    [editor, other] = await Promise.all([createTestUser("EDITOR", `aaa ${word}`), createTestUser("EDITOR", `zzz ${word}`)]);
  });

  it("lists undated drafts first by last change, then newest publish date first, with the id as tiebreak", async () => {
    const old = await save(editor, "publish", `cherry ${word}`, { publishedAt: "2025-01-01T10:00", source: `banana source ${word}` });
    const newer = await save(other, "publish", `apple ${word}`, { publishedAt: "2025-06-01T10:00", source: `cherry source ${word}` });
    const future = await save(editor, "schedule", `banana ${word}`, { publishedAt: "2099-01-01T10:00", source: `apple source ${word}` });
    const draft1 = await save(other, "draft", `date ${word}`, { source: `date source ${word}` });
    const draft2 = await save(editor, "draft", `elder ${word}`, { source: `elder source ${word}` });
    // The first draft is changed last, so it is the most recent change of all.
    await savePost(editor, {
      postId: draft1.id,
      version: draft1.version,
      intent: "draft",
      input: testPostInput("list", `date ${word}`, { source: `date source ${word}` }),
    });
    const titles = async (raw: Record<string, string>) =>
      (await listPostsForAdmin(editor, postListQuerySchema.parse({ q: word, ...raw }))).items.map((post) => post.title.split(" ")[0]);

    expect(await titles({})).toEqual(["date", "elder", "banana", "apple", "cherry"]);
    expect(await titles({ sort: "date", dir: "asc" })).toEqual(["cherry", "apple", "banana", "elder", "date"]);
    expect(await titles({ sort: "title" })).toEqual(["apple", "banana", "cherry", "date", "elder"]);
    expect(await titles({ sort: "title", dir: "desc" })).toEqual(["elder", "date", "cherry", "banana", "apple"]);
    expect(await titles({ sort: "source" })).toEqual(["banana", "cherry", "apple", "date", "elder"]);
    expect(await titles({ sort: "updated" })).toEqual(["date", "elder", "banana", "apple", "cherry"]);
    expect(await titles({ sort: "status" })).toEqual(["date", "elder", "apple", "cherry", "banana"]);
    const byAuthor = await titles({ sort: "author" });
    expect(byAuthor.slice(0, 3).sort()).toEqual(["banana", "cherry", "elder"]);
    expect(byAuthor.slice(3).sort()).toEqual(["apple", "date"]);
    // Equal authors keep one order (by id) from one call to the next, so paging never repeats or skips a post.
    expect(await titles({ sort: "author" })).toEqual(byAuthor);
    expect([old, newer, future, draft2]).toHaveLength(4);
  });

  it("searches the title, URL, TL;DR, summary, commentary and tags, in any case", async () => {
    const find = async (q: string) => (await listPostsForAdmin(editor, postListQuerySchema.parse({ q }))).items.map((post) => post.id);
    const summaryWord = searchableWord("sum");
    const tagWord = searchableWord("tag");
    const commentaryWord = searchableWord("com");
    const tldrWord = searchableWord("tldr");
    const post = await save(editor, "draft", `Searchable ${word}`, {
      summary: `Only the summary says ${summaryWord}.`,
      commentary: `And the commentary ${commentaryWord}.`,
      tldr: `Short ${tldrWord}`,
      tags: `Tag ${tagWord}`,
    });
    const stored = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { externalUrl: true } });
    for (const q of [summaryWord, summaryWord.toUpperCase(), commentaryWord, tldrWord, `tag ${tagWord}`.toUpperCase(), new URL(stored.externalUrl).pathname])
      expect(await find(q)).toEqual([post.id]);
    expect(await find(`${summaryWord}x`)).toEqual([]);
  });

  it("takes % and _ in a search as the characters they are, and ignores case beyond ASCII", async () => {
    const find = async (q: string) => (await listPostsForAdmin(editor, postListQuerySchema.parse({ q }))).items.map((post) => post.id);
    const stem = searchableWord("wild");
    const underscore = await save(editor, "draft", `Snake ${stem}_case`);
    const letter = await save(editor, "draft", `Snake ${stem}xcase`);
    const percent = await save(editor, "draft", `Sure ${stem} 100% so`);
    const accented = await save(editor, "draft", `Chez ${stem} Émile`);
    expect(await find(`${stem}_case`)).toEqual([underscore.id]);
    expect(await find(`${stem}xcase`)).toEqual([letter.id]);
    expect(await find(`${stem} 100%`)).toEqual([percent.id]);
    expect(await find(`${stem}%case`)).toEqual([]);
    expect(await find(`${stem} émile`)).toEqual([accented.id]);
    expect(await find(`${stem.toUpperCase()} ÉMILE`)).toEqual([accented.id]);
  });

  it("pages by the size the URL asks for", async () => {
    const size = searchableWord("size");
    for (let i = 0; i < 27; i++) await save(editor, "draft", `Sized ${size} ${i}`);
    const page = (raw: Record<string, string>) => listPostsForAdmin(editor, postListQuerySchema.parse({ q: size, ...raw }));
    const first = await page({});
    expect([first.items.length, first.pageCount, first.total]).toEqual([25, 2, 27]);
    expect((await page({ page: "2" })).items).toHaveLength(2);
    expect((await page({ size: "50" })).items).toHaveLength(27);
    expect((await page({ size: "7" })).items).toHaveLength(25);
    const ids = [...first.items, ...(await page({ page: "2" })).items].map((post) => post.id);
    expect(new Set(ids).size).toBe(27);
  });
});

describeDatabase("bulk actions on the posts list", () => {
  let editor: TestUser;
  let contributor: TestUser;

  beforeAll(async () => {
    [editor, contributor] = await Promise.all([createTestUser("EDITOR"), createTestUser("CONTRIBUTOR")]);
  });

  it("publishes what the rules allow and reports each refusal per reason, one audit entry and revision per post", async () => {
    const word = searchableWord("bulk");
    const allowed = await save(contributor, "draft", `Allowed ${word}`);
    const trashed = await save(editor, "draft", `Trashed ${word}`);
    await runBulkAction(editor, bulkPostsSchema.parse({ action: "trash", posts: [`${trashed.id}@${trashed.version}`], tag: "", source: "" }));
    const invalid = await save(editor, "draft", `Invalid ${word}`);
    await prisma.post.update({ where: { id: invalid.id }, data: { title: "x".repeat(301) } });
    const stale = await save(editor, "draft", `Stale ${word}`);
    const changed = testPostInput("list", `Stale ${word}`);
    await savePost(editor, { postId: stale.id, version: stale.version, intent: "draft", input: changed });
    const already = await save(editor, "publish", `Already ${word}`);

    const report = await bulk(editor, "publish", [allowed, trashed, invalid, stale, already]);
    expect(report.done).toBe(1);
    expect(report.unchanged).toEqual([{ reason: "it is already published", count: 1 }]);
    expect(report.refused.map((group) => [group.reason, group.count, group.posts.map((post) => post.title)])).toEqual([
      ["This post is in the trash. Restore it from the trash to edit it.", 1, [trashed.title]],
      ["a field does not pass the post rules; open the post to fix it", 1, ["x".repeat(301)]],
      ["changed by someone else after the list was loaded; reload the list and try again", 1, [changed.title]],
    ]);
    expect(report.refused[1].posts[0].detail).toBe("The title is too long: 301 characters, the limit is 300.");
    expect(report.refused[2].posts[0].detail).toMatch(/^This post was changed by someone else/);

    expect(await getPublishedPostBySlug(allowed.slug)).not.toBeNull();
    for (const post of [trashed, invalid, stale]) expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("DRAFT");
    expect((await auditOf(allowed.id)).map((entry) => [entry.action, JSON.parse(entry.details ?? "{}")])).toEqual([["post.publish", { bulk: true }]]);
    for (const post of [invalid, stale, already])
      expect((await auditOf(post.id)).filter((entry) => entry.action !== "post.publish" || post !== already)).toEqual([]);
    expect(await auditOf(already.id)).toHaveLength(1);
    const revisions = await prisma.postRevision.findMany({ where: { postId: allowed.id }, select: { how: true, status: true }, orderBy: { createdAt: "asc" } });
    expect(revisions.at(-1)).toEqual({ how: "bulk", status: "PUBLISHED" });
  });

  it("refuses a contributor what a single save refuses them, and lets them trash their own drafts", async () => {
    const word = searchableWord("contrib");
    const own = await save(contributor, "draft", `Own ${word}`);
    const ownToo = await save(contributor, "draft", `Own too ${word}`);
    const editors = await save(editor, "publish", `Editors ${word}`);

    const publish = await bulk(contributor, "publish", [own, ownToo]);
    expect(publish.done).toBe(0);
    expect(publish.refused).toEqual([
      expect.objectContaining({ reason: "Only editors and admins can publish, schedule or unpublish posts. Save it as a draft instead.", count: 2 }),
    ]);
    expect(await getPublishedPostBySlug(own.slug)).toBeNull();

    const trash = await bulk(contributor, "trash", [own, editors]);
    expect(trash.done).toBe(1);
    expect(trash.refused).toEqual([expect.objectContaining({ reason: "You can only delete your own drafts.", count: 1 })]);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: own.id } })).deletedAt).not.toBeNull();
    expect(await getPublishedPostBySlug(editors.slug)).not.toBeNull();
    expect((await auditOf(own.id)).map((entry) => entry.action)).toEqual(["post.delete"]);
    expect(await auditOf(editors.id)).toHaveLength(1);

    const tag = await bulk(contributor, "add_tag", [ownToo, editors], { tag: "Contributed" });
    expect(tag.done).toBe(1);
    expect(tag.refused.map((group) => group.reason)).toEqual(["You can only edit your own drafts. Ask an editor to change this post."]);
  });

  it("adds and removes a tag and sets the source, keeping each post's status, one audit entry each", async () => {
    const word = searchableWord("tags");
    const published = await save(editor, "publish", `Published ${word}`, { tags: "Kept" });
    const draft = await save(editor, "draft", `Draft ${word}`, { tags: `Kept, Extra ${word}` });
    const tagName = `Extra ${word}`;
    const tagsOf = async (id: string) =>
      (await prisma.postTag.findMany({ where: { postId: id }, select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } })).map(
        (link) => link.tag.name,
      );
    const current = async (id: string) =>
      prisma.post.findUniqueOrThrow({ where: { id }, select: { id: true, version: true, status: true, source: { select: { name: true } } } });

    const added = await bulk(editor, "add_tag", [published, draft], { tag: tagName.toUpperCase() });
    expect([added.done, added.unchanged]).toEqual([1, [{ reason: "it already has that tag", count: 1 }]]);
    expect(await tagsOf(published.id)).toEqual(["Kept", tagName]);
    expect((await current(published.id)).status).toBe("PUBLISHED");

    const removed = await bulk(editor, "remove_tag", [await current(published.id), await current(draft.id)], { tag: tagName });
    expect(removed.done).toBe(2);
    expect(await tagsOf(published.id)).toEqual(["Kept"]);
    expect(await tagsOf(draft.id)).toEqual(["Kept"]);

    const sourced = await bulk(editor, "set_source", [await current(published.id), await current(draft.id)], { source: `Source ${word}` });
    expect(sourced.done).toBe(2);
    expect(await current(published.id)).toMatchObject({ status: "PUBLISHED", source: { name: `Source ${word}` } });
    expect(await current(draft.id)).toMatchObject({ status: "DRAFT", source: { name: `Source ${word}` } });

    const edits = (await auditOf(draft.id)).map((entry) => [entry.action, JSON.parse(entry.details ?? "{}").bulk]);
    expect(edits).toEqual([
      ["post.edit", "remove_tag"],
      ["post.edit", "set_source"],
    ]);
  });

  it("unpublishes, and says so when a post is a draft already", async () => {
    const word = searchableWord("unpub");
    const published = await save(editor, "publish", `Live ${word}`);
    const draft = await save(editor, "draft", `Quiet ${word}`);
    const report = await bulk(editor, "unpublish", [published, draft]);
    expect([report.done, report.unchanged]).toEqual([1, [{ reason: "it is already a draft", count: 1 }]]);
    expect(await getPublishedPostBySlug(published.slug)).toBeNull();
    expect((await auditOf(published.id)).map((entry) => entry.action)).toEqual(["post.publish", "post.unpublish"]);
  });
});
