import { beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { deletePost, savePost, type SavePostCommand } from "@/lib/posts/mutations";
import { postFormValues } from "@/lib/posts/form-values";
import { getPostForEditing, getPublishedPostBySlug, listPublishedPosts } from "@/lib/posts/queries";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { expectAppError } from "../support/app-error";

function input(overrides: Partial<Record<keyof PostInput, string>> = {}): PostInput {
  const id = unique("post");
  return postFormSchema.parse({
    title: `Securing Kubernetes traffic ${id}`,
    externalUrl: `https://www.tigera.io/blog/${id}/`,
    source: "Tigera",
    tags: "tigera, Kubernetes",
    publishedAt: "",
    tldr: "Calico Ingress Gateway secures north-south traffic.",
    summary: "A **summary** with a [link](https://www.tigera.io/).",
    commentary: "",
    slug: "",
    ...overrides,
  });
}

async function isListedPublicly(slug: string): Promise<boolean> {
  const page = await listPublishedPosts({ page: 1, perPage: 200 });
  return page.items.some((post) => post.slug === slug);
}

describeDatabase("posts", () => {
  let editor: TestUser;
  let otherEditor: TestUser;
  let contributor: TestUser;

  beforeAll(async () => {
    [editor, otherEditor, contributor] = await Promise.all([
      createTestUser("EDITOR", "Erin Editor"),
      createTestUser("EDITOR", "Otto Other"),
      createTestUser("CONTRIBUTOR"),
    ]);
  });

  it("keeps a draft off every public list and page", async () => {
    const saved = await savePost(contributor, { intent: "draft", input: input() });
    expect(saved.status).toBe("DRAFT");
    expect(await getPublishedPostBySlug(saved.slug)).toBeNull();
    expect(await isListedPublicly(saved.slug)).toBe(false);
  });

  it("publishes with the current time and shows the post with its source and tags in order", async () => {
    const before = Date.now();
    const saved = await savePost(editor, { intent: "publish", input: input({ tags: "Zeta, alpha, Kubernetes" }) });
    expect(saved.status).toBe("PUBLISHED");
    expect(saved.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    const post = await getPublishedPostBySlug(saved.slug);
    expect(post?.source).toEqual({ name: "Tigera", slug: "tigera" });
    expect(post?.tags.map((tag) => tag.slug)).toEqual(["zeta", "alpha", "kubernetes"]);
    expect(await isListedPublicly(saved.slug)).toBe(true);
    const bySource = await listPublishedPosts({ page: 1, perPage: 200, sourceSlug: "tigera" });
    expect(bySource.items.map((item) => item.slug)).toContain(saved.slug);
    const byTag = await listPublishedPosts({ page: 1, perPage: 200, tagSlug: "zeta" });
    expect(byTag.items.map((item) => item.slug)).toContain(saved.slug);
  });

  it("keeps where the link was found (via): saved, shown to readers and the edit form, changed, then cleared", async () => {
    const via = `https://news.ycombinator.com/item?id=${unique("via")}`;
    const saved = await savePost(editor, { intent: "publish", input: input({ via: ` ${via} ` }) });
    expect((await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).viaUrl).toBe(via);
    expect((await getPublishedPostBySlug(saved.slug))?.viaUrl).toBe(via);
    const editing = await getPostForEditing(saved.id);
    expect(postFormValues(editing!, "UTC").via).toBe(via);

    const base = { externalUrl: editing!.externalUrl, title: editing!.title };
    const changed = await savePost(editor, {
      postId: saved.id,
      version: saved.version,
      intent: "publish",
      input: input({ ...base, via: "https://lobste.rs/s/abc" }),
    });
    expect((await getPublishedPostBySlug(saved.slug))?.viaUrl).toBe("https://lobste.rs/s/abc");
    await savePost(editor, { postId: saved.id, version: changed.version, intent: "publish", input: input({ ...base, via: "" }) });
    expect((await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).viaUrl).toBeNull();
    expect((await getPublishedPostBySlug(saved.slug))?.viaUrl).toBeNull();
    expect(postFormValues((await getPostForEditing(saved.id))!, "UTC").via).toBe("");
  });

  it("stores no via for a post saved without one", async () => {
    const saved = await savePost(editor, { intent: "draft", input: input() });
    expect((await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).viaUrl).toBeNull();
  });

  it("keeps a given publish date when publishing", async () => {
    const saved = await savePost(editor, { intent: "publish", input: input({ publishedAt: "2025-06-17T16:26" }) });
    expect(saved.publishedAt?.toISOString()).toBe("2025-06-17T16:26:00.000Z");
    expect(saved.status).toBe("PUBLISHED");
  });

  it("keeps an exact publish date and its original text when the form sends it back to the minute", async () => {
    const saved = await savePost(editor, { intent: "publish", input: input({ publishedAt: "2025-12-09T18:53:48.536" }) });
    await prisma.post.update({ where: { id: saved.id }, data: { dateText: "2025-12-09T18:53:48.536000+00:00" } });
    const url = (await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).externalUrl;
    const resaved = await savePost(editor, {
      postId: saved.id,
      version: saved.version,
      intent: "publish",
      input: input({ externalUrl: url, publishedAt: "2025-12-09T18:53" }),
    });
    expect(resaved.publishedAt?.toISOString()).toBe("2025-12-09T18:53:48.536Z");
    expect((await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).dateText).toBe("2025-12-09T18:53:48.536000+00:00");
    const moved = await savePost(editor, {
      postId: saved.id,
      version: resaved.version,
      intent: "publish",
      input: input({ externalUrl: url, publishedAt: "2025-12-09T18:54" }),
    });
    expect(moved.publishedAt?.toISOString()).toBe("2025-12-09T18:54:00.000Z");
    expect((await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).dateText).toBeNull();
  });

  it("shows a scheduled post by itself once its date has passed", async () => {
    const due = new Date(Date.now() + 1000);
    const saved = await savePost(editor, { intent: "schedule", input: input({ publishedAt: due.toISOString().slice(0, 23) }) });
    expect(saved.status).toBe("SCHEDULED");
    expect(await getPublishedPostBySlug(saved.slug)).toBeNull();
    expect(await isListedPublicly(saved.slug)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, due.getTime() - Date.now() + 150));
    expect(await getPublishedPostBySlug(saved.slug)).not.toBeNull();
    expect(await isListedPublicly(saved.slug)).toBe(true);
  });

  it("refuses to schedule without a future date, and writes nothing", async () => {
    const command: SavePostCommand = { intent: "schedule", input: input({ publishedAt: "2020-01-01T00:00" }) };
    await expectAppError(savePost(editor, command), "INVALID_INPUT", { field: "publishedAt" });
    expect(await prisma.post.count({ where: { title: command.input.title } })).toBe(0);
  });

  it("unpublishes and deletes: the post goes to the trash, its tags and source stay", async () => {
    const saved = await savePost(editor, { intent: "publish", input: input({ tags: "stays" }) });
    const unpublished = await savePost(editor, {
      postId: saved.id,
      version: saved.version,
      intent: "unpublish",
      input: input({ externalUrl: (await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).externalUrl }),
    });
    expect(unpublished.status).toBe("DRAFT");
    expect(await getPublishedPostBySlug(saved.slug)).toBeNull();
    await deletePost(editor, saved.id);
    expect(await prisma.post.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ deletedById: editor.id, canonicalUrl: null });
    expect(await prisma.tag.findUnique({ where: { slug: "stays" } })).not.toBeNull();
    expect(await prisma.source.findUnique({ where: { slug: "tigera" } })).not.toBeNull();
  });

  it("refuses a second post for the same article, whatever tracking, case or trailing slash, and links the first", async () => {
    const path = unique("dup");
    const first = await savePost(editor, { intent: "draft", input: input({ externalUrl: `https://www.cncf.io/blog/${path}` }) });
    const error = await expectAppError(
      savePost(otherEditor, { intent: "draft", input: input({ externalUrl: `HTTPS://WWW.CNCF.IO:443/blog/${path}/?utm_source=x&fbclid=1#top` }) }),
      "CONFLICT",
      { field: "externalUrl" },
    );
    expect(error.details.href).toBe(`/admin/posts/${first.id}/edit`);
    expect(await prisma.post.count({ where: { canonicalUrl: `https://www.cncf.io/blog/${path}` } })).toBe(1);
  });

  it("lets exactly one of several simultaneous saves of the same article through", async () => {
    const url = `https://kubernetes.io/blog/${unique("race")}/`;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => savePost(editor, { intent: "draft", input: input({ externalUrl: url }) })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect((result.reason as AppError).code).toBe("CONFLICT");
  });

  it("gives a clashing slug a numeric suffix", async () => {
    const title = `Same title ${unique()}`;
    const a = await savePost(editor, { intent: "draft", input: input({ title }) });
    const b = await savePost(editor, { intent: "draft", input: input({ title }) });
    const c = await savePost(editor, { intent: "draft", input: input({ title, slug: a.slug }) });
    expect(b.slug).toBe(`${a.slug}-2`);
    expect(c.slug).toBe(`${a.slug}-3`);
  });

  it("refuses a save based on an older version, naming who changed it, and keeps the other save intact", async () => {
    const created = await savePost(editor, { intent: "draft", input: input() });
    const stored = await prisma.post.findUniqueOrThrow({ where: { id: created.id } });
    const base = { externalUrl: stored.externalUrl, title: stored.title };
    await savePost(otherEditor, { postId: created.id, version: created.version, intent: "draft", input: input({ ...base, tldr: "Otto's words" }) });
    const error = await expectAppError(
      savePost(editor, { postId: created.id, version: created.version, intent: "draft", input: input({ ...base, tldr: "Erin's words" }) }),
      "CONFLICT",
    );
    expect(error.userMessage).toContain("changed by someone else");
    expect(error.userMessage).toContain("Otto Other");
    const after = await prisma.post.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.tldr).toBe("Otto's words");
    expect(after.version).toBe(created.version + 1);
  });

  it("refuses contributors everything beyond their own drafts, and changes nothing", async () => {
    const own = await savePost(contributor, { intent: "draft", input: input() });
    const ownUrl = (await prisma.post.findUniqueOrThrow({ where: { id: own.id } })).externalUrl;
    await expectAppError(
      savePost(contributor, { postId: own.id, version: own.version, intent: "publish", input: input({ externalUrl: ownUrl }) }),
      "FORBIDDEN",
    );
    await expectAppError(savePost(contributor, { intent: "schedule", input: input({ publishedAt: "2099-01-01T00:00" }) }), "FORBIDDEN");

    const others = await savePost(editor, { intent: "draft", input: input() });
    const othersUrl = (await prisma.post.findUniqueOrThrow({ where: { id: others.id } })).externalUrl;
    await expectAppError(
      savePost(contributor, { postId: others.id, version: others.version, intent: "draft", input: input({ externalUrl: othersUrl, title: "Hijacked" }) }),
      "FORBIDDEN",
    );
    await expectAppError(deletePost(contributor, others.id), "FORBIDDEN");

    // Once an editor publishes the contributor's post, it is no longer theirs to change.
    const published = await savePost(editor, { postId: own.id, version: own.version, intent: "publish", input: input({ externalUrl: ownUrl }) });
    await expectAppError(
      savePost(contributor, { postId: own.id, version: published.version, intent: "draft", input: input({ externalUrl: ownUrl, title: "Changed" }) }),
      "FORBIDDEN",
    );
    await expectAppError(deletePost(contributor, own.id), "FORBIDDEN");

    expect((await prisma.post.findUniqueOrThrow({ where: { id: others.id } })).title).not.toBe("Hijacked");
    const ownAfter = await prisma.post.findUniqueOrThrow({ where: { id: own.id } });
    expect(ownAfter.status).toBe("PUBLISHED");
    expect(ownAfter.title).not.toBe("Changed");
  });

  it("lets a contributor edit and delete (move to the trash) their own draft", async () => {
    const own = await savePost(contributor, { intent: "draft", input: input() });
    const url = (await prisma.post.findUniqueOrThrow({ where: { id: own.id } })).externalUrl;
    const edited = await savePost(contributor, { postId: own.id, version: own.version, intent: "draft", input: input({ externalUrl: url, tldr: "Better" }) });
    expect(edited.version).toBe(own.version + 1);
    await deletePost(contributor, own.id);
    expect((await prisma.post.findUniqueOrThrow({ where: { id: own.id } })).deletedAt).not.toBeNull();
  });

  it("matches tags by slug and sources by name, whatever the case", async () => {
    const a = await savePost(editor, { intent: "draft", input: input({ tags: "Cloud Native", source: "CNCF" }) });
    const b = await savePost(editor, { intent: "draft", input: input({ tags: "cloud native", source: "cncf" }) });
    const [postA, postB] = await Promise.all([a, b].map((saved) => prisma.post.findUniqueOrThrow({ where: { id: saved.id }, include: { tags: true } })));
    expect(postA.sourceId).toBe(postB.sourceId);
    expect(postA.tags[0].tagId).toBe(postB.tags[0].tagId);
  });
});
