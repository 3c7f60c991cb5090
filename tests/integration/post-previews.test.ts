// Secret preview links: made by whoever may edit a post readers cannot see yet, opened by anyone holding the link,
// dead once expired, revoked or the post trashed; a public post's link leads to its page. Each step audited.
import { beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { createPreviewLink, revokePreviewLink } from "@/lib/previews/mutations";
import { findPreviewByToken, listActivePreviewLinks } from "@/lib/previews/queries";
import { MAX_ACTIVE_PREVIEW_LINKS } from "@/lib/previews/schema";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";

const DAY = 24 * 60 * 60 * 1000;
const tokenOf = (path: string) => path.replace(/^\/preview\//, "");

describeDatabase("preview links", () => {
  let editor: TestUser;
  let contributor: TestUser;
  let otherContributor: TestUser;

  beforeAll(async () => {
    [editor, contributor, otherContributor] = await Promise.all([createTestUser("EDITOR"), createTestUser("CONTRIBUTOR"), createTestUser("CONTRIBUTOR")]);
  });

  /** A draft by `author`; its title is returned with it (savePost returns the id, status, slug and version). */
  const draftBy = async (author: TestUser, overrides = {}) => {
    const input = testPostInput("previews", "Preview me", overrides);
    return { ...(await savePost(author, { intent: "draft", input })), title: input.title };
  };

  it("shows a draft to anyone with the link, rendered as its page will be, and stores only the token's hash", async () => {
    const post = await draftBy(editor, { summary: "Some **bold** words." });
    const link = await createPreviewLink(editor, post.id, 7);
    const token = tokenOf(link.path);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const target = await findPreviewByToken(token);
    expect(target?.kind).toBe("preview");
    if (target?.kind !== "preview") return;
    expect(target.post.title).toBe(post.title);
    expect(target.post.summaryHtml).toContain("<strong>bold</strong>");

    const stored = await prisma.previewLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(7 * DAY);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.preview_link_create", targetId: post.id } });
    expect(audit.actorId).toBe(editor.id);
    expect(audit.details).not.toContain(token);
    expect(await listActivePreviewLinks(post.id)).toEqual([expect.objectContaining({ id: link.id, createdBy: editor.name })]);
  });

  it("a scheduled post not yet due can be shared too", async () => {
    const input = testPostInput("previews", "Scheduled preview", { publishedAt: new Date(Date.now() + 5 * DAY).toISOString().slice(0, 16) });
    const post = await savePost(editor, { intent: "schedule", input });
    const link = await createPreviewLink(editor, post.id, 1);
    expect((await findPreviewByToken(tokenOf(link.path)))?.kind).toBe("preview");
  });

  it("answers null alike for expired, revoked, unknown and malformed tokens", async () => {
    const post = await draftBy(editor);
    const now = new Date();
    const link = await createPreviewLink(editor, post.id, 1, now);
    const token = tokenOf(link.path);
    expect(await findPreviewByToken(token, new Date(now.getTime() + DAY - 1000))).not.toBeNull();
    expect(await findPreviewByToken(token, new Date(now.getTime() + DAY))).toBeNull();

    await revokePreviewLink(editor, link.id);
    expect(await findPreviewByToken(token)).toBeNull();
    expect(await listActivePreviewLinks(post.id)).toEqual([]);
    await expectAppError(revokePreviewLink(editor, link.id), "NOT_FOUND", { message: /already revoked/ });
    expect(await prisma.auditLog.count({ where: { action: "post.preview_link_revoke", targetId: post.id } })).toBe(1);

    // Another token of the right shape, and shapes that are never looked up.
    expect(await findPreviewByToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    for (const bad of ["", "short", `${token}x`, "../../admin", `${token.slice(0, 42)}%`, "' OR 1=1 --", "x".repeat(5000)])
      expect(await findPreviewByToken(bad)).toBeNull();
  });

  it("each link opens its own post only", async () => {
    const [first, second] = await Promise.all([draftBy(editor), draftBy(editor)]);
    const [a, b] = await Promise.all([createPreviewLink(editor, first.id, 7), createPreviewLink(editor, second.id, 7)]);
    const [seenA, seenB] = await Promise.all([findPreviewByToken(tokenOf(a.path)), findPreviewByToken(tokenOf(b.path))]);
    expect(seenA?.kind === "preview" && seenA.post.title).toBe(first.title);
    expect(seenB?.kind === "preview" && seenB.post.title).toBe(second.title);
    // Revoking one leaves the other.
    await revokePreviewLink(editor, a.id);
    expect(await findPreviewByToken(tokenOf(b.path))).not.toBeNull();
  });

  it("a trashed post's links stop working, and a deleted post's links go with it", async () => {
    const post = await draftBy(editor);
    const link = await createPreviewLink(editor, post.id, 7);
    await deletePost(editor, post.id);
    expect(await findPreviewByToken(tokenOf(link.path))).toBeNull();
    await expectAppError(createPreviewLink(editor, post.id, 7), "FORBIDDEN");
    await prisma.post.delete({ where: { id: post.id } });
    expect(await prisma.previewLink.count({ where: { id: link.id } })).toBe(0);
  });

  it("a link to a post that has since been published leads to its public page; a public post gets no new link", async () => {
    const post = await draftBy(editor);
    const link = await createPreviewLink(editor, post.id, 7);
    const published = await savePost(editor, { postId: post.id, version: post.version, intent: "publish", input: testPostInput("previews", "Now public") });
    expect(await findPreviewByToken(tokenOf(link.path))).toEqual({ kind: "public", slug: published.slug });
    await expectAppError(createPreviewLink(editor, post.id, 7), "CONFLICT", { message: /public already/ });
    // Still revocable by whoever may edit it.
    await revokePreviewLink(editor, link.id);
    expect(await findPreviewByToken(tokenOf(link.path))).toBeNull();
  });

  it("refuses whoever may not edit the post: a contributor shares and revokes only their own drafts", async () => {
    const own = await draftBy(contributor);
    const link = await createPreviewLink(contributor, own.id, 3);
    expect((await findPreviewByToken(tokenOf(link.path)))?.kind).toBe("preview");

    await expectAppError(createPreviewLink(otherContributor, own.id, 7), "FORBIDDEN");
    await expectAppError(revokePreviewLink(otherContributor, link.id), "NOT_FOUND");
    const editors = await draftBy(editor);
    await expectAppError(createPreviewLink(contributor, editors.id, 7), "FORBIDDEN");
    await expectAppError(createPreviewLink(contributor, "no-such-post", 7), "FORBIDDEN");
    // Editors may revoke a contributor's link.
    await revokePreviewLink(editor, link.id);
    expect(await prisma.auditLog.count({ where: { action: "post.preview_link_create", actorId: otherContributor.id } })).toBe(0);
  });

  it(`keeps at most ${MAX_ACTIVE_PREVIEW_LINKS} live links per post`, async () => {
    const post = await draftBy(editor);
    for (let i = 0; i < MAX_ACTIVE_PREVIEW_LINKS; i++) await createPreviewLink(editor, post.id, 1);
    await expectAppError(createPreviewLink(editor, post.id, 1), "CONFLICT", { message: /Revoke one/ });
  });
});
