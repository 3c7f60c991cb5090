import { beforeAll, expect, it } from "vitest";
import { savePost } from "@/lib/posts/mutations";
import { listPostsForAdmin, listPublishedPosts } from "@/lib/posts/queries";
import { postFormSchema, postListQuerySchema } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

describeDatabase("post lists", () => {
  let editor: TestUser;
  let contributor: TestUser;
  const marker = unique("list");
  const tag = `tag-${marker}`;
  const titles: string[] = [];

  beforeAll(async () => {
    [editor, contributor] = await Promise.all([createTestUser("EDITOR"), createTestUser("CONTRIBUTOR")]);
    // Five published posts a day apart (oldest first), one draft by the contributor, one scheduled in the future.
    for (let day = 1; day <= 5; day++) {
      const title = `${marker} published ${day}`;
      titles.push(title);
      await savePost(editor, {
        intent: "publish",
        input: postFormSchema.parse({
          title,
          externalUrl: `https://example.com/${marker}/${day}`,
          source: `Source ${marker}`,
          tags: tag,
          publishedAt: `2025-01-0${day}T12:00`,
          tldr: "",
          summary: "",
          commentary: "",
          slug: "",
        }),
      });
    }
    await savePost(contributor, {
      intent: "draft",
      input: postFormSchema.parse({
        title: `${marker} draft`,
        externalUrl: `https://example.com/${marker}/draft`,
        source: "",
        tags: tag,
        publishedAt: "",
        tldr: "",
        summary: "",
        commentary: "",
        slug: "",
      }),
    });
    await savePost(editor, {
      intent: "schedule",
      input: postFormSchema.parse({
        title: `${marker} scheduled`,
        externalUrl: `https://example.com/${marker}/scheduled`,
        source: "",
        tags: tag,
        publishedAt: "2099-01-01T00:00",
        tldr: "",
        summary: "",
        commentary: "",
        slug: "",
      }),
    });
  });

  it("pages through a tag's published posts newest first, without drafts or future posts", async () => {
    const first = await listPublishedPosts({ page: 1, perPage: 2, tagSlug: tag });
    const second = await listPublishedPosts({ page: 2, perPage: 2, tagSlug: tag });
    const third = await listPublishedPosts({ page: 3, perPage: 2, tagSlug: tag });
    expect(first.total).toBe(5);
    expect(first.pageCount).toBe(3);
    expect([...first.items, ...second.items, ...third.items].map((post) => post.title)).toEqual([...titles].reverse());
  });

  it("filters the admin list by status, tag, source and title, and shows contributors only their own posts", async () => {
    const query = (raw: Record<string, string>) => postListQuerySchema.parse({ tag, q: marker, ...raw });
    const titlesOf = async (actor: TestUser, raw: Record<string, string>) => (await listPostsForAdmin(actor, query(raw))).items.map((post) => post.title);

    expect(await titlesOf(editor, { status: "draft" })).toEqual([`${marker} draft`]);
    expect(await titlesOf(editor, { status: "scheduled" })).toEqual([`${marker} scheduled`]);
    expect(await titlesOf(editor, { status: "published" })).toHaveLength(5);
    expect(await titlesOf(editor, { status: "all" })).toHaveLength(7);
    expect((await listPostsForAdmin(editor, postListQuerySchema.parse({ source: `source-${marker}`, q: marker }))).total).toBe(5);
    expect(await titlesOf(editor, { status: "all", q: `${marker} PUBLISHED 3` })).toEqual([`${marker} published 3`]);
    expect(await titlesOf(contributor, { status: "all" })).toEqual([`${marker} draft`]);
  });
});
