// The review queue on a real database: a contributor submits a draft, which locks it for them at every door (the
// form, the REST API, Micropub); an editor returns it with a note or publishes it; the author gets a notice (and an
// email when SMTP is configured) for what someone else did, never for their own steps; every step is audited.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { savePostAction } from "@/app/(admin)/admin/posts/actions";
import { returnPostAction } from "@/app/(admin)/admin/posts/review-actions";
import { markNoticesReadAction } from "@/app/(admin)/admin/notices/actions";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import * as postsRoute from "@/app/api/v1/posts/route";
import * as submitRoute from "@/app/api/v1/posts/[id]/submit/route";
import * as micropubRoute from "@/app/micropub/route";
import type { ActionState } from "@/lib/action-state";
import { prisma } from "@/lib/db";
import { countUnreadNotices, listNotices } from "@/lib/notices/notices";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { findExistingPostsForUrls, getPublishedPostBySlug, listPostsForAdmin } from "@/lib/posts/queries";
import { countPostsInReview, listPostNotes, listReviewQueue, returnPostToAuthor } from "@/lib/posts/review";
import { LIMITS, postListQuerySchema } from "@/lib/posts/schema";
import { createApiToken } from "@/lib/tokens/mutations";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

// The form actions are called as Next calls them: the session comes from the (mocked) cookie.
const request = vi.hoisted(() => ({ sessionId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.77", "review-queue"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);
// Micropub names posts by their address on the site (other test files change the shared settings, so it is fixed here).
const SITE = vi.hoisted(() => "https://review.example");
vi.mock("@/lib/cache/public-reads", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/cache/public-reads")>()),
  readSiteSettings: async () => ({ ...(await import("@/lib/settings/defaults")).site, url: SITE }),
}));

type Person = TestUser & { sessionId: string; token: string };

async function person(role: TestUser["role"]): Promise<Person> {
  const user = await createTestUser(role);
  const session = await signInWithPassword(user.email, user.password, {});
  const scopes = role === "CONTRIBUTOR" ? (["posts:read", "posts:write"] as const) : (["posts:read", "posts:write", "posts:publish"] as const);
  const token = await createApiToken(user, user.id, { name: unique("review"), scopes: [...scopes], days: 1 });
  return { ...user, sessionId: session!.sessionId, token: token.secret };
}

/** Runs a form action as `who` (null: signed out); a redirect (success) comes back as its address. */
async function asForm<S extends ActionState>(who: Person | null, action: (state: S, data: FormData) => Promise<S>, fields: Record<string, string>) {
  request.sessionId = who?.sessionId ?? null;
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  try {
    return { state: await action({ status: "idle" } as S, data), redirect: null };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest);
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { state: null, redirect: digest.split(";")[2] };
  } finally {
    request.sessionId = null;
  }
}

/** The post form's fields for a post as stored, with the button pressed. */
async function formFields(postId: string, intent: string, changes: Record<string, string> = {}) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { title: true, externalUrl: true, summary: true, version: true } });
  return {
    postId,
    version: String(post.version),
    title: post.title,
    externalUrl: post.externalUrl,
    via: "",
    source: "",
    tags: "",
    publishedAt: "",
    tldr: "",
    summary: post.summary,
    commentary: "",
    slug: "",
    intent,
    ...changes,
  };
}

const stored = (id: string) => prisma.post.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, title: true, slug: true } });
const auditFor = (id: string) =>
  prisma.auditLog.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, details: true } });
const noticesFor = (who: TestUser, postId: string) => prisma.notice.findMany({ where: { userId: who.id, postId }, select: { kind: true, readAt: true } });

let admin: Person;
let editor: Person;
let author: Person;
let other: Person;

let smtp: SmtpCatcher;

describeDatabase("review queue", () => {
  beforeAll(async () => {
    [admin, editor, author, other] = await Promise.all([person("ADMIN"), person("EDITOR"), person("CONTRIBUTOR"), person("CONTRIBUTOR")]);
    smtp = await startSmtpCatcher();
  });

  afterAll(async () => {
    await smtp.close();
  });

  const withMail = <T>(work: () => Promise<T>) => smtp.withMail(work);

  const draftBy = (who: Person, title = "Review") => savePost(who, { intent: "draft", input: testPostInput("review", title) });

  /** A draft by `author`, submitted through the post form with `note`. */
  async function submitted(note = "") {
    const draft = await draftBy(author);
    const { redirect } = await asForm(author, savePostAction, await formFields(draft.id, "review", { reviewNote: note }));
    expect(redirect).toBe(`/admin/posts/${draft.id}/edit?saved=in_review`);
    return draft.id;
  }

  it("a contributor submits a draft with a note through the post form: in review, never public, in the inbox, audited", async () => {
    const id = await submitted("Please check the second paragraph.");
    const post = await stored(id);
    expect(post.status).toBe("IN_REVIEW");
    expect(await getPublishedPostBySlug(post.slug)).toBeNull();
    const { externalUrl } = await prisma.post.findUniqueOrThrow({ where: { id }, select: { externalUrl: true } });
    expect((await findExistingPostsForUrls(editor, [externalUrl]))[0]?.message).toBe(`Already in review by ${author.name}: “${post.title}”.`);
    expect(await listPostNotes(editor, { id, authorId: author.id, status: post.status })).toMatchObject([
      { kind: "SUBMIT", body: "Please check the second paragraph.", authorLabel: author.name },
    ]);
    expect((await listReviewQueue(editor)).find((row) => row.id === id)).toMatchObject({ title: post.title, author: author.name });
    expect(await countPostsInReview(editor)).toBeGreaterThan(0);
    // Nobody but a reviewer sees the inbox or its count.
    expect(await listReviewQueue(author)).toEqual([]);
    expect(await countPostsInReview(author)).toBe(0);
    expect(await auditFor(id)).toEqual([expect.objectContaining({ action: "post.submit", actorId: author.id })]);
    // The admin's "In review" filter finds it; another contributor's list never shows it.
    const filter = postListQuerySchema.parse({ status: "in_review" });
    expect((await listPostsForAdmin(editor, { ...filter, q: post.title })).items.map((row) => row.id)).toEqual([id]);
    expect((await listPostsForAdmin(other, { ...postListQuerySchema.parse({}), q: post.title })).items).toEqual([]);
  });

  it("the submitted text is saved in the same step, under the same rules as any save", async () => {
    const draft = await draftBy(author);
    const changed = await asForm(author, savePostAction, await formFields(draft.id, "review", { title: "Fixed before submitting " + unique() }));
    expect(changed.redirect).not.toBeNull();
    expect((await stored(draft.id)).title).toMatch(/^Fixed before submitting/);

    const other = await draftBy(author);
    const refused = await asForm(author, savePostAction, await formFields(other.id, "review", { externalUrl: "javascript:alert(1)" }));
    expect(refused.state?.fieldErrors?.externalUrl).toBeTruthy();
    const tooLong = await asForm(author, savePostAction, await formFields(other.id, "review", { reviewNote: "x".repeat(LIMITS.reviewNote + 1) }));
    expect(tooLong.state?.fieldErrors?.reviewNote).toEqual([`The note is too long: ${LIMITS.reviewNote + 1} characters, the limit is ${LIMITS.reviewNote}.`]);
    expect((await stored(other.id)).status).toBe("DRAFT");
    expect(await prisma.postNote.count({ where: { postId: other.id } })).toBe(0);
  });

  it("in review, the post is locked for its author at every door: the form, the REST API, Micropub, deletion", async () => {
    const id = await submitted();
    const before = await stored(id);

    const form = await asForm(author, savePostAction, await formFields(id, "draft", { title: "Sneaky edit" }));
    expect(form.state).toMatchObject({ status: "error", message: expect.stringMatching(/in review: you can edit it again once an editor returns it/) });
    const resubmit = await asForm(author, savePostAction, await formFields(id, "review", { title: "Sneaky edit" }));
    expect(resubmit.state?.status).toBe("error");

    const api = await postRoute.PATCH(
      new Request(`http://localhost/api/v1/posts/${id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${author.token}`, "content-type": "application/json" },
        body: JSON.stringify({ version: before.version, title: "Sneaky edit" }),
      }),
      { params: Promise.resolve({ id }) },
    );
    expect(api.status).toBe(403);
    expect(((await api.json()) as { detail: string }).detail).toMatch(/in review/);

    const micropub = await micropubRoute.POST(
      new Request("http://localhost/micropub", {
        method: "POST",
        headers: { authorization: `Bearer ${author.token}`, "content-type": "application/json" },
        body: JSON.stringify({ action: "update", url: `${SITE}/posts/${before.slug}`, replace: { name: ["Sneaky edit"] } }),
      }),
    );
    expect(micropub.status).toBe(403);

    await expectAppError(deletePost(author, id), "FORBIDDEN");
    expect(await stored(id)).toEqual(before);
  });

  it("refuses every role what it may not do: other contributors, publishing, signed-out people, returning without a note or a post in review", async () => {
    const draft = await draftBy(author);
    // Another contributor can neither submit nor edit someone else's draft, nor read its thread.
    await expectAppError(savePost(other, { intent: "review", postId: draft.id, version: draft.version, input: testPostInput("review", "x") }), "FORBIDDEN");
    expect(await listPostNotes(other, { id: draft.id, authorId: author.id, status: "DRAFT" })).toEqual([]);
    // A contributor never publishes or schedules, their own draft included.
    for (const intent of ["publish", "schedule"] as const)
      await expectAppError(savePost(author, { intent, postId: draft.id, version: draft.version, input: testPostInput("review", "x") }), "FORBIDDEN");
    // Signed out, the form does nothing.
    const signedOut = await asForm(null, savePostAction, await formFields(draft.id, "review"));
    expect(signedOut.state).toMatchObject({ status: "error", message: expect.stringMatching(/Sign in again/) });

    const id = await submitted();
    const { version } = await stored(id);
    // Only reviewers return a post: not its author, not another contributor, through the form or directly.
    for (const who of [author, other]) {
      await expectAppError(returnPostToAuthor(who, { postId: id, note: "Nope" }), "FORBIDDEN");
      const { state } = await asForm(who, returnPostAction, { postId: id, version: String(version), note: "Nope" });
      expect(state).toMatchObject({ status: "error", message: "Only editors and admins can return a post to its author." });
    }
    // A note is required, and limited.
    const empty = await asForm(editor, returnPostAction, { postId: id, version: String(version), note: "   " });
    expect(empty.state?.fieldErrors?.note).toEqual(["Write a note."]);
    const long = await asForm(editor, returnPostAction, { postId: id, version: String(version), note: "n".repeat(LIMITS.reviewNote + 1) });
    expect(long.state?.fieldErrors?.note).toEqual([`The note is too long: ${LIMITS.reviewNote + 1} characters, the limit is ${LIMITS.reviewNote}.`]);
    const control = await asForm(editor, returnPostAction, { postId: id, version: String(version), note: "bad\u0000note" });
    expect(control.state?.fieldErrors?.note?.[0]).toMatch(/control character/);
    // Back to draft only by returning it: "Save draft" and "Unpublish" are refused on a post in review.
    for (const intent of ["draft", "unpublish"] as const)
      await expectAppError(savePost(editor, { intent, postId: id, version, input: testPostInput("review", "x") }), "CONFLICT", { message: /in review/ });
    // An editor's stale form cannot return it.
    await expectAppError(returnPostToAuthor(editor, { postId: id, note: "Old view", version: version - 1 }), "CONFLICT");
    expect(await stored(id)).toMatchObject({ status: "IN_REVIEW", version });

    // A post that is not in review cannot be returned: a draft, a published post, a post in the trash, no post at all.
    await expectAppError(returnPostToAuthor(editor, { postId: draft.id, note: "Why?" }), "CONFLICT", { message: /not in review/ });
    const published = await savePost(editor, { intent: "publish", input: testPostInput("review", "Live") });
    await expectAppError(returnPostToAuthor(admin, { postId: published.id, note: "Why?" }), "CONFLICT");
    await expectAppError(
      savePost(editor, { intent: "review", postId: published.id, version: published.version, input: testPostInput("review", "x") }),
      "CONFLICT",
    );
    await expectAppError(returnPostToAuthor(editor, { postId: "no-such-post", note: "Why?" }), "NOT_FOUND");
    expect(await prisma.postNote.count({ where: { postId: { in: [draft.id, published.id] } } })).toBe(0);
  });

  it("returned with a note: a draft again for its author, the note on the thread, a notice for the author alone, audited", async () => {
    const id = await submitted("First try.");
    const { version } = await stored(id);
    const returned = await asForm(editor, returnPostAction, { postId: id, version: String(version), note: "The title overstates it." });
    expect(returned.redirect).toBe(`/admin/review?returned=${id}`);
    expect(await stored(id)).toMatchObject({ status: "DRAFT", version: version + 1 });
    expect((await listReviewQueue(editor)).map((row) => row.id)).not.toContain(id);
    expect(await noticesFor(author, id)).toEqual([{ kind: "RETURNED", readAt: null }]);
    expect(await prisma.notice.count({ where: { postId: id, userId: { not: author.id } } })).toBe(0);
    expect((await auditFor(id)).map((entry) => entry.action)).toEqual(["post.submit", "post.return"]);

    // Unlocked: the author fixes it and resubmits with a reply.
    const fixed = await asForm(author, savePostAction, await formFields(id, "review", { title: `Fixed ${unique()}`, reviewNote: "Toned the title down." }));
    expect(fixed.redirect).not.toBeNull();
    const thread = await listPostNotes(author, { id, authorId: author.id, status: "IN_REVIEW" });
    expect(thread.map((note) => [note.kind, note.body])).toEqual([
      ["SUBMIT", "First try."],
      ["RETURN", "The title overstates it."],
      ["SUBMIT", "Toned the title down."],
    ]);
    expect(thread[1]!.authorLabel).toBe(editor.name);
    // The author's own resubmission notifies nobody.
    expect(await prisma.notice.count({ where: { postId: id } })).toBe(1);
  });

  it("published from review: the author's notice, post.publish marked as from review; scheduling too; no notice for one's own post", async () => {
    const id = await submitted();
    const post = await stored(id);
    const published = await asForm(editor, savePostAction, await formFields(id, "publish"));
    expect(published.redirect).toBe(`/admin/posts/${id}/edit?saved=published`);
    expect(await getPublishedPostBySlug(post.slug)).not.toBeNull();
    expect(await noticesFor(author, id)).toEqual([{ kind: "PUBLISHED", readAt: null }]);
    const entries = await auditFor(id);
    expect(entries.map((entry) => entry.action)).toEqual(["post.submit", "post.publish"]);
    expect(JSON.parse(entries[1]!.details!)).toEqual({ fromReview: true });

    const later = await submitted();
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
    await asForm(admin, savePostAction, await formFields(later, "schedule", { publishedAt: future }));
    expect(await noticesFor(author, later)).toEqual([{ kind: "SCHEDULED", readAt: null }]);

    // An editor's own post through review: their own steps notify nobody.
    const own = await draftBy(editor);
    const inReview = await savePost(editor, { intent: "review", postId: own.id, version: own.version, input: testPostInput("review", "Own") });
    await savePost(editor, { intent: "publish", postId: own.id, version: inReview.version, input: testPostInput("review", "Own") });
    expect(await prisma.notice.count({ where: { postId: own.id } })).toBe(0);
  });

  it("notices belong to their person: listed and counted for them, marked read by them only", async () => {
    const first = await submitted();
    const second = await submitted();
    for (const postId of [first, second]) await returnPostToAuthor(editor, { postId, note: "Needs a source." });
    const mine = (await listNotices(author)).filter((notice) => [first, second].includes(notice.postId!));
    expect(mine).toHaveLength(2);
    expect(await listNotices(other)).toEqual([]);
    const unread = await countUnreadNotices(author);
    expect(unread).toBeGreaterThanOrEqual(2);

    // Someone else's notice id does nothing.
    const { state: foreign } = await asForm(other, markNoticesReadAction, { noticeId: mine[0]!.id });
    expect(foreign).toMatchObject({ status: "success", message: "0 notices marked as read." });
    expect(await countUnreadNotices(author)).toBe(unread);

    const { state: one } = await asForm(author, markNoticesReadAction, { noticeId: mine[0]!.id });
    expect(one).toMatchObject({ status: "success", message: "Marked as read." });
    expect(await countUnreadNotices(author)).toBe(unread - 1);
    await asForm(author, markNoticesReadAction, {});
    expect(await countUnreadNotices(author)).toBe(0);
  });

  it("with SMTP configured the author is emailed when their post is returned or published; without it nothing is sent", async () => {
    const id = await submitted();
    await returnPostToAuthor(editor, { postId: id, note: "Quiet." });
    expect(smtp.inbox).toHaveLength(0);

    const mailed = await submitted();
    await withMail(() => returnPostToAuthor(editor, { postId: mailed, note: "Please add the source." }));
    const { title } = await stored(mailed);
    const returnedMail = smtp.inbox.find((mail) => mail.to === author.email)!;
    expect(returnedMail.raw).toMatch(/returned your post/);
    expect(returnedMail.raw).toContain(`/admin/posts/${mailed}/edit`);
    expect(returnedMail.raw).toContain(title);

    const { version } = await stored(mailed);
    await asForm(author, savePostAction, await formFields(mailed, "review", { reviewNote: "Added." }));
    expect(smtp.inbox).toHaveLength(1);
    await withMail(() => savePost(editor, { intent: "publish", postId: mailed, version: version + 1, input: testPostInput("review", "Mailed") }));
    expect(smtp.inbox).toHaveLength(2);
    expect(smtp.inbox[1]).toMatchObject({ to: author.email, raw: expect.stringMatching(/published your post/) });
  });

  it("the REST API submits a draft with a note (posts:write is enough), refuses another's draft, a bad note, and a second submission", async () => {
    const submit = (who: Person, id: string, body: unknown) =>
      submitRoute.POST(
        new Request(`http://localhost/api/v1/posts/${id}/submit`, {
          method: "POST",
          headers: { authorization: `Bearer ${who.token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ id }) },
      );
    const draft = await draftBy(author);
    expect((await submit(other, draft.id, {})).status).toBe(404);
    const badNote = await submit(author, draft.id, { note: "x".repeat(LIMITS.reviewNote + 1) });
    expect(badNote.status).toBe(422);
    expect(((await badNote.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("note");
    const ok = await submit(author, draft.id, { version: draft.version, note: "From my app." });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe("in_review");
    expect((await listPostNotes(editor, { id: draft.id, authorId: author.id, status: "IN_REVIEW" })).map((note) => note.body)).toEqual(["From my app."]);
    expect((await submit(author, draft.id, {})).status).toBe(403);
    expect(await stored(draft.id)).toMatchObject({ status: "IN_REVIEW", version: draft.version + 1 });
  });

  it("the REST API names the status in_review, filters on it, and lets a contributor submit a new post", async () => {
    const response = await postsRoute.POST(
      new Request("http://localhost/api/v1/posts", {
        method: "POST",
        headers: { authorization: `Bearer ${author.token}`, "content-type": "application/json" },
        body: JSON.stringify({ title: `API ${unique()}`, url: `https://www.example.org/review/${unique()}/`, status: "in_review" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; status: string };
    expect(created.status).toBe("in_review");
    expect(await auditFor(created.id)).toEqual([expect.objectContaining({ action: "post.submit" })]);
    const listed = await postsRoute.GET(
      new Request("http://localhost/api/v1/posts?status=in_review&limit=100", { headers: { authorization: `Bearer ${editor.token}` } }),
      {
        params: Promise.resolve({}),
      },
    );
    const { data } = (await listed.json()) as { data: { id: string; status: string }[] };
    expect(data.every((post) => post.status === "in_review")).toBe(true);
    expect(data.map((post) => post.id)).toContain(created.id);
  });
});
