import { beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { deletePost, purgePost, savePost } from "@/lib/posts/mutations";
import type { PostInput } from "@/lib/posts/schema";
import { searchPublishedPosts } from "@/lib/search/queries";
import { createTestUser, describeDatabase, provider, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";

const word = () => searchableWord();
const input = (overrides: Partial<Record<keyof PostInput, string>> = {}) => testPostInput("blog", "Cluster networking notes", overrides);

async function search(query: string, options: { page?: number; perPage?: number; now?: Date } = {}) {
  return searchPublishedPosts(query, { page: options.page ?? 1, perPage: options.perPage ?? 20, now: options.now });
}

async function foundTitles(query: string, now?: Date): Promise<string[]> {
  return (await search(query, { now })).items.map((item) => item.title);
}

/** How many rows the search index holds for a post (0 once it is deleted for good). */
async function indexRows(postId: string): Promise<number> {
  const rows =
    provider === "sqlite"
      ? await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT count(*) AS n FROM "post_search_doc" WHERE "post_id" = ${postId}`
      : await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT count(*) AS n FROM "post_search" WHERE "post_id" = ${postId}`;
  return Number(rows[0].n);
}

describeDatabase("search", () => {
  let editor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    [editor, admin] = await Promise.all([createTestUser("EDITOR"), createTestUser("ADMIN")]);
  });

  it("finds a published post by a word in its title, TL;DR, summary, commentary, tags or source name", async () => {
    const words = { title: word(), tldr: word(), summary: word(), commentary: word(), tag: word(), source: word() };
    const saved = await savePost(editor, {
      intent: "publish",
      input: input({
        title: `About ${words.title} today`,
        tldr: `Short: ${words.tldr}.`,
        summary: `A **bold** summary mentioning ${words.summary} once.`,
        commentary: `My take on ${words.commentary}.`,
        tags: `${words.tag}, kubernetes`,
        source: `Source ${words.source}`,
      }),
    });
    for (const [field, value] of Object.entries(words)) {
      const results = await search(value);
      expect(
        results.items.map((item) => item.slug),
        `found by its ${field}`,
      ).toEqual([saved.slug]);
      expect(results.total).toBe(1);
    }
  });

  it("ranks a title match above a summary match above a commentary match", async () => {
    const shared = word();
    const inCommentary = await savePost(editor, {
      intent: "publish",
      input: input({ title: `Commentary ${word()}`, commentary: `Mentions ${shared} in passing.` }),
    });
    const inTitle = await savePost(editor, { intent: "publish", input: input({ title: `All about ${shared}` }) });
    const inSummary = await savePost(editor, { intent: "publish", input: input({ title: `Summary ${word()}`, summary: `The summary names ${shared} once.` }) });
    const results = await search(shared);
    expect(results.items.map((item) => item.slug)).toEqual([inTitle.slug, inSummary.slug, inCommentary.slug]);
  });

  it("highlights the matched word in a snippet of the text it was found in", async () => {
    const target = word();
    await savePost(editor, {
      intent: "publish",
      input: input({ summary: `Before the match <script>alert(1)</script> comes ${target} and then <b>more</b> words follow.` }),
    });
    const [hit] = (await search(target)).items;
    const marked = hit.snippet.filter((part) => part.marked).map((part) => part.text.toLowerCase());
    expect(marked).toContain(target);
    const text = hit.snippet.map((part) => part.text).join("");
    // The surrounding words come along; PostgreSQL's ts_headline drops tag-like tokens, SQLite keeps them as text.
    expect(text).toContain("Before the match");
    expect(text).toContain("alert(1)");
    expect(text).not.toMatch(/[\uE000\uE001]/);
  });

  it("treats quotes, operators, wildcards, parentheses, NEAR and SQL as plain text and never fails", async () => {
    const target = word();
    const saved = await savePost(editor, { intent: "publish", input: input({ title: `Operators ${target}` }) });
    for (const query of [`"${target}`, `${target}*`, `-${target}`, `(${target}`, `${target})`, `${target} "`, `${target} * - ( ) :`, `"${target}"`]) {
      expect(
        (await search(query)).items.map((item) => item.slug),
        query,
      ).toEqual([saved.slug]);
    }
    const oddInputs = [
      `${target} NEAR`,
      `NEAR(${target} cluster, 5)`,
      `${target} AND OR NOT`,
      `title:${target}`,
      `'; DROP TABLE "Post"; --`,
      `${target} ${"(".repeat(4990)}`,
      "x".repeat(5000),
      "\u0000\u0001 \uE000 \uD800",
      "🚀 שלום \" ' \\",
    ];
    for (const query of oddInputs) await expect(search(query), query).resolves.toBeDefined();
    expect((await search(`${target} ${"(".repeat(4990)}`)).items.map((item) => item.slug)).toEqual([saved.slug]);
    expect(await prisma.post.count({ where: { id: saved.id } })).toBe(1);
  });

  it("never finds drafts, and finds a scheduled post only once it is due", async () => {
    const draftWord = word();
    await savePost(editor, { intent: "draft", input: input({ title: `Draft ${draftWord}` }) });
    expect(await foundTitles(draftWord)).toEqual([]);

    const scheduledWord = word();
    const due = new Date(Date.now() + 3_600_000);
    await savePost(editor, { intent: "schedule", input: input({ title: `Scheduled ${scheduledWord}`, publishedAt: due.toISOString().slice(0, 16) }) });
    expect(await foundTitles(scheduledWord)).toEqual([]);
    expect(await foundTitles(scheduledWord, new Date(due.getTime() + 60_000))).toEqual([`Scheduled ${scheduledWord}`]);
  });

  it("stays in step with publish, edit, unpublish, moving to the trash and deleting for good", async () => {
    const first = word();
    const second = word();
    const draft = await savePost(editor, { intent: "draft", input: input({ title: `Lifecycle ${first}` }) });
    const externalUrl = (await prisma.post.findUniqueOrThrow({ where: { id: draft.id } })).externalUrl;
    expect(await foundTitles(first)).toEqual([]);

    const published = await savePost(editor, {
      postId: draft.id,
      version: draft.version,
      intent: "publish",
      input: input({ title: `Lifecycle ${first}`, externalUrl }),
    });
    expect(await foundTitles(first)).toEqual([`Lifecycle ${first}`]);

    const edited = await savePost(editor, {
      postId: draft.id,
      version: published.version,
      intent: "publish",
      input: input({ title: `Lifecycle ${second}`, externalUrl }),
    });
    expect(await foundTitles(first)).toEqual([]);
    expect(await foundTitles(second)).toEqual([`Lifecycle ${second}`]);

    await savePost(editor, { postId: draft.id, version: edited.version, intent: "unpublish", input: input({ title: `Lifecycle ${second}`, externalUrl }) });
    expect(await foundTitles(second)).toEqual([]);

    expect(await indexRows(draft.id)).toBe(1);
    await deletePost(editor, draft.id);
    expect(await foundTitles(second)).toEqual([]);
    await purgePost(admin, draft.id);
    expect(await indexRows(draft.id)).toBe(0);
  });

  it("follows renamed tags and sources and forgets deleted tags", async () => {
    const [tagWord, renamedTag, sourceWord, renamedSource] = [word(), word(), word(), word()];
    const saved = await savePost(editor, { intent: "publish", input: input({ tags: tagWord, source: sourceWord }) });
    expect((await search(tagWord)).items.map((item) => item.slug)).toEqual([saved.slug]);

    await prisma.tag.update({ where: { slug: tagWord }, data: { name: renamedTag } });
    await prisma.source.update({ where: { slug: sourceWord }, data: { name: renamedSource } });
    expect((await search(renamedTag)).items.map((item) => item.slug)).toEqual([saved.slug]);
    expect((await search(renamedSource)).items.map((item) => item.slug)).toEqual([saved.slug]);
    expect((await search(sourceWord)).total).toBe(0);

    await prisma.tag.delete({ where: { slug: tagWord } });
    expect((await search(renamedTag)).total).toBe(0);
    await prisma.source.delete({ where: { slug: sourceWord } });
    expect((await search(renamedSource)).total).toBe(0);
  });

  it("pages through results with a total", async () => {
    const shared = word();
    for (let i = 0; i < 3; i++) await savePost(editor, { intent: "publish", input: input({ title: `Paged ${shared} ${i}` }) });
    const first = await search(shared, { perPage: 2 });
    expect(first).toMatchObject({ total: 3, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(2);
    const second = await search(shared, { perPage: 2, page: 2 });
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((item) => item.slug)).size).toBe(3);
    expect((await search(shared, { perPage: 2, page: 3 })).items).toEqual([]);
  });
});
