// The REST API's tag and source endpoints, called as Next calls a route handler: a Request in, a Response out; the
// token, the role, the forms' rules, the mutations and the database are real. Both kinds run through the same tests.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as postsRoute from "@/app/api/v1/posts/route";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import * as tagsRoute from "@/app/api/v1/tags/route";
import * as tagRoute from "@/app/api/v1/tags/[idOrSlug]/route";
import * as tagMergeRoute from "@/app/api/v1/tags/[idOrSlug]/merge/route";
import * as sourcesRoute from "@/app/api/v1/sources/route";
import * as sourceRoute from "@/app/api/v1/sources/[idOrSlug]/route";
import * as sourceMergeRoute from "@/app/api/v1/sources/[idOrSlug]/merge/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import type { TokenScope } from "@/lib/auth/permissions";
import { readPostList, readTaxonomyEntity } from "@/lib/cache/public-reads";
import { prisma } from "@/lib/db";
import { LIMITS, tagNameProblem } from "@/lib/posts/rules";
import { createSource } from "@/lib/sources/mutations";
import { getSourceForAdmin } from "@/lib/sources/queries";
import { sourceCreateSchema } from "@/lib/sources/schema";
import { createTag } from "@/lib/tags/mutations";
import { getTagForAdmin } from "@/lib/tags/queries";
import { tagCreateSchema } from "@/lib/tags/schema";
import { createApiToken } from "@/lib/tokens/mutations";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { searchableWord } from "../support/post-input";

vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

type Handler = (request: Request, context: { params: Promise<{ idOrSlug: string; id: string }> }) => Promise<Response>;
const handlerOf = (handler: unknown) => handler as Handler;
const ALL: TokenScope[] = ["posts:read", "posts:write", "posts:publish", "taxonomy:write"];

// A response body is whatever the API sent; the assertions check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
type Call = { token?: string; body?: unknown; id?: string; headers?: Record<string, string> };

async function call(handler: unknown, method: string, options: Call = {}) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost/api/v1/x/${options.id ?? ""}`, { method, headers, body });
  // The tag and source routes name their parameter idOrSlug, the post routes id.
  const response = await handlerOf(handler)(request, { params: Promise.resolve({ idOrSlug: options.id ?? "", id: options.id ?? "" }) });
  const text = await response.text();
  return { response, status: response.status, json: text ? (JSON.parse(text) as Body) : null };
}

async function tokenFor(owner: TestUser, scopes: TokenScope[] = ALL) {
  return createApiToken(owner, owner.id, { name: unique("taxonomy"), scopes, days: 1 });
}

/** What differs between the kinds: their routes, how a post names one, and where readers and the admin see it. */
const KINDS = [
  {
    kind: "tag",
    many: "tags",
    routes: { collection: tagsRoute, item: tagRoute, merge: tagMergeRoute },
    postFields: (name: string) => ({ tags: [name] }),
    namesOn: (post: Body) => post.tags as string[],
    publicCount: async (slug: string) => (await readPostList({ tagSlug: slug }, 1)).total,
    adminCount: async (id: string) => (await getTagForAdmin(id))?.postCount,
  },
  {
    kind: "source",
    many: "sources",
    routes: { collection: sourcesRoute, item: sourceRoute, merge: sourceMergeRoute },
    postFields: (name: string) => ({ source: name }),
    namesOn: (post: Body) => [post.source as string],
    publicCount: async (slug: string) => (await readPostList({ sourceSlug: slug }, 1)).total,
    adminCount: async (id: string) => (await getSourceForAdmin(id))?.postCount,
  },
] as const;

let editorUser: TestUser;
let contributorUser: TestUser;
// A fresh editor token per test, so no test meets the per-token rate limit.
let editor: string;

const audit = (action: string, targetId: string) => prisma.auditLog.findFirstOrThrow({ where: { action, targetId } });

describeDatabase("REST API: tags and sources", () => {
  beforeAll(async () => {
    [editorUser, contributorUser] = await Promise.all([createTestUser("EDITOR"), createTestUser("CONTRIBUTOR")]);
  });
  beforeEach(async () => {
    editor = (await tokenFor(editorUser)).secret;
  });

  for (const kind of KINDS) {
    const create = (body: unknown, token = editor) => call(kind.routes.collection.POST, "POST", { token, body });
    const get = (id: string, token = editor) => call(kind.routes.item.GET, "GET", { token, id });
    const patch = (id: string, body: unknown, token = editor) => call(kind.routes.item.PATCH, "PATCH", { token, id, body });
    const remove = (id: string, token = editor) => call(kind.routes.item.DELETE, "DELETE", { token, id });
    const merge = (id: string, body: unknown, token = editor) => call(kind.routes.merge.POST, "POST", { token, id, body });
    const post = async (name: string, status: "draft" | "published", token = editor) => {
      const id = unique(kind.kind);
      const body = { title: `Post ${id}`, url: `https://www.example.org/${kind.many}/${id}/`, tldr: "Short.", status, ...kind.postFields(name) };
      const created = await call(postsRoute.POST, "POST", { token, body });
      expect(created.status).toBe(201);
      return created.json!;
    };
    const postNow = async (id: string) => (await call(postRoute.GET, "GET", { token: editor, id })).json!;

    describe(`${kind.many}`, () => {
      it(`creates a ${kind.kind}: 201 with Location, the slug made from the name unless given, the audit entry naming the token`, async () => {
        const name = `Service ${searchableWord()}`;
        const created = await create({ name: `  ${name} ` });
        expect(created.status).toBe(201);
        const id = created.json!.id as string;
        const slug = name.toLowerCase().replace(" ", "-");
        expect(created.response.headers.get("location")).toBe(`/api/v1/${kind.many}/${id}`);
        expect(created.json).toMatchObject({
          id,
          name,
          slug,
          postCount: 0,
          links: { self: `/api/v1/${kind.many}/${id}`, posts: `/api/v1/posts?${kind.kind}=${slug}` },
        });
        // No published post has it yet, so it has no public page.
        expect(created.json!.links.public).toBeUndefined();
        expect((await get(slug)).json).toEqual(created.json);
        const entry = await audit(`${kind.kind}.create`, id);
        expect(entry.actorId).toBe(editorUser.id);
        expect(JSON.parse(entry.details!)).toMatchObject({ name, slug, token: expect.any(String), tokenId: expect.any(String) });

        const chosen = searchableWord();
        const withSlug = await create({ name: `Other ${chosen}`, slug: ` ${chosen.toUpperCase()} ` });
        expect(withSlug.json).toMatchObject({ name: `Other ${chosen}`, slug: chosen });
        // The list answers as before, with the new ones in it.
        const list = await call(kind.routes.collection.GET, "GET", { token: editor });
        expect(list.json!.data).toEqual(expect.arrayContaining([{ name, slug }]));
        expect(Object.keys(list.json!.data[0]).sort()).toEqual(["name", "slug"]);
        // A post that names it later finds it by its slug: no second one is made.
        const tagged = await post(name.toUpperCase(), "draft");
        expect(kind.namesOn(tagged)).toEqual([name]);
        expect((await get(id)).json).toMatchObject({ postCount: 1 });
      });

      it(`changes the fields given with PATCH (an empty slug is made from the name), and readers follow`, async () => {
        const name = searchableWord();
        const published = await post(name, "published");
        const id = (await get(name)).json!.id as string;
        expect((await get(id)).json).toMatchObject({ name, slug: name, postCount: 1, links: { public: `/${kind.many}/${name}` } });

        const renamed = await patch(name, { name: `${name} Two` });
        expect(renamed.status).toBe(200);
        // Only the name was given: the slug stays.
        expect(renamed.json).toMatchObject({ id, name: `${name} Two`, slug: name, postCount: 1 });
        expect(kind.namesOn(await postNow(published.id))).toEqual([`${name} Two`]);
        const reslugged = await patch(id, { slug: "" });
        expect(reslugged.json).toMatchObject({ name: `${name} Two`, slug: `${name}-two`, links: { public: `/${kind.many}/${name}-two` } });
        expect(await readTaxonomyEntity(kind.kind, name)).toBeNull();
        expect(await kind.publicCount(`${name}-two`)).toBe(1);
        const entry = await prisma.auditLog.findFirstOrThrow({
          where: { action: { in: ["tag.rename", "source.update"] }, targetId: id },
          orderBy: { createdAt: "desc" },
        });
        expect(JSON.parse(entry.details!)).toMatchObject({ token: expect.any(String) });
        // Unchanged is fine, and writes no entry.
        const entries = await prisma.auditLog.count({ where: { targetId: id } });
        expect((await patch(id, {})).status).toBe(200);
        expect(await prisma.auditLog.count({ where: { targetId: id } })).toBe(entries);
      });

      it(`merges one ${kind.kind} into another by name or slug: its posts move, for readers and the admin, and it is gone`, async () => {
        const [from, into] = [searchableWord(), searchableWord()];
        const moving = await post(from, "published");
        await post(into, "published");
        const fromId = (await get(from)).json!.id as string;
        const intoId = (await get(into)).json!.id as string;
        expect(await kind.publicCount(from)).toBe(1);

        const merged = await merge(from, { into: into.toUpperCase() });
        expect(merged.status).toBe(200);
        expect(merged.json).toMatchObject({ id: intoId, slug: into, postCount: 2 });
        expect(kind.namesOn(await postNow(moving.id))).toEqual([into]);
        expect(await kind.publicCount(into)).toBe(2);
        expect(await kind.publicCount(from)).toBe(0);
        expect(await kind.adminCount(intoId)).toBe(2);
        expect((await get(fromId)).status).toBe(404);
        const entry = await audit(`${kind.kind}.merge`, fromId);
        expect(JSON.parse(entry.details!)).toMatchObject({ into: { id: intoId }, moved: 1, token: expect.any(String) });
      });

      it(`deletes a ${kind.kind} (204): its posts stay, without it`, async () => {
        const name = searchableWord();
        const kept = await post(name, "published");
        const id = (await get(name)).json!.id as string;
        const deleted = await remove(name);
        expect(deleted.status).toBe(204);
        expect(deleted.json).toBeNull();
        expect((await get(id)).status).toBe(404);
        expect((await remove(id)).status).toBe(404);
        expect(kind.namesOn(await postNow(kept.id)).filter(Boolean)).toEqual([]);
        expect(JSON.parse((await audit(`${kind.kind}.delete`, id)).details!)).toMatchObject({ posts: 1, token: expect.any(String) });
      });

      it("refuses without a token (401), and writes with a read-only token or a contributor's token whatever its scopes (403)", async () => {
        const name = searchableWord();
        const id = (await create({ name })).json!.id as string;
        const anonymous = await call(kind.routes.collection.POST, "POST", { body: { name: searchableWord() } });
        expect(anonymous.status).toBe(401);
        expect(anonymous.response.headers.get("content-type")).toBe("application/problem+json");
        expect((await call(kind.routes.item.GET, "GET", { id })).status).toBe(401);

        const readOnly = (await tokenFor(editorUser, ["posts:read", "posts:write", "posts:publish"])).secret;
        const contributor = (await tokenFor(contributorUser, ALL)).secret;
        const before = await prisma.auditLog.count({ where: { targetId: id } });
        for (const token of [readOnly, contributor]) {
          const refusals = [
            await create({ name: searchableWord() }, token),
            await patch(id, { name: searchableWord() }, token),
            await merge(id, { into: name }, token),
            await remove(id, token),
          ];
          expect(refusals.map((refusal) => refusal.status)).toEqual([403, 403, 403, 403]);
          expect(refusals[0].json).toMatchObject({ title: token === readOnly ? "Insufficient scope" : "Not allowed" });
        }
        expect((await get(id, readOnly)).status).toBe(200);
        expect((await get(id)).json).toMatchObject({ name });
        expect(await prisma.auditLog.count({ where: { targetId: id } })).toBe(before);
      });

      it("refuses invalid fields with 422 and the field, a slug or a name taken with 409 and the field, and writes nothing", async () => {
        const taken = searchableWord();
        const id = (await create({ name: taken })).json!.id as string;
        const count = () => (kind.kind === "tag" ? prisma.tag.count() : prisma.source.count());
        const before = await count();
        const fieldsOf = (answer: { json: Body | null }) => (answer.json!.errors as { field: string }[]).map((error) => error.field);

        const empty = await create({ name: "   " });
        expect(empty.status).toBe(422);
        expect(empty.json!.errors[0]).toEqual({ field: "name", message: "Enter a name." });
        expect(new Set(fieldsOf(empty))).toEqual(new Set(["name"]));
        expect(fieldsOf(await create({ name: "!!!" }))).toEqual(["name"]);
        expect(fieldsOf(await create({ name: "A\u0000name" }))).toEqual(["name"]);
        expect(fieldsOf(await create({ name: "Fine", slug: "Not a slug!" }))).toEqual(["slug"]);
        expect(fieldsOf(await create({ name: "Fine", id: "mine", postCount: 3 }))).toEqual(["id", "postCount"]);
        expect(fieldsOf(await create({}))).toEqual(["name"]);
        expect(fieldsOf(await create({ name: 42 }))).toEqual(["name"]);
        expect(
          (await call(kind.routes.collection.POST, "POST", { token: editor, headers: { "content-type": "application/json" }, body: undefined })).status,
        ).toBe(422);

        const slugTaken = await create({ name: `Another ${taken}`, slug: taken });
        expect(slugTaken.status).toBe(409);
        expect(slugTaken.json).toMatchObject({ title: "Conflict", errors: [{ field: "slug", message: expect.stringContaining(`“${taken}”`) }] });
        // The same name in another case cannot be told apart by readers, even under a slug of its own.
        const nameTaken = await create({ name: taken.toUpperCase(), slug: `${taken}-x` });
        expect(nameTaken.status).toBe(409);
        expect(fieldsOf(nameTaken)).toEqual(["name"]);
        expect(await count()).toBe(before);

        const other = searchableWord();
        const otherId = (await create({ name: other })).json!.id as string;
        expect((await patch(otherId, { slug: taken })).json).toMatchObject({ status: 409, errors: [{ field: "slug" }] });
        expect(fieldsOf(await patch(otherId, { name: taken }))).toEqual(["name"]);
        expect(new Set(fieldsOf(await patch(otherId, { name: "" })))).toEqual(new Set(["name"]));
        expect(fieldsOf(await patch(otherId, { tagId: id, sourceId: id }))).toEqual(["tagId", "sourceId"]);
        expect((await get(otherId)).json).toMatchObject({ name: other, slug: other });
      });

      it("answers 404 for an unknown id or slug, and 422 for a merge into an unknown one or into itself", async () => {
        const missing = `no-such-${searchableWord()}`;
        expect((await get(missing)).status).toBe(404);
        expect((await patch(missing, { name: "Anything" })).status).toBe(404);
        expect((await remove(missing)).status).toBe(404);
        expect((await merge(missing, { into: "anything" })).status).toBe(404);
        const name = searchableWord();
        await create({ name });
        // The one to merge exists; the one named in the body does not: the body is at fault.
        const unknown = await merge(name, { into: missing });
        expect(unknown.status).toBe(422);
        expect(unknown.json!.errors).toEqual([{ field: "into", message: expect.stringMatching(new RegExp(`^No ${kind.kind} is named`)) }]);
        expect((await merge(name, { into: name })).json).toMatchObject({ status: 422, errors: [{ field: "into" }] });
        expect((await merge(name, {})).json).toMatchObject({ status: 422, errors: [{ field: "into" }] });
        expect((await merge(name, { into: "" })).json).toMatchObject({ status: 422, errors: [{ field: "into" }] });
        expect((await get(name)).status).toBe(200);
      });

      it("shows a contributor only what they may know of, counting only the posts they may see", async () => {
        const contributor = (await tokenFor(contributorUser, ["posts:read", "posts:write"])).secret;
        const [hidden, shared] = [searchableWord(), searchableWord()];
        await post(hidden, "draft");
        await post(shared, "published");
        await post(shared, "draft");
        await post(shared, "draft", contributor);
        expect((await get(hidden, contributor)).status).toBe(404);
        expect((await get(hidden)).json).toMatchObject({ postCount: 1 });
        expect((await get(shared, contributor)).json).toMatchObject({ postCount: 2, links: { public: `/${kind.many}/${shared}` } });
        expect((await get(shared)).json).toMatchObject({ postCount: 3 });
        // Created by the API with no posts: an editor's, unknown to a contributor.
        const created = searchableWord();
        await create({ name: created });
        expect((await get(created, contributor)).status).toBe(404);
        const names = ((await call(kind.routes.collection.GET, "GET", { token: contributor })).json!.data as { name: string }[]).map((entry) => entry.name);
        expect(names).toContain(shared);
        expect(names).not.toContain(hidden);
        expect(names).not.toContain(created);
      });
    });
  }

  it("creates a source with its homepage (the domain follows it), refuses a homepage that is not http(s), and PATCH null clears it", async () => {
    const name = searchableWord();
    const created = await call(sourcesRoute.POST, "POST", { token: editor, body: { name, homepage: "https://blog.example.net/" } });
    expect(created.json).toMatchObject({ name, homepage: "https://blog.example.net/", domain: "blog.example.net" });
    const bad = await call(sourcesRoute.POST, "POST", { token: editor, body: { name: searchableWord(), homepage: "javascript:alert(1)" } });
    expect(bad.status).toBe(422);
    expect(bad.json!.errors).toEqual([{ field: "homepage", message: expect.stringMatching(/Only http:\/\/ and https:\/\/ URLs can be linked/) }]);
    const cleared = await call(sourceRoute.PATCH, "PATCH", { token: editor, id: name, body: { homepage: null } });
    // The domain the articles came from stays, as in the admin form.
    expect(cleared.json).toMatchObject({ name, homepage: null, domain: "blog.example.net" });
    const moved = await call(sourceRoute.PATCH, "PATCH", { token: editor, id: name, body: { homepage: "https://www.example.com/blog" } });
    expect(moved.json).toMatchObject({ homepage: "https://www.example.com/blog", domain: "www.example.com" });
    const tag = await call(tagsRoute.POST, "POST", { token: editor, body: { name: searchableWord(), homepage: "https://example.com/" } });
    expect(tag.json!.errors).toEqual([{ field: "homepage", message: "This field is not part of the API." }]);
    expect(JSON.parse((await audit("source.create", created.json!.id)).details!)).toMatchObject({
      homepage: "https://blog.example.net/",
      domain: "blog.example.net",
    });
  });

  // The tag-name rule of every door (one-rule-every-door.test.ts feeds the post doors; its DOORS take whole posts).
  it.each([
    ["over the limit", "x".repeat(LIMITS.tagName + 1), new RegExp(`can be at most ${LIMITS.tagName} characters`)],
    ["with a comma", "a,b", /cannot contain a comma: the post form separates tags with commas/],
    ["without a letter or digit", "!!!", /needs at least one letter or digit/],
    ["with a NUL byte", "A\u0000tag", /contains an invisible control character \(U\+0000\); remove it/],
  ])("refuses a tag name %s at POST /api/v1/tags by the same rule as every door, writing nothing", async (_, name, refusal) => {
    const problem = name.length <= LIMITS.tagName ? tagNameProblem(name.trim()) : null;
    if (problem) expect(problem).toMatch(refusal);
    const before = await prisma.tag.count();
    const answer = await call(tagsRoute.POST, "POST", { token: editor, body: { name } });
    expect(answer.status).toBe(422);
    expect(answer.json!.errors).toEqual([{ field: "name", message: expect.stringMatching(refusal) }]);
    expect(await prisma.tag.count()).toBe(before);
  });

  it("describes every method of these routes in the OpenAPI document, bodies from the handlers' schemas", async () => {
    const document = (await call(openApiRoute.GET, "GET", { token: editor })).json!;
    for (const kind of KINDS) {
      const paths = {
        [`/${kind.many}`]: kind.routes.collection,
        [`/${kind.many}/{idOrSlug}`]: kind.routes.item,
        [`/${kind.many}/{idOrSlug}/merge`]: kind.routes.merge,
      };
      for (const [path, route] of Object.entries(paths))
        expect(Object.keys(document.paths[path]).sort(), path).toEqual(
          Object.keys(route)
            .map((method) => method.toLowerCase())
            .sort(),
        );
    }
    const { TagCreate, TagUpdate, SourceCreate, SourceUpdate, Merge, Source } = document.components.schemas;
    expect(TagCreate).toMatchObject({ additionalProperties: false, required: ["name"], properties: { name: { type: "string" }, slug: { type: "string" } } });
    expect(TagUpdate.required).toBeUndefined();
    expect(Object.keys(SourceCreate.properties).sort()).toEqual(["homepage", "name", "slug"]);
    expect(SourceUpdate).toMatchObject({ additionalProperties: false });
    expect(Merge).toMatchObject({ additionalProperties: false, required: ["into"] });
    expect(Object.keys(Source.properties)).toEqual(expect.arrayContaining(["id", "name", "slug", "postCount", "homepage", "domain", "links"]));
    expect(document.paths["/tags/{idOrSlug}"].patch.responses["409"].description).toMatch(/slug/);
  });

  it("creates for editors and admins only, from any door (the mutation checks again)", async () => {
    const name = searchableWord();
    await expectAppError(createTag(contributorUser, tagCreateSchema.parse({ name, slug: "" })), "FORBIDDEN");
    await expectAppError(createSource(contributorUser, sourceCreateSchema.parse({ name, slug: "", homepage: "" })), "FORBIDDEN");
    expect(await prisma.tag.count({ where: { slug: name } })).toBe(0);
    const admin = await createTestUser("ADMIN");
    expect(await createTag(admin, tagCreateSchema.parse({ name, slug: "" }))).toMatchObject({ name, slug: name });
    await expectAppError(createTag(admin, tagCreateSchema.parse({ name: name.toUpperCase(), slug: `${name}-b` })), "CONFLICT", {
      field: "name",
      message: new RegExp(`There is already a tag named “${name}”`),
    });
  });
});
