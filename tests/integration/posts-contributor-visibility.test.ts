import { beforeAll, expect, it } from "vitest";
import { savePost } from "@/lib/posts/mutations";
import { listSourcesVisibleTo } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";

// A contributor must not learn, from a refusal or a suggestion, what they cannot open: someone else's draft or a
// post scheduled ahead. What they may open (their own posts, published ones) may be named.
describeDatabase("what a contributor is told about posts they cannot open", () => {
  let contributor: TestUser;
  let otherContributor: TestUser;
  let editor: TestUser;
  const secret = `Secret merger ${unique()}`;
  const url = (name: string) => `https://www.example.org/visibility/${name}/`;
  const urls = { othersDraft: url(unique("draft")), scheduled: url(unique("scheduled")), published: url(unique("published")), own: url(unique("own")) };
  const names = {
    othersDraftTag: unique("draft-tag"),
    scheduledTag: unique("scheduled-tag"),
    publishedTag: unique("published-tag"),
    ownTag: unique("own-tag"),
    othersDraftSource: `Draft Source ${unique()}`,
    scheduledSource: `Scheduled Source ${unique()}`,
    publishedSource: `Published Source ${unique()}`,
    ownSource: `Own Source ${unique()}`,
  };
  const ids: Record<string, string> = {};
  let publishedSlug: string;

  beforeAll(async () => {
    [contributor, otherContributor, editor] = await Promise.all([createTestUser("CONTRIBUTOR"), createTestUser("CONTRIBUTOR"), createTestUser("EDITOR")]);
    ids.othersDraft = (
      await savePost(otherContributor, {
        intent: "draft",
        input: testPostInput("visibility", secret, { externalUrl: urls.othersDraft, tags: names.othersDraftTag, source: names.othersDraftSource }),
      })
    ).id;
    ids.scheduled = (
      await savePost(editor, {
        intent: "schedule",
        input: testPostInput("visibility", `${secret} embargoed`, {
          externalUrl: urls.scheduled,
          tags: names.scheduledTag,
          source: names.scheduledSource,
          publishedAt: "2999-01-01T09:00",
        }),
      })
    ).id;
    const published = await savePost(editor, {
      intent: "publish",
      input: testPostInput("visibility", "Public post", { externalUrl: urls.published, tags: names.publishedTag, source: names.publishedSource }),
    });
    ids.published = published.id;
    publishedSlug = published.slug;
    ids.own = (
      await savePost(contributor, {
        intent: "draft",
        input: testPostInput("visibility", "My own draft", { externalUrl: urls.own, tags: names.ownTag, source: names.ownSource }),
      })
    ).id;
  });

  for (const kind of ["othersDraft", "scheduled"] as const) {
    it(`refuses a URL used by ${kind === "othersDraft" ? "another person's draft" : "a scheduled post"} without its title or a link`, async () => {
      const error = await expectAppError(
        savePost(contributor, { intent: "draft", input: testPostInput("visibility", "Mine", { externalUrl: urls[kind] }) }),
        "CONFLICT",
        { field: "externalUrl", message: /already/ },
      );
      expect(error.userMessage).not.toContain(secret);
      expect(error.details.href).toBeUndefined();
      expect(JSON.stringify(error.details)).not.toContain(ids[kind]);
    });
  }

  it("names a published post and links its public page, which the contributor may open", async () => {
    const error = await expectAppError(
      savePost(contributor, { intent: "draft", input: testPostInput("visibility", "Mine", { externalUrl: urls.published }) }),
      "CONFLICT",
      { field: "externalUrl" },
    );
    expect(error.userMessage).toContain("Public post");
    expect(error.details.href).toBe(`/posts/${publishedSlug}`);
  });

  it("names the contributor's own draft and links its edit page", async () => {
    const error = await expectAppError(
      savePost(contributor, { intent: "draft", input: testPostInput("visibility", "Mine", { externalUrl: urls.own }) }),
      "CONFLICT",
      { field: "externalUrl" },
    );
    expect(error.userMessage).toContain("My own draft");
    expect(error.details.href).toBe(`/admin/posts/${ids.own}/edit`);
  });

  it("still names any post with its edit link to an editor", async () => {
    const error = await expectAppError(
      savePost(editor, { intent: "draft", input: testPostInput("visibility", "Editor's", { externalUrl: urls.othersDraft }) }),
      "CONFLICT",
      { field: "externalUrl" },
    );
    expect(error.userMessage).toContain(secret);
    expect(error.details.href).toBe(`/admin/posts/${ids.othersDraft}/edit`);
  });

  it("suggests to a contributor only the tags and sources of published posts and of their own posts", async () => {
    const tags = (await listTagsVisibleTo(contributor)).map((tag) => tag.name);
    expect(tags).toEqual(expect.arrayContaining([names.publishedTag, names.ownTag]));
    expect(tags).not.toContain(names.othersDraftTag);
    expect(tags).not.toContain(names.scheduledTag);
    const sources = (await listSourcesVisibleTo(contributor)).map((source) => source.name);
    expect(sources).toEqual(expect.arrayContaining([names.publishedSource, names.ownSource]));
    expect(sources).not.toContain(names.othersDraftSource);
    expect(sources).not.toContain(names.scheduledSource);
  });

  it("suggests every tag and source to an editor", async () => {
    const tags = (await listTagsVisibleTo(editor)).map((tag) => tag.name);
    expect(tags).toEqual(expect.arrayContaining([names.publishedTag, names.ownTag, names.othersDraftTag, names.scheduledTag]));
    const sources = (await listSourcesVisibleTo(editor)).map((source) => source.name);
    expect(sources).toEqual(expect.arrayContaining([names.publishedSource, names.ownSource, names.othersDraftSource, names.scheduledSource]));
  });
});
