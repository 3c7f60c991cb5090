// The post form's autosave: one replaceable revision per person and post that never changes the post (version,
// updatedAt, public state, caches), keeps half-typed text within bounds, is refused to whoever may not edit the post,
// and is settled by a real save; the history and its comparisons never see it.
import { beforeAll, expect, it, vi } from "vitest";
import { autosavePostAction, discardAutosaveAction, savePostAction } from "@/app/(admin)/admin/posts/actions";
import { prisma } from "@/lib/db";
import { postFormValues } from "@/lib/posts/form-values";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { getPostForEditing } from "@/lib/posts/queries";
import { AUTOSAVE_HOW, getAutosave, getPostHistory } from "@/lib/posts/revisions";
import { LIMITS, type PostFormValues } from "@/lib/posts/schema";
import { createTestUser, describeDatabase, signInWithPassword, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";

const request = vi.hoisted(() => ({ sessionId: null as string | null }));
const revalidations = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.46", "autosave"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);
vi.mock("@/lib/cache/public-content", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/cache/public-content")>();
  return {
    ...original,
    revalidatePublicContent: () => {
      revalidations.count += 1;
      original.revalidatePublicContent();
    },
  };
});

type Signed = TestUser & { sessionId: string };

async function signedIn(role: TestUser["role"]): Promise<Signed> {
  const user = await createTestUser(role);
  return { ...user, sessionId: (await signInWithPassword(user.email, user.password, {}))!.sessionId };
}

function as(user: Signed | null) {
  request.sessionId = user?.sessionId ?? null;
}

const autosavesOf = (postId: string) => prisma.postRevision.findMany({ where: { postId, how: AUTOSAVE_HOW }, orderBy: { createdAt: "asc" } });
const postState = (postId: string) =>
  prisma.post.findUniqueOrThrow({
    where: { id: postId },
    select: { version: true, updatedAt: true, title: true, summary: true, status: true, publishedAt: true },
  });

async function currentValues(postId: string): Promise<PostFormValues> {
  return postFormValues((await getPostForEditing(postId))!, "UTC");
}

describeDatabase("post autosave", () => {
  let editor: Signed;
  let admin: Signed;
  let contributor: Signed;

  beforeAll(async () => {
    [editor, admin, contributor] = await Promise.all([signedIn("EDITOR"), signedIn("ADMIN"), signedIn("CONTRIBUTOR")]);
  });

  it("keeps one autosave per person and post, replaced each time, and never changes the post or its public pages", async () => {
    const published = await savePost(editor, { intent: "publish", input: testPostInput("autosave", "Published") });
    const before = await postState(published.id);
    const values = await currentValues(published.id);
    const revalidationsBefore = revalidations.count;

    as(editor);
    const first = await autosavePostAction(published.id, published.version, { ...values, summary: "First unsaved words." });
    expect(first).toMatchObject({ savedAt: expect.any(String) });
    expect(await autosavePostAction(published.id, published.version, { ...values, summary: "Second unsaved words." })).toMatchObject({
      savedAt: expect.any(String),
    });
    as(admin);
    expect(await autosavePostAction(published.id, published.version, { ...values, title: "The admin's title" })).toMatchObject({ savedAt: expect.any(String) });

    const rows = await autosavesOf(published.id);
    expect(rows.map((row) => [row.actorId, row.version, row.summary, row.status])).toEqual([
      [editor.id, published.version, "Second unsaved words.", "PUBLISHED"],
      [admin.id, published.version, values.summary, "PUBLISHED"],
    ]);
    expect(await postState(published.id)).toEqual(before);
    expect(revalidations.count).toBe(revalidationsBefore);
    // Each person's own copy; the history lists saves only.
    expect((await getAutosave(editor, published.id))?.summary).toBe("Second unsaved words.");
    expect((await getAutosave(contributor, published.id)) ?? null).toBeNull();
    expect((await getPostHistory(editor, published.id))!.revisions.map((revision) => revision.how)).toEqual(["form"]);
  });

  it("keeps invalid, half-typed text, but not text past twice a field's limit", async () => {
    const draft = await savePost(editor, { intent: "draft", input: testPostInput("autosave", "Half typed") });
    const values = await currentValues(draft.id);
    as(editor);
    const halfTyped = { ...values, title: "", externalUrl: "htt", via: "not a url", slug: "Not A Slug!", publishedAt: "2026-02-3", tags: ",,," };
    expect(await autosavePostAction(draft.id, draft.version, halfTyped)).toMatchObject({ savedAt: expect.any(String) });
    expect((await autosavesOf(draft.id))[0]).toMatchObject({
      title: "",
      externalUrl: "htt",
      viaUrl: "not a url",
      slug: "Not A Slug!",
      tags: ",,,",
      publishedAt: null,
    });

    const tooLong = { ...values, summary: "x".repeat(LIMITS.summary * 2 + 1) };
    expect(await autosavePostAction(draft.id, draft.version, tooLong)).toEqual({ error: expect.any(String) });
    expect(await autosavePostAction(draft.id, draft.version, { ...values, extra: "y".repeat(10) } as PostFormValues)).toMatchObject({
      savedAt: expect.any(String),
    });
    for (const broken of [null, "text", { ...values, title: 42 }, { title: "only" }] as unknown as PostFormValues[])
      expect(await autosavePostAction(draft.id, draft.version, broken)).toEqual({ error: expect.any(String) });
    expect(await autosavePostAction(draft.id, 0, values)).toEqual({ error: expect.any(String) });
    expect(await autosavePostAction("x".repeat(65), draft.version, values)).toEqual({ error: expect.any(String) });
    expect(await autosavesOf(draft.id)).toHaveLength(1);
  });

  it("is refused to whoever may not edit the post, as a save would be", async () => {
    const editorsDraft = await savePost(editor, { intent: "draft", input: testPostInput("autosave", "Not yours") });
    const values = await currentValues(editorsDraft.id);
    as(contributor);
    expect(await autosavePostAction(editorsDraft.id, 1, values)).toEqual({ error: expect.stringContaining("only edit your own drafts") });
    // Signed out: no session, nothing kept.
    as(null);
    expect(await autosavePostAction(editorsDraft.id, 1, values)).toEqual({ error: expect.any(String) });
    expect(await discardAutosaveAction(editorsDraft.id)).toEqual({ error: expect.any(String) });
    expect(await autosavesOf(editorsDraft.id)).toEqual([]);

    // A contributor's own draft: kept; once an editor publishes it, it is no longer theirs to edit.
    const own = await savePost(contributor, { intent: "draft", input: testPostInput("autosave", "Own draft") });
    const ownValues = await currentValues(own.id);
    as(contributor);
    expect(await autosavePostAction(own.id, own.version, { ...ownValues, tldr: "Mine." })).toMatchObject({ savedAt: expect.any(String) });
    const published = await savePost(editor, {
      intent: "publish",
      postId: own.id,
      version: own.version,
      input: testPostInput("autosave", "Own draft, published"),
    });
    expect(await autosavePostAction(own.id, published.version, ownValues)).toEqual({ error: expect.stringContaining("only edit your own drafts") });

    // A post in the trash, or none at all.
    await deletePost(editor, editorsDraft.id);
    as(editor);
    expect(await autosavePostAction(editorsDraft.id, 1, values)).toEqual({ error: expect.stringContaining("no longer exists") });
    expect(await autosavePostAction("no-such-post", 1, values)).toEqual({ error: expect.stringContaining("no longer exists") });
  });

  it("is settled by the person's real save (theirs only), is never compared as a revision, and arrives too late after it", async () => {
    const draft = await savePost(editor, { intent: "draft", input: testPostInput("autosave", "Settled") });
    const values = await currentValues(draft.id);
    as(admin);
    await autosavePostAction(draft.id, draft.version, { ...values, tldr: "The admin's words." });
    as(editor);
    await autosavePostAction(draft.id, draft.version, { ...values, tldr: "The editor's words." });

    // An unchanged save stores no revision (the autosave's different text is not "the latest revision"), yet settles it.
    await expect(savePostAction({ status: "idle" }, formData({ ...values, intent: "draft", postId: draft.id, version: draft.version }))).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT/),
    });
    expect((await getPostHistory(editor, draft.id))!.revisions).toHaveLength(1);
    expect((await autosavesOf(draft.id)).map((row) => row.actorId)).toEqual([admin.id]);

    // A real, changed save settles it too.
    const version = draft.version + 1;
    await autosavePostAction(draft.id, version, { ...values, tldr: "Typed again." });
    const saved = await savePost(editor, { intent: "draft", postId: draft.id, version, input: testPostInput("autosave", "Settled again") });
    expect((await autosavesOf(draft.id)).map((row) => row.actorId)).toEqual([admin.id]);
    // An autosave that set off before that save and lands after it keeps nothing: the text it carries was saved.
    expect(await autosavePostAction(draft.id, version, { ...values, tldr: "Late." })).toEqual({ savedAt: null });
    expect((await autosavesOf(draft.id)).map((row) => row.actorId)).toEqual([admin.id]);
    // The admin's copy was typed on the version before the editor's save: still kept (the post moved on without them).
    as(admin);
    expect(await autosavePostAction(draft.id, draft.version, { ...values, tldr: "Still typing." })).toMatchObject({ savedAt: expect.any(String) });
    expect(await autosavePostAction(draft.id, saved.version + 1, values)).toEqual({ savedAt: null });

    // "Discard" deletes one's own copy only.
    as(editor);
    await autosavePostAction(draft.id, saved.version, { ...values, tldr: "Editor again." });
    expect(await discardAutosaveAction(draft.id)).toEqual({ discarded: true });
    expect((await autosavesOf(draft.id)).map((row) => [row.actorId, row.tldr])).toEqual([[admin.id, "Still typing."]]);
  });
});

function formData(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}
