import { beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";
import { createTestUser, describeDatabase, signInWithPassword, unique } from "../support/database";
import { submitFormAction } from "../support/form-action";

// The tag and source forms' Server Actions share one factory: each kind must still say its own words, keep what was
// typed, and open the same pages after a merge or delete. Sessions are mocked as in auth-role-matrix.test.ts.
const request = vi.hoisted(() => ({ sessionId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.45", "taxonomy-actions"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const actions = () => import("@/app/(admin)/admin/taxonomy-actions");

async function actAs(role: Role) {
  const user = await createTestUser(role);
  request.sessionId = (await signInWithPassword(user.email, user.password, {}))!.sessionId;
}

const word = () => `ta${unique().replace(/[^a-z]/g, "")}`.slice(0, 20);

describeDatabase("tag and source form actions", () => {
  beforeAll(() => actAs("EDITOR"));

  it("renames a tag: says what changed and which address stops working, and echoes the saved values", async () => {
    const { renameTagAction } = await actions();
    const name = word();
    const tag = await prisma.tag.create({ data: { name, slug: name } });
    expect(await submitFormAction(renameTagAction, { tagId: tag.id, name, slug: name })).toEqual({
      status: "success",
      message: "Nothing changed: the tag already had this name and slug.",
      values: { name, slug: name },
    });
    expect(await submitFormAction(renameTagAction, { tagId: tag.id, name: `${name} Two`, slug: name })).toMatchObject({
      message: `Saved. Its posts show “${name} Two” from the next page view.`,
    });
    expect(await submitFormAction(renameTagAction, { tagId: tag.id, name: `${name} Two`, slug: "" })).toEqual({
      status: "success",
      message: `Saved. The tag's page is now /tags/${name}-two; the old address /tags/${name} now leads there.`,
      values: { name: `${name} Two`, slug: `${name}-two` },
    });
    expect(await submitFormAction(renameTagAction, { tagId: "", name: "Kept", slug: "" })).toEqual({
      status: "error",
      message: "This tag could not be found in the form. Reload the page and try again.",
      values: { name: "Kept", slug: "" },
    });
  });

  it("edits a source: its homepage is echoed, and its own words are used", async () => {
    const { updateSourceAction } = await actions();
    const name = word();
    const source = await prisma.source.create({ data: { name, slug: name } });
    expect(await submitFormAction(updateSourceAction, { sourceId: source.id, name, slug: name, homepage: "" })).toMatchObject({
      message: "Nothing changed: the source already looked like this.",
      values: { name, slug: name, homepage: "" },
    });
    expect(await submitFormAction(updateSourceAction, { sourceId: source.id, name, slug: name, homepage: `https://${name}.example.org/` })).toEqual({
      status: "success",
      message: "Saved. Readers see the change on their next page view.",
      values: { name, slug: name, homepage: `https://${name}.example.org/` },
    });
    expect(await submitFormAction(updateSourceAction, { sourceId: source.id, name, slug: name, homepage: "javascript:alert(1)" })).toMatchObject({
      status: "error",
      fieldErrors: { homepage: [expect.any(String)] },
      values: { homepage: "javascript:alert(1)" },
    });
  });

  it("merges, then opens the one kept; deletes, then opens the list", async () => {
    const { mergeTagAction, deleteTagAction, mergeSourceAction, deleteSourceAction } = await actions();
    const [a, b, c, d] = [word(), word(), word(), word()];
    const [tagA, tagB] = await Promise.all([prisma.tag.create({ data: { name: a, slug: a } }), prisma.tag.create({ data: { name: b, slug: b } })]);
    expect(await submitFormAction(mergeTagAction, { tagId: tagA.id, into: `Nothing ${a}` })).toMatchObject({
      status: "error",
      fieldErrors: { into: [expect.stringMatching(/^No tag is named/)] },
    });
    expect(await submitFormAction(mergeTagAction, { tagId: tagA.id, into: b })).toEqual({ redirect: `/admin/tags/${tagB.id}?merged=1` });
    expect(await submitFormAction(deleteTagAction, { tagId: tagB.id })).toEqual({ redirect: "/admin/tags?deleted=1" });
    const [sourceC, sourceD] = await Promise.all([prisma.source.create({ data: { name: c, slug: c } }), prisma.source.create({ data: { name: d, slug: d } })]);
    expect(await submitFormAction(mergeSourceAction, { sourceId: sourceC.id, into: d })).toEqual({ redirect: `/admin/sources/${sourceD.id}?merged=1` });
    expect(await submitFormAction(deleteSourceAction, { sourceId: sourceD.id })).toEqual({ redirect: "/admin/sources?deleted=1" });
    expect(await submitFormAction(deleteSourceAction, { sourceId: "" })).toMatchObject({
      status: "error",
      message: "This source could not be found in the form. Reload the page and try again.",
    });
  });

  it("refuses a contributor in each kind's words", async () => {
    const { renameTagAction, updateSourceAction } = await actions();
    await actAs("CONTRIBUTOR");
    expect(await submitFormAction(renameTagAction, { tagId: "x", name: "X", slug: "" })).toMatchObject({
      status: "error",
      message: "Only editors and admins can rename, merge or delete tags.",
    });
    expect(await submitFormAction(updateSourceAction, { sourceId: "x", name: "X", slug: "", homepage: "" })).toMatchObject({
      status: "error",
      message: "Only editors and admins can edit, merge or delete sources.",
    });
  });
});
