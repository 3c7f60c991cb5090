import { describe, expect, it } from "vitest";
import {
  ROLES,
  canAccessAdmin,
  canControlImportJob,
  canDeletePost,
  canEditPost,
  canExport,
  canImport,
  canManageJobs,
  canManageSettings,
  canManageTaxonomy,
  canManageUsers,
  canPublish,
  canPurgePosts,
  canRestorePost,
  canReviewPosts,
  canSubmitForReview,
  canSharePreview,
  canViewPost,
  canViewPostNotes,
  canViewPostHistory,
  isRole,
  type Actor,
  type PostOwnership,
  type Role,
} from "@/lib/auth/permissions";

const actor = (role: Role, id = `${role.toLowerCase()}-1`): Actor => ({ id, role });
const admin = actor("ADMIN");
const editor = actor("EDITOR");
const contributor = actor("CONTRIBUTOR");

describe("isRole", () => {
  it.each(["ADMIN", "EDITOR", "CONTRIBUTOR"])("accepts %j", (value) => {
    expect(isRole(value)).toBe(true);
  });

  it.each([["admin"], ["Editor"], [""], ["OWNER"], [" ADMIN"], [null], [undefined], [1], [["ADMIN"]], [{ role: "ADMIN" }]])("refuses %j", (value) => {
    expect(isRole(value)).toBe(false);
  });

  it("knows exactly the three roles", () => {
    expect([...ROLES].sort()).toEqual(["ADMIN", "CONTRIBUTOR", "EDITOR"]);
  });
});

describe("role-wide permissions", () => {
  it.each([
    // role, publish, taxonomy, users, settings
    ["ADMIN", true, true, true, true],
    ["EDITOR", true, true, false, false],
    ["CONTRIBUTOR", false, false, false, false],
  ] as const)("%s: publish=%s taxonomy=%s users=%s settings=%s", (role, publish, taxonomy, users, settings) => {
    const who = actor(role);
    expect(canPublish(who)).toBe(publish);
    expect(canManageTaxonomy(who)).toBe(taxonomy);
    expect(canManageUsers(who)).toBe(users);
    expect(canManageSettings(who)).toBe(settings);
    // The background job queue is an admin's, like the settings.
    expect(canManageJobs(who)).toBe(settings);
  });

  it.each([
    ["ADMIN", true],
    ["EDITOR", true],
    ["CONTRIBUTOR", false],
  ] as const)("%s: import and export=%s", (role, allowed) => {
    expect(canImport(actor(role))).toBe(allowed);
    expect(canExport(actor(role))).toBe(allowed);
  });

  it("lets an import job be controlled by the person who uploaded it, or by any admin", () => {
    const editorsJob = { createdById: editor.id };
    expect(canControlImportJob(editor, editorsJob)).toBe(true);
    expect(canControlImportJob(admin, editorsJob)).toBe(true);
    expect(canControlImportJob(actor("EDITOR", "editor-2"), editorsJob)).toBe(false);
    expect(canControlImportJob(admin, { createdById: null })).toBe(true);
    expect(canControlImportJob(editor, { createdById: null })).toBe(false);
    // A contributor cannot import, so not even a job recorded as theirs is theirs to run.
    expect(canControlImportJob(contributor, { createdById: contributor.id })).toBe(false);
  });

  it("lets only admins delete posts for good (from the trash)", () => {
    expect(canPurgePosts(admin)).toBe(true);
    expect(canPurgePosts(editor)).toBe(false);
    expect(canPurgePosts(contributor)).toBe(false);
  });

  it("lets every signed-in person into the admin area and nobody else", () => {
    for (const role of ROLES) expect(canAccessAdmin(actor(role))).toBe(true);
    expect(canAccessAdmin(null)).toBe(false);
  });
});

describe.each([
  ["canEditPost", canEditPost],
  ["canDeletePost", canDeletePost],
  ["canSharePreview", canSharePreview],
  ["canRestorePost", canRestorePost],
] as const)("%s", (_name, can) => {
  const own = (status: string): PostOwnership => ({ authorId: contributor.id, status });
  const others = (status: string): PostOwnership => ({ authorId: "someone-else", status });

  it.each([
    ["own draft", own("DRAFT"), true],
    ["own scheduled post", own("SCHEDULED"), false],
    ["own published post", own("PUBLISHED"), false],
    ["someone else's draft", others("DRAFT"), false],
    ["someone else's published post", others("PUBLISHED"), false],
    ["a draft without an author", { authorId: null, status: "DRAFT" }, false],
    ["own post with an unknown status", own("ARCHIVED"), false],
    ["own post with a lower-case status", own("draft"), false],
  ] as const)("contributor, %s → %s", (_case, post, expected) => {
    expect(can(contributor, post)).toBe(expected);
  });

  it("a contributor with the same id string as the author only", () => {
    expect(can(actor("CONTRIBUTOR", "c-2"), { authorId: "c-1", status: "DRAFT" })).toBe(false);
    expect(can(actor("CONTRIBUTOR", "c-1"), { authorId: "c-1", status: "DRAFT" })).toBe(true);
  });

  it.each([
    [{ authorId: "someone-else", status: "DRAFT" }],
    [{ authorId: "someone-else", status: "SCHEDULED" }],
    [{ authorId: "someone-else", status: "PUBLISHED" }],
    [{ authorId: null, status: "PUBLISHED" }],
  ])("editors and admins may act on any post: %j", (post) => {
    expect(can(editor, post)).toBe(true);
    expect(can(admin, post)).toBe(true);
  });

  it("editors and admins may act on their own posts in any status", () => {
    for (const who of [editor, admin]) for (const status of ["DRAFT", "SCHEDULED", "PUBLISHED"]) expect(can(who, { authorId: who.id, status })).toBe(true);
  });
});

describe("the review queue", () => {
  const mine = (status: string): PostOwnership => ({ authorId: contributor.id, status });
  const theirs = (status: string): PostOwnership => ({ authorId: "someone", status });

  it("lets editors and admins review (the inbox, returning a post), never a contributor", () => {
    expect(canReviewPosts(editor)).toBe(true);
    expect(canReviewPosts(admin)).toBe(true);
    expect(canReviewPosts(contributor)).toBe(false);
  });

  it("locks a contributor's post in review against their edits and deletion until it is returned (a draft again)", () => {
    expect(canEditPost(contributor, mine("DRAFT"))).toBe(true);
    expect(canEditPost(contributor, mine("IN_REVIEW"))).toBe(false);
    expect(canDeletePost(contributor, mine("IN_REVIEW"))).toBe(false);
    for (const who of [editor, admin]) expect(canEditPost(who, theirs("IN_REVIEW"))).toBe(true);
  });

  it("submits a new post or one's own draft; never another's, never one already in review, published or scheduled", () => {
    expect(canSubmitForReview(contributor, null)).toBe(true);
    expect(canSubmitForReview(contributor, mine("DRAFT"))).toBe(true);
    expect(canSubmitForReview(contributor, mine("IN_REVIEW"))).toBe(false);
    expect(canSubmitForReview(contributor, theirs("DRAFT"))).toBe(false);
    for (const status of ["PUBLISHED", "SCHEDULED"]) {
      expect(canSubmitForReview(contributor, mine(status))).toBe(false);
      expect(canSubmitForReview(editor, theirs(status))).toBe(false);
    }
    // An editor's "Save, keep in review".
    expect(canSubmitForReview(editor, theirs("IN_REVIEW"))).toBe(true);
  });

  it("shows a post's notes to its author and to editors and admins, to no other contributor", () => {
    expect(canViewPostNotes(contributor, mine("IN_REVIEW"))).toBe(true);
    expect(canViewPostNotes(contributor, theirs("IN_REVIEW"))).toBe(false);
    expect(canViewPostNotes(contributor, { authorId: null, status: "DRAFT" })).toBe(false);
    for (const who of [editor, admin]) expect(canViewPostNotes(who, theirs("DRAFT"))).toBe(true);
  });
});

describe("canViewPostHistory", () => {
  it("shows a post's earlier text to editors, admins and its author, not to another contributor even once it is public", () => {
    for (const who of [editor, admin]) expect(canViewPostHistory(who, { authorId: "someone", status: "DRAFT" })).toBe(true);
    expect(canViewPostHistory(contributor, { authorId: contributor.id, status: "PUBLISHED" })).toBe(true);
    expect(canViewPostHistory(contributor, { authorId: "someone", status: "PUBLISHED" })).toBe(false);
    expect(canViewPostHistory(contributor, { authorId: null, status: "PUBLISHED" })).toBe(false);
  });
});

describe("canViewPost", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const past = new Date("2026-05-01T00:00:00Z");
  const future = new Date("2026-07-01T00:00:00Z");
  const post = (authorId: string | null, status: string, publishedAt: Date | null) => ({ authorId, status, publishedAt });

  it("lets editors and admins know of every post", () => {
    for (const who of [editor, admin]) for (const status of ["DRAFT", "SCHEDULED"]) expect(canViewPost(who, post("someone", status, future), now)).toBe(true);
  });

  it("lets a contributor know of their own posts and of posts readers can see, nothing else", () => {
    expect(canViewPost(contributor, post(contributor.id, "DRAFT", null), now)).toBe(true);
    expect(canViewPost(contributor, post(contributor.id, "SCHEDULED", future), now)).toBe(true);
    expect(canViewPost(contributor, post("someone", "PUBLISHED", past), now)).toBe(true);
    expect(canViewPost(contributor, post("someone", "SCHEDULED", past), now)).toBe(true);
    expect(canViewPost(contributor, post("someone", "DRAFT", past), now)).toBe(false);
    expect(canViewPost(contributor, post("someone", "SCHEDULED", future), now)).toBe(false);
    expect(canViewPost(contributor, post(null, "DRAFT", null), now)).toBe(false);
  });

  it("a trashed post: a contributor knows of it only as its author (readers no longer see it); editors and admins always", () => {
    const deletedAt = past;
    expect(canViewPost(contributor, { ...post("someone", "PUBLISHED", past), deletedAt }, now)).toBe(false);
    expect(canViewPost(contributor, { ...post(contributor.id, "DRAFT", null), deletedAt }, now)).toBe(true);
    expect(canViewPost(editor, { ...post("someone", "PUBLISHED", past), deletedAt }, now)).toBe(true);
  });
});
