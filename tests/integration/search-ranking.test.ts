import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { savePost } from "@/lib/posts/mutations";
import type { PostInput } from "@/lib/posts/schema";
import { SEARCH_RANK_LIMIT, searchPublishedPosts } from "@/lib/search/queries";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";

const word = () => searchableWord("zr");
const input = (overrides: Partial<Record<keyof PostInput, string>> = {}) => testPostInput("rank", "Cluster notes", overrides);

// Ranking reads only the newest SEARCH_RANK_LIMIT matches of a query (lowered here through `rankLimit`): a query
// with fewer matches is ranked in full, one with more is ranked among its newest matches and says "more than".

const DAY = 86_400_000;

describeDatabase("search ranking bound", () => {
  let editor: TestUser;
  const bulkSlugPrefix = unique("bulk-rank");

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });

  afterAll(async () => {
    await prisma.post.deleteMany({ where: { slug: { startsWith: bulkSlugPrefix } } });
  });

  /** A published post dated `daysAgo` days back. */
  async function publishedPost(daysAgo: number, overrides: Partial<Record<keyof PostInput, string>>) {
    const saved = await savePost(editor, { intent: "publish", input: input(overrides) });
    await prisma.post.update({ where: { id: saved.id }, data: { publishedAt: new Date(Date.now() - daysAgo * DAY) } });
    return saved.slug;
  }

  it("ranks every match of a selective query, the title match first, whether the limit is far or exactly reached", async () => {
    const shared = word();
    const inTitle = await publishedPost(30, { title: `All about ${shared}` });
    const inCommentary = await publishedPost(20, { title: `Commentary ${word()}`, commentary: `Mentions ${shared} in passing.` });
    const inSummary = await publishedPost(10, { title: `Summary ${word()}`, summary: `The summary names ${shared} once.` });
    await savePost(editor, { intent: "draft", input: input({ title: `Draft about ${shared}` }) });

    for (const rankLimit of [undefined, 3]) {
      const results = await searchPublishedPosts(shared, { page: 1, perPage: 20, rankLimit });
      expect(
        results.items.map((item) => item.slug),
        `rankLimit ${rankLimit}`,
      ).toEqual([inTitle, inSummary, inCommentary]);
      expect(results).toMatchObject({ total: 3, totalIsCapped: false, pageCount: 1 });
    }
  });

  it("ranks a common word among its newest public matches only, with a capped total and pages that cover them once", async () => {
    const shared = word();
    // Newest first: five recent posts (one with the word in its title), then two older ones with it in the title.
    const recent = [
      await publishedPost(1, { title: `Recent one ${word()}`, commentary: `Also ${shared}.` }),
      await publishedPost(2, { title: `Recent two ${word()}`, commentary: `Also ${shared}.` }),
      await publishedPost(3, { title: `Recent ${shared} in the title` }),
      await publishedPost(4, { title: `Recent four ${word()}`, commentary: `Also ${shared}.` }),
      await publishedPost(5, { title: `Recent five ${word()}`, commentary: `Also ${shared}.` }),
    ];
    const older = [await publishedPost(40, { title: `Older ${shared} in the title` }), await publishedPost(50, { title: `Oldest ${shared} title` })];
    // Neither a draft nor a post scheduled for later is found, nor takes the place of a public match.
    await savePost(editor, { intent: "draft", input: input({ title: `Draft ${shared} in the title` }) });
    const due = new Date(Date.now() + 3_600_000);
    const scheduled = await savePost(editor, {
      intent: "schedule",
      input: input({ title: `Scheduled ${shared} in the title`, publishedAt: due.toISOString().slice(0, 16) }),
    });

    const pages = [1, 2, 3].map((page) => searchPublishedPosts(shared, { page, perPage: 2, rankLimit: 5 }));
    const [first, second, third] = await Promise.all(pages);
    expect(first).toMatchObject({ total: 5, totalIsCapped: true, pageCount: 3, page: 1 });
    expect(first.items[0].slug).toBe(recent[2]);
    const paged = [...first.items, ...second.items, ...third.items].map((item) => item.slug);
    expect(paged).toHaveLength(5);
    expect(new Set(paged)).toEqual(new Set(recent));
    expect((await searchPublishedPosts(shared, { page: 4, perPage: 2, rankLimit: 5 })).items).toEqual([]);

    // Seven public matches: a limit of seven ranks them all; six leaves out the oldest.
    const all = await searchPublishedPosts(shared, { page: 1, perPage: 20, rankLimit: 7 });
    expect(all).toMatchObject({ total: 7, totalIsCapped: false, pageCount: 1 });
    expect(new Set(all.items.slice(0, 3).map((item) => item.slug))).toEqual(new Set([recent[2], ...older]));
    expect(all.items.map((item) => item.slug)).not.toContain(scheduled.slug);
    const six = await searchPublishedPosts(shared, { page: 1, perPage: 20, rankLimit: 6 });
    expect(six).toMatchObject({ total: 6, totalIsCapped: true });
    expect(six.items.map((item) => item.slug)).not.toContain(older[1]);
    expect(six.items.map((item) => item.slug)).toContain(older[0]);

    // Once due, the scheduled post is the newest match.
    const later = await searchPublishedPosts(shared, { page: 1, perPage: 20, rankLimit: 1, now: new Date(due.getTime() + 60_000) });
    expect(later).toMatchObject({ total: 1, totalIsCapped: true });
    expect(later.items.map((item) => item.slug)).toEqual([scheduled.slug]);
  });

  it(`caps at ${SEARCH_RANK_LIMIT} by default: the newest ${SEARCH_RANK_LIMIT} of ${SEARCH_RANK_LIMIT + 1} matches, paged`, async () => {
    const shared = word();
    const base = Date.UTC(2001, 0, 1);
    await prisma.post.createMany({
      data: Array.from({ length: SEARCH_RANK_LIMIT + 1 }, (_, i) => ({
        title: `Bulk ${i} mentions ${shared}`,
        slug: `${bulkSlugPrefix}-${i}`,
        externalUrl: `https://bulk.example.org/${bulkSlugPrefix}/${i}`,
        canonicalUrl: `https://bulk.example.org/${bulkSlugPrefix}/${i}`,
        status: "PUBLISHED",
        // Post 0 is the oldest: past the limit.
        publishedAt: new Date(base + i * 60_000),
      })),
    });
    const perPage = 20;
    const first = await searchPublishedPosts(shared, { page: 1, perPage });
    expect(first).toMatchObject({ total: SEARCH_RANK_LIMIT, totalIsCapped: true, pageCount: SEARCH_RANK_LIMIT / perPage });
    const last = await searchPublishedPosts(shared, { page: SEARCH_RANK_LIMIT / perPage, perPage });
    expect(last.items).toHaveLength(perPage);
    expect((await searchPublishedPosts(shared, { page: SEARCH_RANK_LIMIT / perPage + 1, perPage })).items).toEqual([]);
    const seen = new Set<string>();
    for (let page = 1; page <= SEARCH_RANK_LIMIT / perPage; page += 1) {
      for (const item of (await searchPublishedPosts(shared, { page, perPage })).items) seen.add(item.slug);
    }
    expect(seen.size).toBe(SEARCH_RANK_LIMIT);
    expect(seen.has(`${bulkSlugPrefix}-0`)).toBe(false);
    expect(seen.has(`${bulkSlugPrefix}-${SEARCH_RANK_LIMIT}`)).toBe(true);
  });
});
