import { beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AUDIT_ACTIONS } from "@/lib/audit/schema";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { readPostList, readTaxonomyEntity, readTaxonomyIndex } from "@/lib/cache/public-reads";
import { savePost } from "@/lib/posts/mutations";
import { getPublishedPostBySlug, listPublishedPosts } from "@/lib/posts/queries";
import type { PostInput } from "@/lib/posts/schema";
import { searchPublishedPosts } from "@/lib/search/queries";
import { deleteSource, mergeSource, updateSource } from "@/lib/sources/mutations";
import { getSourceBySlug, getSourceForAdmin, listSourcesForAdmin } from "@/lib/sources/queries";
import { sourceDeleteSchema, sourceMergeSchema, sourceUpdateSchema } from "@/lib/sources/schema";
import { deleteTag, mergeTag, renameTag } from "@/lib/tags/mutations";
import { getTagForAdmin, listTagsForAdmin } from "@/lib/tags/queries";
import { tagMergeSchema, tagRenameSchema } from "@/lib/tags/schema";
import { taxonomyListQuerySchema, TAXONOMY_PAGE_SIZE } from "@/lib/taxonomy/schema";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";

const word = () => searchableWord();
const input = (overrides: Partial<Record<keyof PostInput, string>> = {}) => testPostInput("mesh", "Service mesh notes", { summary: "", ...overrides });

/** Publishes as the post form's action does: save, then drop the public cache. */
async function publish(overrides: Partial<Record<keyof PostInput, string>>) {
  const saved = await savePost(editor, { intent: "publish", input: input(overrides) });
  revalidatePublicContent();
  return saved;
}

async function draft(overrides: Partial<Record<keyof PostInput, string>>) {
  return savePost(editor, { intent: "draft", input: input(overrides) });
}

async function tagSlugsOf(postId: string): Promise<string[]> {
  const links = await prisma.postTag.findMany({ where: { postId }, orderBy: { position: "asc" }, select: { tag: { select: { slug: true } } } });
  return links.map((link) => link.tag.slug);
}

async function tagId(slug: string): Promise<string> {
  return (await prisma.tag.findUniqueOrThrow({ where: { slug } })).id;
}

async function sourceId(slug: string): Promise<string> {
  return (await prisma.source.findUniqueOrThrow({ where: { slug } })).id;
}

async function foundSlugs(query: string): Promise<string[]> {
  return (await searchPublishedPosts(query, { page: 1, perPage: 50 })).items.map((item) => item.slug);
}

const rename = (id: string, name: string, slug = "") => tagRenameSchema.parse({ tagId: id, name, slug });
const mergeTagInput = (id: string, into: string) => tagMergeSchema.parse({ tagId: id, into });
const sourceEdit = (id: string, name: string, slug = "", homepage = "") => sourceUpdateSchema.parse({ sourceId: id, name, slug, homepage });

async function auditCount(action: string, targetId: string): Promise<number> {
  return prisma.auditLog.count({ where: { action, targetId } });
}

let editor: TestUser;
let admin: TestUser;
let contributor: TestUser;

describeDatabase("tag management", () => {
  beforeAll(async () => {
    [editor, admin, contributor] = await Promise.all([createTestUser("EDITOR"), createTestUser("ADMIN"), createTestUser("CONTRIBUTOR")]);
  });

  it("renames a tag's name and slug: posts keep it, the public pages and search follow, and the change is audited", async () => {
    const [oldName, newName] = [word(), word()];
    const post = await publish({ tags: `${oldName}, kubernetes` });
    const id = await tagId(oldName);
    // Read once through the public cache, as a reader's visit would, so the rename must drop it.
    expect(await readTaxonomyEntity("tag", oldName)).toEqual({ name: oldName, slug: oldName });
    expect((await readPostList({ tagSlug: oldName }, 1)).total).toBe(1);
    expect(await foundSlugs(oldName)).toEqual([post.slug]);

    const renamed = await renameTag(editor, rename(id, `Mesh ${newName}`, `mesh-${newName}`));
    expect(renamed).toMatchObject({ id, name: `Mesh ${newName}`, slug: `mesh-${newName}`, previousSlug: oldName, changed: true });
    expect(await tagSlugsOf(post.id)).toEqual([`mesh-${newName}`, "kubernetes"]);
    expect(await readTaxonomyEntity("tag", oldName)).toBeNull();
    expect(await readTaxonomyEntity("tag", `mesh-${newName}`)).toEqual({ name: `Mesh ${newName}`, slug: `mesh-${newName}` });
    expect((await readPostList({ tagSlug: `mesh-${newName}` }, 1)).items.map((item) => item.slug)).toEqual([post.slug]);
    expect((await getPublishedPostBySlug(post.slug))?.tags[0]).toEqual({ name: `Mesh ${newName}`, slug: `mesh-${newName}` });
    expect(await foundSlugs(newName)).toEqual([post.slug]);
    expect(await foundSlugs(oldName)).toEqual([]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "tag.rename", targetId: id } });
    expect(entry.actorId).toBe(editor.id);
    expect(JSON.parse(entry.details!)).toEqual({ from: { name: oldName, slug: oldName }, to: { name: `Mesh ${newName}`, slug: `mesh-${newName}` } });
  });

  it("derives the slug from the name when none is given, and writes nothing when nothing changed", async () => {
    const name = word();
    await draft({ tags: name });
    const id = await tagId(name);
    const upper = `${name.toUpperCase()} Ops`;
    expect(await renameTag(admin, rename(id, upper))).toMatchObject({ slug: `${name}-ops`, changed: true });
    expect(await renameTag(admin, rename(id, upper, `${name}-ops`))).toMatchObject({ changed: false });
    expect(await auditCount("tag.rename", id)).toBe(1);
  });

  it("refuses a slug another tag uses, beside the slug field and naming that tag, and changes nothing", async () => {
    const [mine, theirs] = [word(), word()];
    await draft({ tags: `${mine}, ${theirs}` });
    const id = await tagId(mine);
    await expectAppError(renameTag(editor, rename(id, "Anything", theirs)), "CONFLICT", {
      field: "slug",
      message: new RegExp(`already used by the tag “${theirs}”.*merge`),
    });
    // The same clash when the slug is derived from a name that differs only in case.
    await expectAppError(renameTag(editor, rename(id, theirs.toUpperCase())), "CONFLICT", { field: "slug" });
    expect(await prisma.tag.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: mine, slug: mine });
    expect(await auditCount("tag.rename", id)).toBe(0);
  });

  it("refuses a name another tag has (any case) even with a slug of its own", async () => {
    const [mine, theirs] = [word(), word()];
    await draft({ tags: `${mine}, ${theirs}` });
    const id = await tagId(mine);
    await expectAppError(renameTag(editor, rename(id, theirs.toUpperCase(), `${mine}-other`)), "CONFLICT", { field: "name" });
    expect((await prisma.tag.findUniqueOrThrow({ where: { id } })).slug).toBe(mine);
  });

  it("merges a tag into another: its posts get the other tag once, in the earlier place, and the first is deleted", async () => {
    const [from, into, other] = [word(), word(), word()];
    const onlyFrom = await publish({ tags: `${from}, ${other}` });
    const both = await publish({ tags: `${into}, ${other}, ${from}` });
    const bothFromFirst = await publish({ tags: `${from}, ${other}, ${into}` });
    const onlyInto = await publish({ tags: into });
    const draftFrom = await draft({ tags: from });
    const [fromId, intoId] = [await tagId(from), await tagId(into)];
    expect(await readTaxonomyEntity("tag", from)).not.toBeNull();

    const result = await mergeTag(editor, mergeTagInput(fromId, into.toUpperCase()));
    expect(result).toMatchObject({ into: { id: intoId, slug: into }, moved: 2, alreadyTagged: 2 });

    expect(await prisma.tag.findUnique({ where: { id: fromId } })).toBeNull();
    expect(await prisma.postTag.count({ where: { tagId: fromId } })).toBe(0);
    expect(await tagSlugsOf(onlyFrom.id)).toEqual([into, other]);
    expect(await tagSlugsOf(both.id)).toEqual([into, other]);
    expect(await tagSlugsOf(bothFromFirst.id)).toEqual([into, other]);
    expect(await tagSlugsOf(onlyInto.id)).toEqual([into]);
    expect(await tagSlugsOf(draftFrom.id)).toEqual([into]);
    // One link per post: as many rows as distinct posts.
    const rows = await prisma.postTag.findMany({ where: { tagId: intoId }, select: { postId: true } });
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.postId)).size).toBe(5);
    expect(await getTagForAdmin(intoId)).toMatchObject({ postCount: 5, publishedCount: 4 });

    expect(await readTaxonomyEntity("tag", from)).toBeNull();
    expect((await readPostList({ tagSlug: into }, 1)).total).toBe(4);
    expect((await listPublishedPosts({ page: 1, tagSlug: into })).total).toBe(4);
    expect((await foundSlugs(into)).sort()).toEqual([onlyFrom.slug, both.slug, bothFromFirst.slug, onlyInto.slug].sort());
    expect(await foundSlugs(from)).toEqual([]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "tag.merge", targetId: fromId } });
    expect(JSON.parse(entry.details!)).toMatchObject({ slug: from, into: { id: intoId, name: into, slug: into }, moved: 2, alreadyTagged: 2 });
  });

  it("refuses to merge a tag into itself or into a tag that does not exist, beside the field", async () => {
    const name = word();
    await draft({ tags: name });
    const id = await tagId(name);
    await expectAppError(mergeTag(editor, mergeTagInput(id, name)), "INVALID_INPUT", { field: "into", message: /itself/ });
    await expectAppError(mergeTag(editor, mergeTagInput(id, word())), "INVALID_INPUT", { field: "into", message: /No tag is named/ });
    await expectAppError(mergeTag(editor, mergeTagInput("no-such-tag-id", name)), "NOT_FOUND");
    expect(await prisma.tag.findUnique({ where: { id } })).not.toBeNull();
  });

  it("deletes a tag: its posts stay, without it, and search no longer finds them by its name", async () => {
    const name = word();
    const post = await publish({ tags: `${name}, kubernetes` });
    const id = await tagId(name);
    expect(await foundSlugs(name)).toEqual([post.slug]);
    expect(await deleteTag(editor, id)).toEqual({ name, slug: name, posts: 1 });
    expect(await prisma.tag.findUnique({ where: { id } })).toBeNull();
    expect(await tagSlugsOf(post.id)).toEqual(["kubernetes"]);
    expect(await getPublishedPostBySlug(post.slug)).not.toBeNull();
    expect(await readTaxonomyEntity("tag", name)).toBeNull();
    expect(await foundSlugs(name)).toEqual([]);
    expect(await auditCount("tag.delete", id)).toBe(1);
    await expectAppError(deleteTag(editor, id), "NOT_FOUND");
  });

  it("refuses a contributor every change, and nothing changes", async () => {
    const [name, into] = [word(), word()];
    const post = await publish({ tags: `${name}, ${into}` });
    const id = await tagId(name);
    await expectAppError(renameTag(contributor, rename(id, word())), "FORBIDDEN");
    await expectAppError(mergeTag(contributor, mergeTagInput(id, into)), "FORBIDDEN");
    await expectAppError(deleteTag(contributor, id), "FORBIDDEN");
    expect(await prisma.tag.findUniqueOrThrow({ where: { id } })).toMatchObject({ name, slug: name });
    expect(await tagSlugsOf(post.id)).toEqual([name, into]);
    expect(await prisma.auditLog.count({ where: { actorId: contributor.id, action: { startsWith: "tag." } } })).toBe(0);
  });

  it("lists tags with published and total post counts, searched by name and paged", async () => {
    const prefix = word();
    const number = (n: number) => String(n).padStart(3, "0");
    await prisma.tag.createMany({
      data: Array.from({ length: TAXONOMY_PAGE_SIZE + 2 }, (_, n) => ({ name: `${prefix} ${number(n)}`, slug: `${prefix}-${number(n)}` })),
    });
    await publish({ tags: `${prefix} 000, ${prefix} 001` });
    await draft({ tags: `${prefix} 001` });
    const first = await listTagsForAdmin(taxonomyListQuerySchema.parse({ q: prefix.toUpperCase() }));
    expect(first).toMatchObject({ total: TAXONOMY_PAGE_SIZE + 2, pageCount: 2, page: 1 });
    expect(first.items[0]).toMatchObject({ name: `${prefix} 000`, postCount: 1, publishedCount: 1 });
    expect(first.items[1]).toMatchObject({ name: `${prefix} 001`, postCount: 2, publishedCount: 1 });
    expect(first.items[2]).toMatchObject({ postCount: 0, publishedCount: 0 });
    const second = await listTagsForAdmin(taxonomyListQuerySchema.parse({ q: prefix, page: "2" }));
    expect(second.items.map((item) => item.slug)).toEqual([`${prefix}-050`, `${prefix}-051`]);
    const byPosts = await listTagsForAdmin(taxonomyListQuerySchema.parse({ q: prefix, sort: "posts" }));
    expect(byPosts.items[0].name).toBe(`${prefix} 001`);
    // Attack strings are plain text to the filter.
    expect((await listTagsForAdmin(taxonomyListQuerySchema.parse({ q: "%' OR 1=1 --" }))).total).toBe(0);
  });

  it("names every tag and source action on the audit log page", () => {
    for (const action of ["tag.create", "tag.rename", "tag.merge", "tag.delete", "source.create", "source.update", "source.merge", "source.delete"])
      expect(Object.keys(AUDIT_ACTIONS)).toContain(action);
  });
});

describeDatabase("source management", () => {
  beforeAll(async () => {
    [editor, admin, contributor] = await Promise.all([createTestUser("EDITOR"), createTestUser("ADMIN"), createTestUser("CONTRIBUTOR")]);
  });

  it("edits name, slug and homepage: posts keep it, public pages and search follow, the domain follows the homepage", async () => {
    const [oldName, newName] = [word(), word()];
    const post = await publish({ source: oldName });
    const id = await sourceId(oldName);
    expect(await readTaxonomyEntity("source", oldName)).not.toBeNull();
    expect(await foundSlugs(oldName)).toEqual([post.slug]);

    const updated = await updateSource(editor, sourceEdit(id, `The ${newName}`, "", "https://blog.example.net/"));
    expect(updated).toMatchObject({
      name: `The ${newName}`,
      slug: `the-${newName}`,
      homepage: "https://blog.example.net/",
      domain: "blog.example.net",
      previousSlug: oldName,
    });
    expect(await readTaxonomyEntity("source", oldName)).toBeNull();
    expect(await getSourceBySlug(`the-${newName}`)).toMatchObject({ name: `The ${newName}`, homepage: "https://blog.example.net/" });
    expect((await readPostList({ sourceSlug: `the-${newName}` }, 1)).items.map((item) => item.slug)).toEqual([post.slug]);
    expect(await foundSlugs(newName)).toEqual([post.slug]);
    expect(await foundSlugs(oldName)).toEqual([]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "source.update", targetId: id } });
    expect(JSON.parse(entry.details!).changed.name).toEqual({ from: oldName, to: `The ${newName}` });

    // Clearing the homepage keeps the domain the articles came from.
    expect(await updateSource(editor, sourceEdit(id, `The ${newName}`))).toMatchObject({ homepage: null, domain: "blog.example.net" });
  });

  it("refuses a slug or a name another source has, beside the field, and changes nothing", async () => {
    const [mine, theirs] = [word(), word()];
    await draft({ source: mine });
    await draft({ source: theirs });
    const id = await sourceId(mine);
    await expectAppError(updateSource(editor, sourceEdit(id, "Other name", theirs)), "CONFLICT", { field: "slug", message: new RegExp(`source “${theirs}”`) });
    await expectAppError(updateSource(editor, sourceEdit(id, theirs.toUpperCase(), `${mine}-x`)), "CONFLICT", { field: "name" });
    expect(await prisma.source.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: mine, slug: mine });
  });

  it("refuses homepages that are not http(s) addresses", () => {
    for (const homepage of [
      "javascript:alert(1)",
      "ftp://example.org/",
      "data:text/html,<script>",
      "not a url",
      "https://user:pw@example.org/",
      "https://intranet/",
    ]) {
      const parsed = sourceUpdateSchema.safeParse({ sourceId: "x", name: "Name", slug: "", homepage });
      expect(parsed.success, homepage).toBe(false);
      if (!parsed.success) expect(Object.keys(parsed.error.flatten().fieldErrors)).toEqual(["homepage"]);
    }
  });

  it("merges a source into another: its posts move, the other takes its homepage if it had none, the first is deleted", async () => {
    const [from, into] = [word(), word()];
    const a = await publish({ source: from, externalUrl: `https://${from}.example.com/a/${unique()}` });
    const b = await draft({ source: from });
    const c = await publish({ source: into });
    const [fromId, intoId] = [await sourceId(from), await sourceId(into)];
    await prisma.source.update({ where: { id: intoId }, data: { homepage: null } });

    const result = await mergeSource(admin, sourceMergeSchema.parse({ sourceId: fromId, into }));
    expect(result).toMatchObject({ moved: 2, into: { id: intoId } });
    expect(await prisma.source.findUnique({ where: { id: fromId } })).toBeNull();
    for (const post of [a, b, c]) expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).sourceId).toBe(intoId);
    expect(await getSourceForAdmin(intoId)).toMatchObject({ postCount: 3, publishedCount: 2, homepage: `https://${from}.example.com` });
    expect(await readTaxonomyEntity("source", from)).toBeNull();
    expect((await foundSlugs(into)).sort()).toEqual([a.slug, c.slug].sort());
    expect(await foundSlugs(from)).toEqual([]);
    expect(await auditCount("source.merge", fromId)).toBe(1);
    await expectAppError(mergeSource(admin, sourceMergeSchema.parse({ sourceId: intoId, into })), "INVALID_INPUT", { field: "into" });
    await expectAppError(mergeSource(admin, sourceMergeSchema.parse({ sourceId: intoId, into: word() })), "INVALID_INPUT", { field: "into" });
  });

  it("deletes a source: its posts stay published with no source", async () => {
    const name = word();
    const post = await publish({ source: name });
    const id = await sourceId(name);
    expect(await deleteSource(editor, sourceDeleteSchema.parse({ sourceId: id }).sourceId)).toEqual({ name, slug: name, posts: 1 });
    expect(await prisma.source.findUnique({ where: { id } })).toBeNull();
    expect(await getPublishedPostBySlug(post.slug)).toMatchObject({ source: null });
    expect(await foundSlugs(name)).toEqual([]);
    expect(await auditCount("source.delete", id)).toBe(1);
  });

  it("refuses a contributor every change, and nothing changes", async () => {
    const [name, into] = [word(), word()];
    const post = await publish({ source: name });
    await draft({ source: into });
    const id = await sourceId(name);
    await expectAppError(updateSource(contributor, sourceEdit(id, word())), "FORBIDDEN");
    await expectAppError(mergeSource(contributor, sourceMergeSchema.parse({ sourceId: id, into })), "FORBIDDEN");
    await expectAppError(deleteSource(contributor, id), "FORBIDDEN");
    expect(await prisma.source.findUniqueOrThrow({ where: { id } })).toMatchObject({ name, slug: name });
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).sourceId).toBe(id);
    expect(await prisma.auditLog.count({ where: { actorId: contributor.id, action: { startsWith: "source." } } })).toBe(0);
  });

  it("lists sources with homepage, domain and post counts, searched by name or domain", async () => {
    const name = word();
    await publish({ source: name, externalUrl: `https://news.${name}.example/${unique()}` });
    await draft({ source: name, externalUrl: `https://news.${name}.example/${unique()}` });
    const byDomain = await listSourcesForAdmin(taxonomyListQuerySchema.parse({ q: `news.${name}` }));
    expect(byDomain.items).toEqual([
      { id: await sourceId(name), name, slug: name, homepage: `https://news.${name}.example`, domain: `news.${name}.example`, postCount: 2, publishedCount: 1 },
    ]);
    expect((await readTaxonomyIndex("source")).find((entry) => entry.slug === name)).toEqual({ name, slug: name, count: 1 });
  });
});
