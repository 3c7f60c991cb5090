// Old addresses: a post's, tag's or source's earlier slugs answer 301 to the current one, through every door that
// changes a slug (the form's save, the REST API, renaming and merging tags and sources), in pages and in feeds.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import * as sourceRoute from "@/app/api/v1/sources/[idOrSlug]/route";
import * as tagRoute from "@/app/api/v1/tags/[idOrSlug]/route";
import * as tagFeedRoute from "@/app/(site)/tags/[slug]/feed.xml/route";
import * as sourceAtomRoute from "@/app/(site)/sources/[slug]/atom.xml/route";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { prisma } from "@/lib/db";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile } from "@/lib/import/read";
import { deletePost, restorePost, savePost } from "@/lib/posts/mutations";
import type { PostInput } from "@/lib/posts/schema";
import { movedOrNotFound } from "@/lib/redirects/moved";
import { findMovedSlug } from "@/lib/redirects/queries";
import { movedPath } from "@/lib/redirects/schema";
import { slugify } from "@/lib/slug";
import { mergeTag, renameTag } from "@/lib/tags/mutations";
import { tagMergeSchema, tagRenameSchema } from "@/lib/tags/schema";
import { createApiToken } from "@/lib/tokens/mutations";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { searchableWord, testPostInput } from "../support/post-input";
import { corpusFile, uniqueCorpusText } from "./import-support";

vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const input = (overrides: Partial<Record<keyof PostInput, string>> = {}) => testPostInput("moved", "Moved post", overrides);

/** What a reader page ends with for an address: Next's redirect (its target and status) or the 404. */
async function pageOutcome(kind: "post" | "tag" | "source", slug: string, path: string): Promise<string> {
  try {
    await movedOrNotFound(kind, slug, path);
  } catch (error) {
    const digest = String((error as { digest?: string }).digest);
    const redirect = /^NEXT_REDIRECT;\w+;(.*);(\d{3});$/.exec(digest);
    if (redirect) return `${redirect[2]} ${redirect[1]}`;
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    throw error;
  }
  throw new Error("movedOrNotFound returned");
}

type FeedHandler = (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>;
async function feed(handler: FeedHandler, path: string, slug: string) {
  return handler(new Request(`http://localhost${path}`), { params: Promise.resolve({ slug }) });
}

describeDatabase("slug redirects", () => {
  let editor: TestUser;
  let token: string;

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
    token = (
      await createApiToken(editor, editor.id, { name: unique("moved"), scopes: ["posts:read", "posts:write", "posts:publish", "taxonomy:write"], days: 1 })
    ).secret;
  });

  async function publish(slug: string, overrides: Partial<Record<keyof PostInput, string>> = {}) {
    const saved = await savePost(editor, { intent: "publish", input: input({ slug, ...overrides }) });
    revalidatePublicContent();
    return saved;
  }

  /** Changes a post's slug as the post form's action does: the same save, at the version loaded. */
  async function changeSlug(post: { id: string; version: number }, slug: string, overrides: Partial<Record<keyof PostInput, string>> = {}) {
    return savePost(editor, { intent: "publish", postId: post.id, version: post.version, input: input({ slug, ...overrides }) });
  }

  async function apiPatch(handler: unknown, id: string, body: object) {
    const request = new Request(`http://localhost/api/v1/x/${id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const call = handler as (request: Request, context: { params: Promise<{ id: string; idOrSlug: string }> }) => Promise<Response>;
    return call(request, { params: Promise.resolve({ id, idOrSlug: id }) });
  }

  it("records a post's old slug on a form save; every earlier slug leads straight to the newest (chains collapse)", async () => {
    const [a, b, c] = [unique("post-a"), unique("post-b"), unique("post-c")];
    const first = await publish(a);
    expect(await findMovedSlug("post", a)).toBeNull();
    const second = await changeSlug(first, b);
    expect(await findMovedSlug("post", a)).toBe(b);
    expect(await pageOutcome("post", a, `/posts/${a}`)).toBe(`308 /posts/${b}`);
    await changeSlug(second, c);
    expect(await findMovedSlug("post", a)).toBe(c);
    expect(await findMovedSlug("post", b)).toBe(c);
    expect(await prisma.slugRedirect.count({ where: { kind: "post", targetId: first.id } })).toBe(2);
    // An unchanged slug records nothing; an unknown slug is a plain 404.
    expect(await pageOutcome("post", unique("never"), "/posts/never")).toBe("404");
  });

  it("records a slug changed through the REST API, and a slug taken back removes its redirect", async () => {
    const [a, b] = [unique("api-a"), unique("api-b")];
    const post = await publish(a);
    const response = await apiPatch(postRoute.PATCH, post.id, { version: post.version, slug: b });
    expect(response.status).toBe(200);
    expect(await findMovedSlug("post", a)).toBe(b);
    // Renamed back: the live address wins and the redirect from it goes.
    await apiPatch(postRoute.PATCH, post.id, { version: post.version + 1, slug: a });
    expect(await findMovedSlug("post", a)).toBeNull();
    expect(await findMovedSlug("post", b)).toBe(a);
  });

  it("lets a new post take an old slug: the new post wins and the redirect is removed", async () => {
    const [a, b] = [unique("reuse-a"), unique("reuse-b")];
    const post = await publish(a);
    await changeSlug(post, b);
    expect(await findMovedSlug("post", a)).toBe(b);
    // Even as a draft, the new holder of the slug removes the redirect: the address is its own now.
    await savePost(editor, { intent: "draft", input: input({ slug: a }) });
    expect(await prisma.slugRedirect.count({ where: { kind: "post", oldSlug: a } })).toBe(0);
    expect(await pageOutcome("post", a, `/posts/${a}`)).toBe("404");
  });

  it("gives an old slug to an imported post that takes it, dropping the redirect", async () => {
    // An export's file name is the post's slug, which the importer keeps when it is free.
    const slug = `${slugify("Kubernetes v1.33: User Namespaces enabled by default!")}-${Date.now()}`;
    const post = await publish(slug);
    await changeSlug(post, `${slug}-moved`);
    expect(await findMovedSlug("post", slug)).toBe(`${slug}-moved`);
    const { text } = uniqueCorpusText(corpusFile("0007"));
    const report = await importItems(editor, { total: 1, items: [itemFromFile(`${slug}.md`, text)] }, { onDuplicate: "skip", asDraft: true, dryRun: false });
    expect(report.counts.created).toBe(1);
    expect(await prisma.post.count({ where: { slug } })).toBe(1);
    expect(await prisma.slugRedirect.count({ where: { kind: "post", oldSlug: slug } })).toBe(0);
  });

  it("never leads to a post that readers cannot see: trashed (404) until restored", async () => {
    const [a, b] = [unique("trash-a"), unique("trash-b")];
    const post = await publish(a);
    await changeSlug(post, b);
    await deletePost(editor, post.id);
    expect(await pageOutcome("post", a, `/posts/${a}`)).toBe("404");
    await restorePost(editor, post.id);
    expect(await pageOutcome("post", a, `/posts/${a}`)).toBe(`308 /posts/${b}`);
  });

  it("answers a renamed tag's old page (with its page number) and its old feed with the new address", async () => {
    const [oldTag, newTag] = [searchableWord("zold"), searchableWord("znew")];
    await publish(unique("tagged"), { tags: oldTag });
    const tag = await prisma.tag.findUniqueOrThrow({ where: { slug: oldTag } });
    await renameTag(editor, tagRenameSchema.parse({ tagId: tag.id, name: newTag, slug: newTag }));
    revalidatePublicContent();
    expect(await pageOutcome("tag", oldTag, `/tags/${oldTag}?page=2`)).toBe(`308 /tags/${newTag}?page=2`);
    const moved = await feed(tagFeedRoute.GET, `/tags/${oldTag}/feed.xml`, oldTag);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`/tags/${newTag}/feed.xml`);
    expect((await feed(tagFeedRoute.GET, `/tags/${newTag}/feed.xml`, newTag)).status).toBe(200);
    expect((await feed(tagFeedRoute.GET, "/tags/zzunknownzz/feed.xml", "zzunknownzz")).status).toBe(404);
  });

  it("sends a merged tag's slug and its earlier slugs to the tag it was merged into", async () => {
    const [first, renamed, kept] = [searchableWord("zfirst"), searchableWord("zrenamed"), searchableWord("zkept")];
    await publish(unique("merge-a"), { tags: first });
    await publish(unique("merge-b"), { tags: kept });
    const merged = await prisma.tag.findUniqueOrThrow({ where: { slug: first } });
    await renameTag(editor, tagRenameSchema.parse({ tagId: merged.id, name: renamed, slug: renamed }));
    await mergeTag(editor, tagMergeSchema.parse({ tagId: merged.id, into: kept }));
    expect(await findMovedSlug("tag", first)).toBe(kept);
    expect(await findMovedSlug("tag", renamed)).toBe(kept);
  });

  /** Gives the tag or source holding `slug` another slug (and another name, when given) through the REST API. */
  async function reslug(kind: "tag" | "source", slug: string, change: { slug: string; name?: string }) {
    const { id } = kind === "tag" ? await prisma.tag.findUniqueOrThrow({ where: { slug } }) : await prisma.source.findUniqueOrThrow({ where: { slug } });
    const response = await apiPatch(kind === "tag" ? tagRoute.PATCH : sourceRoute.PATCH, id, change);
    expect(response.status).toBe(200);
    expect(await findMovedSlug(kind, slug)).toBe(change.slug);
    return id;
  }

  /** One corpus file for the importer, with the tags and source given. */
  function importFile(tags: string[], source: string) {
    const { text } = uniqueCorpusText(corpusFile("0007"));
    return text.replace(/^tags:\n(?:\s*- .*\n)+/m, `tags:\n${tags.map((tag) => `  - ${tag}\n`).join("")}`).replace(/^source: .*$/m, `source: ${source}`);
  }

  async function importOne(text: string) {
    const report = await importItems(
      editor,
      { total: 1, items: [itemFromFile(`${unique("file")}.md`, text)] },
      { onDuplicate: "skip", asDraft: true, dryRun: false },
    );
    expect(report.counts.created).toBe(1);
  }

  it("lets a new tag or source take an old slug through a post's save or an import: the redirect from it goes", async () => {
    const [tagSlug, sourceSlug, importedTag, importedSource] = ["ztaken", "zsrctaken", "zimptaken", "zimpsrc"].map(searchableWord);
    await publish(unique("takes-a"), { tags: `${tagSlug}, ${importedTag}`, source: sourceSlug });
    await publish(unique("takes-b"), { source: importedSource });
    for (const [kind, slug] of [
      ["tag", tagSlug],
      ["tag", importedTag],
      ["source", sourceSlug],
      ["source", importedSource],
    ] as const)
      await reslug(kind, slug, { slug: `${slug}-renamed`, name: `${slug}-renamed` });
    // The post form (and every door that saves through savePost) creates the tag and the source anew.
    await publish(unique("takes-c"), { tags: tagSlug, source: sourceSlug });
    expect(await findMovedSlug("tag", tagSlug)).toBeNull();
    expect(await findMovedSlug("source", sourceSlug)).toBeNull();
    // The importer creates them in bulk.
    await importOne(importFile([importedTag], importedSource));
    expect(await findMovedSlug("tag", importedTag)).toBeNull();
    expect(await findMovedSlug("source", importedSource)).toBeNull();
  });

  it("finds a tag or source by its name after an editor gave it another slug: a save or an import uses it, never a twin", async () => {
    const [tagName, sourceName] = [searchableWord("zkeepname"), searchableWord("zkeepsrc")];
    await publish(unique("named-a"), { tags: tagName, source: sourceName });
    const tagId = await reslug("tag", tagName, { slug: `${tagName}-short` });
    const sourceId = await reslug("source", sourceName, { slug: `${sourceName}-short` });
    // Named as readers see them (the name), and by the new slug in the same list: one tag, once.
    const saved = await publish(unique("named-b"), { tags: `${tagName}, ${tagName}-short`, source: sourceName });
    expect(await prisma.post.findUniqueOrThrow({ where: { id: saved.id }, select: { sourceId: true, tags: { select: { tagId: true } } } })).toEqual({
      sourceId,
      tags: [{ tagId }],
    });
    await importOne(importFile([tagName, `${tagName}-short`], sourceName));
    expect(await prisma.post.count({ where: { sourceId } })).toBe(3);
    expect(await prisma.postTag.count({ where: { tagId } })).toBe(3);
    expect(await prisma.tag.count({ where: { name: tagName } })).toBe(1);
    expect(await prisma.source.count({ where: { name: sourceName } })).toBe(1);
  });

  it("answers a source renamed through the REST API at its old page and its old feeds", async () => {
    const [oldSource, newSource] = [searchableWord("zsrc"), searchableWord("zsrcnew")];
    await publish(unique("sourced"), { source: oldSource });
    const source = await prisma.source.findUniqueOrThrow({ where: { slug: oldSource } });
    const response = await apiPatch(sourceRoute.PATCH, source.id, { slug: newSource });
    expect(response.status).toBe(200);
    revalidatePublicContent();
    expect(await pageOutcome("source", oldSource, `/sources/${oldSource}`)).toBe(`308 /sources/${newSource}`);
    const moved = await feed(sourceAtomRoute.GET, `/sources/${oldSource}/atom.xml`, oldSource);
    expect([moved.status, moved.headers.get("location")]).toEqual([301, `/sources/${newSource}/atom.xml`]);
  });
});

describe("movedPath", () => {
  it("replaces only the slug, keeping the rest of the address", () => {
    expect(movedPath("post", "/posts/old", "new")).toBe("/posts/new");
    expect(movedPath("tag", "/tags/old?page=3", "new")).toBe("/tags/new?page=3");
    expect(movedPath("source", "/sources/old/feed.json", "new")).toBe("/sources/new/feed.json");
  });
});
