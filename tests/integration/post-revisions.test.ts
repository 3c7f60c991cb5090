// A post's revisions: recorded by every door that saves (form action, savePost, API actor, import), none for an
// unchanged save, pruned to the site's limit without losing the last published one, restored through the form's own
// stale-version guard, and shown only to those who may see the post's history.
import { beforeAll, expect, it, vi } from "vitest";
import { savePostAction } from "@/app/(admin)/admin/posts/actions";
import { prisma } from "@/lib/db";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile, type ItemSource } from "@/lib/import/read";
import type { ImportOptions } from "@/lib/import/schema";
import { revisionFormValues } from "@/lib/posts/form-values";
import { savePost } from "@/lib/posts/mutations";
import { getPostHistory, getPostRevisions, recordRevisions } from "@/lib/posts/revisions";
import { SITE_SETTING_KEYS, siteSettingsSchema } from "@/lib/settings/schema";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";
import { corpusFile, uniqueCorpusText } from "./import-support";

const request = vi.hoisted(() => ({ sessionId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.45", "revisions"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const revisionsOf = (postId: string) => prisma.postRevision.findMany({ where: { postId }, orderBy: { version: "asc" } });

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

/** Runs the form's Server Action: the redirect Next throws on success, or the state it returns on a refusal. */
async function submit(fields: Record<string, string | number>): Promise<{ redirect?: string; message?: string }> {
  try {
    const state = (await savePostAction({ status: "idle" }, form(fields))) as { message?: string };
    return { message: state.message };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirect: digest };
  }
}

describeDatabase("post revisions", () => {
  let editor: TestUser & { sessionId: string };
  let contributor: TestUser;

  beforeAll(async () => {
    const [user, other] = await Promise.all([createTestUser("EDITOR"), createTestUser("CONTRIBUTOR")]);
    editor = { ...user, sessionId: (await signInWithPassword(user.email, user.password, {}))!.sessionId };
    contributor = other;
  });

  it("records the creation and each changed save, and nothing for an unchanged save", async () => {
    // Names no other test uses: a tag or source that exists already keeps its own spelling.
    const [tagA, tagB, sourceName] = [unique("Mesh"), unique("Gateway"), unique("Tigera")];
    const input = testPostInput("revisions", "Revisions", { tags: `${tagA}, ${tagB}`, source: sourceName });
    const created = await savePost(editor, { intent: "draft", input });
    let revisions = await revisionsOf(created.id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      version: 1,
      how: "form",
      status: "DRAFT",
      title: input.title,
      tags: `${tagA}, ${tagB}`,
      sourceName,
      actorId: editor.id,
      actorLabel: editor.name,
    });

    const edited = { ...input, summary: "A new summary.", tags: [tagB] };
    const second = await savePost(editor, { intent: "publish", postId: created.id, version: created.version, input: edited });
    revisions = await revisionsOf(created.id);
    expect(revisions.map((revision) => [revision.version, revision.status, revision.summary, revision.tags])).toEqual([
      [1, "DRAFT", input.summary, `${tagA}, ${tagB}`],
      [2, "PUBLISHED", "A new summary.", tagB],
    ]);
    expect(revisions[1].publishedAt).toEqual(second.publishedAt);

    // Saving the same text (and date, as the form sends it back) again moves the version on but stores no revision.
    const third = await savePost(editor, {
      intent: "publish",
      postId: created.id,
      version: second.version,
      input: { ...edited, publishedAt: second.publishedAt },
    });
    expect(third.version).toBe(3);
    expect(await revisionsOf(created.id)).toHaveLength(2);

    // A token's actor (as authenticateBearer makes it) is recorded as the API.
    const tokenActor = { ...editor, via: { tokenId: "t1", tokenName: "my script" } };
    await savePost(tokenActor, {
      intent: "publish",
      postId: created.id,
      version: 3,
      input: { ...edited, publishedAt: second.publishedAt, tldr: "Via the API." },
    });
    expect((await revisionsOf(created.id)).at(-1)).toMatchObject({ version: 4, how: "api", tldr: "Via the API." });
  });

  it("records the form's saves; a restore loads a revision's text, refuses a stale version and records how=restore", async () => {
    request.sessionId = editor.sessionId;
    const original = { title: "Form revisions", externalUrl: `https://www.example.org/revisions/form-${editor.id}/`, tldr: "Short.", summary: "Longer." };
    const first = await submit({ ...original, intent: "draft" });
    const postId = /\/admin\/posts\/([^/]+)\/edit/.exec(first.redirect ?? "")?.[1];
    expect(postId).toBeTruthy();
    expect((await submit({ ...original, title: "Renamed", intent: "draft", postId: postId!, version: 1 })).redirect).toBeTruthy();
    // A refused save (no title) stores nothing.
    expect((await submit({ ...original, title: "", intent: "draft", postId: postId!, version: 2 })).message).toBeTruthy();
    expect((await revisionsOf(postId!)).map((revision) => [revision.version, revision.how, revision.title])).toEqual([
      [1, "form", "Form revisions"],
      [2, "form", "Renamed"],
    ]);

    const history = (await getPostHistory(editor, postId!))!;
    expect(history.revisions.map((revision) => [revision.version, revision.who])).toEqual([
      [2, editor.name],
      [1, editor.name],
    ]);
    const [oldest] = await getPostRevisions(editor, postId!, [history.revisions[1].id]);
    const values = revisionFormValues(oldest, "UTC");
    expect(values).toMatchObject({ title: "Form revisions", externalUrl: original.externalUrl, summary: "Longer.", tags: "", via: "" });

    // The form was loaded at version 1, and someone saved version 2 since: the restore is refused like any stale save.
    const stale = await submit({ ...values, intent: "draft", postId: postId!, version: 1, restoredFrom: oldest.id });
    expect(stale.redirect).toBeUndefined();
    expect(stale.message).toMatch(/changed by someone else/);
    expect(await revisionsOf(postId!)).toHaveLength(2);

    expect((await submit({ ...values, intent: "draft", postId: postId!, version: 2, restoredFrom: oldest.id })).redirect).toBeTruthy();
    expect((await revisionsOf(postId!)).at(-1)).toMatchObject({ version: 3, how: "restore", title: "Form revisions", actorId: editor.id });
    expect(await prisma.post.findUniqueOrThrow({ where: { id: postId! }, select: { title: true, version: true } })).toEqual({
      title: "Form revisions",
      version: 3,
    });
  });

  it("records an import's creations and updates as import, and nothing for an unchanged file", async () => {
    const options: ImportOptions = { onDuplicate: "update", asDraft: false, dryRun: false };
    const source = (text: string): ItemSource => ({ total: 1, items: [itemFromFile("a.md", text)] });
    const file = uniqueCorpusText(corpusFile("0001"));
    const created = await importItems(editor, source(file.text), options);
    const postId = created.rows[0].postId!;
    expect(await revisionsOf(postId)).toEqual([expect.objectContaining({ version: 1, how: "import", actorId: editor.id })]);

    await importItems(editor, source(file.text), options);
    expect(await revisionsOf(postId)).toHaveLength(1);

    const edited = file.text.replace(/^summary: '/m, "summary: 'Edited. ");
    expect((await importItems(editor, source(edited), options)).rows[0].outcome).toBe("updated");
    const revisions = await revisionsOf(postId);
    expect(revisions.map((revision) => [revision.version, revision.how])).toEqual([
      [1, "import"],
      [2, "import"],
    ]);
    expect(revisions[1].summary.startsWith("Edited. ")).toBe(true);
  });

  it("prunes the oldest revisions over the site's limit, never the last published one", async () => {
    const input = testPostInput("revisions", "Pruned");
    let saved = await savePost(editor, { intent: "publish", input });
    for (const [index, intent] of (["unpublish", "draft", "draft"] as const).entries()) {
      saved = await savePost(editor, { intent, postId: saved.id, version: saved.version, input: { ...input, summary: `Draft ${index}` } });
    }
    expect((await revisionsOf(saved.id)).map((revision) => revision.status)).toEqual(["PUBLISHED", "DRAFT", "DRAFT", "DRAFT"]);

    // The limit is a site-wide setting: set inside a transaction that is rolled back, so other tests never see it.
    const rolledBack = new Error("roll back");
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.setting.upsert({
          where: { key: SITE_SETTING_KEYS.revisionsPerPost },
          create: { key: SITE_SETTING_KEYS.revisionsPerPost, value: "2" },
          update: { value: "2" },
        });
        await tx.post.update({ where: { id: saved.id }, data: { summary: "Draft 3", version: { increment: 1 } } });
        await recordRevisions(tx, [saved.id], editor, "form");
        const kept = await tx.postRevision.findMany({ where: { postId: saved.id }, orderBy: { version: "desc" }, select: { version: true, status: true } });
        expect(kept).toEqual([
          { version: 5, status: "DRAFT" },
          { version: 4, status: "DRAFT" },
          { version: 1, status: "PUBLISHED" },
        ]);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await revisionsOf(saved.id)).toHaveLength(4);
  });

  it("reads the limit from the settings form: blank keeps all, a whole number from 1", () => {
    const settings = { title: "Links", description: "", url: "https://links.example", language: "en", postsPerPage: "20" };
    expect(siteSettingsSchema.parse({ ...settings, revisionsPerPost: " " }).revisionsPerPost).toBeNull();
    expect(siteSettingsSchema.parse({ ...settings, revisionsPerPost: "25" }).revisionsPerPost).toBe(25);
    for (const bad of ["0", "-3", "2.5", "many", "10001"])
      expect(siteSettingsSchema.safeParse({ ...settings, revisionsPerPost: bad }).success, bad).toBe(false);
  });

  it("shows a post's history to its author, editors and admins, never to another contributor", async () => {
    const published = await savePost(editor, { intent: "publish", input: testPostInput("revisions", "Someone else's") });
    const [revision] = await revisionsOf(published.id);
    expect(await getPostHistory(contributor, published.id)).toBeNull();
    expect(await getPostRevisions(contributor, published.id, [revision.id])).toEqual([]);
    expect(await getPostHistory(contributor, "no-such-post")).toBeNull();

    const own = await savePost(contributor, { intent: "draft", input: testPostInput("revisions", "My own") });
    expect((await getPostHistory(contributor, own.id))!.revisions).toHaveLength(1);
    expect((await getPostHistory(editor, own.id))!.revisions).toHaveLength(1);
    // A revision id of another post is not read through this one.
    expect(await getPostRevisions(contributor, own.id, [revision.id])).toEqual([]);
  });
});
