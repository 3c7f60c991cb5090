// The REST API's post endpoints, called as Next calls a route handler: a Request in, a Response out; the token, the
// role, the rules and the database are real.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it, vi } from "vitest";
import * as postsRoute from "@/app/api/v1/posts/route";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import * as publishRoute from "@/app/api/v1/posts/[id]/publish/route";
import * as scheduleRoute from "@/app/api/v1/posts/[id]/schedule/route";
import * as unpublishRoute from "@/app/api/v1/posts/[id]/unpublish/route";
import * as linksCheckRoute from "@/app/api/v1/links/check/route";
import * as tagsRoute from "@/app/api/v1/tags/route";
import * as sourcesRoute from "@/app/api/v1/sources/route";
import SwaggerParser from "@apidevtools/swagger-parser";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import { API_MAX_BODY_BYTES, API_RATE_LIMIT, apiRoute } from "@/lib/api/route";
import type { TokenScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/mutations";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { searchableWord } from "../support/post-input";

vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
// Each route's handler, typed for calls with an id (the static routes ignore it).
const handlerOf = (handler: unknown) => handler as Handler;
const ALL: TokenScope[] = ["posts:read", "posts:write", "posts:publish", "taxonomy:write"];

// A response body is whatever the API sent; the assertions check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
type Call = { token?: string | null; body?: unknown; rawBody?: BodyInit; headers?: Record<string, string>; id?: string; query?: string };

async function call(handler: Handler, method: string, path: string, options: Call = {}) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost${path}${options.query ?? ""}`, { method, headers, body, ...(body ? { duplex: "half" } : {}) } as RequestInit);
  const response = await handler(request, { params: Promise.resolve({ id: options.id ?? "" }) });
  const text = await response.text();
  return { response, status: response.status, json: text ? (JSON.parse(text) as Body) : null };
}

async function tokenFor(owner: TestUser, scopes: TokenScope[] = ALL) {
  const token = await createApiToken(owner, owner.id, { name: unique("api"), scopes, days: 30 });
  return { ...token, owner };
}

function postBody(area: string, overrides: Record<string, unknown> = {}) {
  const id = unique(area);
  return { title: `API post ${id}`, url: `https://www.example.org/api/${id}/`, tldr: "Short.", summary: "Longer.", ...overrides };
}

const create = (token: string, body: unknown) => call(handlerOf(postsRoute.POST), "POST", "/api/v1/posts", { token, body });
const get = (token: string, id: string, headers?: Record<string, string>) =>
  call(handlerOf(postRoute.GET), "GET", `/api/v1/posts/${id}`, { token, id, headers });
const list = (token: string, query: string, headers?: Record<string, string>) =>
  call(handlerOf(postsRoute.GET), "GET", "/api/v1/posts", { token, query, headers });

let editor: Awaited<ReturnType<typeof tokenFor>>;
let contributor: Awaited<ReturnType<typeof tokenFor>>;

describeDatabase("REST API: posts", () => {
  beforeAll(async () => {
    editor = await tokenFor(await createTestUser("EDITOR"));
    contributor = await tokenFor(await createTestUser("CONTRIBUTOR"));
  });

  it("answers 401 problem+json without a bearer token, even with a session cookie, and 403 for a missing scope or role", async () => {
    const anonymous = await call(handlerOf(postsRoute.GET), "GET", "/api/v1/posts");
    expect(anonymous.status).toBe(401);
    expect(anonymous.response.headers.get("content-type")).toBe("application/problem+json");
    expect(anonymous.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(anonymous.response.headers.get("cache-control")).toBe("no-store");
    expect(anonymous.json).toMatchObject({ status: 401, title: "Authentication required" });
    const cookie = await call(handlerOf(postsRoute.POST), "POST", "/api/v1/posts", {
      body: postBody("cookie"),
      headers: { cookie: "__Secure-next-auth.session-token=anything; next-auth.session-token=anything" },
    });
    expect(cookie.status).toBe(401);

    const readOnly = await tokenFor(editor.owner, ["posts:read"]);
    const refused = await create(readOnly.secret, postBody("read-only"));
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ title: "Insufficient scope" });
    // A contributor's token may carry posts:publish, but the role does not allow it: the same rule as the form.
    const published = await create(contributor.secret, postBody("contributor", { status: "published" }));
    expect(published.status).toBe(403);
    const draft = await create(contributor.secret, postBody("contributor"));
    expect(draft.status).toBe(201);
    const publish = await call(handlerOf(publishRoute.POST), "POST", "", { token: contributor.secret, id: draft.json!.id });
    expect(publish.status).toBe(403);
    expect((await get(contributor.secret, draft.json!.id)).json).toMatchObject({ status: "draft" });
  });

  it("creates a draft and a published post from JSON, the form's rules deciding, and shows them by id and slug", async () => {
    const tag = searchableWord("tag");
    const draft = await create(editor.secret, postBody("draft", { tags: [tag, "Second Tag"], source: "Example Weekly", via: "https://via.example.net/x" }));
    expect(draft.status).toBe(201);
    expect(draft.response.headers.get("location")).toBe(`/api/v1/posts/${draft.json!.id}`);
    expect(draft.json).toMatchObject({
      status: "draft",
      tags: [tag, "Second Tag"],
      source: "Example Weekly",
      via: "https://via.example.net/x",
      publishedAt: null,
      version: 1,
      author: editor.owner.name,
      links: { self: `/api/v1/posts/${draft.json!.id}` },
    });
    expect(draft.json!.links.public).toBeUndefined();

    const published = await create(editor.secret, postBody("published", { tags: `${tag}, Other`, status: "published" }));
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ status: "published", tags: [tag, "Other"], links: { public: `/posts/${published.json!.slug}` } });
    expect(new Date(published.json!.publishedAt).getTime()).toBeLessThanOrEqual(Date.now());

    const byId = await get(editor.secret, published.json!.id);
    const bySlug = await get(editor.secret, published.json!.slug);
    expect(byId.status).toBe(200);
    expect(bySlug.json).toEqual(byId.json);
    // Someone else's draft is not there for a contributor: 404, as if it did not exist.
    expect((await get(contributor.secret, draft.json!.id)).status).toBe(404);
    expect((await get(contributor.secret, published.json!.id)).status).toBe(200);
    expect((await get(editor.secret, "no-such-post")).status).toBe(404);
  });

  it("refuses invalid input with 422 and a field list, and writes nothing", async () => {
    const before = await prisma.post.count();
    const invalid = await create(editor.secret, { title: "", url: "not a url", tags: ["x".repeat(500)] });
    expect(invalid.status).toBe(422);
    expect(invalid.response.headers.get("content-type")).toBe("application/problem+json");
    const fields = (invalid.json!.errors as { field: string; message: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "url"]));
    expect(fields.some((field) => field.startsWith("tags"))).toBe(true);
    const script = await create(editor.secret, postBody("script", { url: "javascript:alert(1)" }));
    expect(script.status).toBe(422);
    expect(script.json!.errors).toEqual([expect.objectContaining({ field: "url" })]);
    const unknown = await create(editor.secret, postBody("unknown", { externalUrl: "https://example.com/" }));
    expect(unknown.status).toBe(422);
    expect(unknown.json!.errors).toEqual([expect.objectContaining({ field: "externalUrl" })]);
    const wrongType = await create(editor.secret, postBody("type", { title: 42 }));
    expect(wrongType.json!.errors).toEqual([expect.objectContaining({ field: "title" })]);
    expect(await prisma.post.count()).toBe(before);
  });

  it("refuses a second post for the same article with 409 naming the first", async () => {
    const body = postBody("duplicate");
    const first = await create(editor.secret, body);
    const again = await create(editor.secret, { ...body, title: "Again", url: `${body.url}?utm_source=feed#top` });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ errors: [{ field: "url" }], href: `/admin/posts/${first.json!.id}/edit` });
  });

  it("lists with filters, pages by cursor and answers 304 to a matching If-None-Match", async () => {
    const tag = searchableWord("list");
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const created = await create(
        editor.secret,
        postBody("list", { tags: [tag], status: index === 0 ? "published" : "draft", title: `${tag} number ${index}` }),
      );
      ids.push(created.json!.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(editor.secret, `?tag=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...(page.json!.data as { id: string }[]).map((post) => post.id));
      cursor = page.json!.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());
    // The pages, one after the other, are the whole list in its order (most recently changed first).
    const whole = await list(editor.secret, `?tag=${tag}&limit=100`);
    expect(whole.json!.data.map((post: { id: string }) => post.id)).toEqual(seen);
    expect(whole.json!.nextCursor).toBeNull();

    expect((await list(editor.secret, `?tag=${tag}&status=published`)).json!.data.map((post: { id: string }) => post.id)).toEqual([ids[0]]);
    expect((await list(editor.secret, `?q=${tag}%20number%203`)).json!.data.map((post: { id: string }) => post.id)).toEqual([ids[3]]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await list(editor.secret, `?tag=${tag}&updatedSince=${future}`)).json!.data).toEqual([]);
    // A contributor sees the published one only (the drafts are the editor's).
    expect((await list(contributor.secret, `?tag=${tag}`)).json!.data.map((post: { id: string }) => post.id)).toEqual([ids[0]]);

    const first = await list(editor.secret, `?tag=${tag}`);
    const etag = first.response.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    const again = await list(editor.secret, `?tag=${tag}`, { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.json).toBeNull();
    await call(handlerOf(postRoute.PATCH), "PATCH", "", { token: editor.secret, id: ids[2], body: { version: 1, tldr: "Changed." } });
    expect((await list(editor.secret, `?tag=${tag}`, { "if-none-match": etag! })).status).toBe(200);

    const bad = await list(editor.secret, "?limit=500&status=gone&cursor=bm9wZQ");
    expect(bad.status).toBe(422);
    expect(bad.json!.errors.map((error: { field: string }) => error.field).sort()).toEqual(["limit", "status"]);
    expect((await list(editor.secret, "?cursor=bm9wZQ")).status).toBe(422);
  });

  it("updates the fields given at the version read, and answers a stale version with 409, the current version and who saved it", async () => {
    const created = await create(editor.secret, postBody("update", { tags: ["Kept"] }));
    const id = created.json!.id as string;
    const patch = (body: unknown, token = editor.secret) => call(handlerOf(postRoute.PATCH), "PATCH", "", { token, id, body });
    const updated = await patch({ version: 1, title: "New title", url: created.json!.url });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ title: "New title", tags: ["Kept"], tldr: "Short.", version: 2, status: "draft" });
    const stale = await patch({ version: 1, title: "Lost update" });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ currentVersion: 2, updatedBy: editor.owner.name });
    expect(stale.json!.detail).toMatch(/changed by someone else/);
    expect((await patch({ title: "No version" })).json!.errors).toEqual([expect.objectContaining({ field: "version" })]);
    expect((await patch({ version: 2, url: "ftp://example.com/x" })).status).toBe(422);
    // A contributor may not edit someone else's post they can see, nor learn of one they cannot.
    expect((await patch({ version: 2, title: "x" }, contributor.secret)).status).toBe(404);
  });

  it("publishes, schedules and unpublishes, and the audit log names the token", async () => {
    const created = await create(editor.secret, postBody("lifecycle"));
    const id = created.json!.id as string;
    const published = await call(handlerOf(publishRoute.POST), "POST", "", { token: editor.secret, id, body: { version: 1 } });
    expect(published.json).toMatchObject({ status: "published", version: 2 });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.publish", targetId: id } });
    expect(JSON.parse(entry.details!)).toMatchObject({ token: editor.name, tokenId: editor.id });
    expect(entry.actorId).toBe(editor.owner.id);

    const when = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    when.setUTCSeconds(0, 0);
    const scheduled = await call(handlerOf(scheduleRoute.POST), "POST", "", { token: editor.secret, id, body: { publishedAt: when.toISOString() } });
    expect(scheduled.json).toMatchObject({ status: "scheduled", publishedAt: when.toISOString() });
    expect(scheduled.json!.links.public).toBeUndefined();
    const undated = await create(editor.secret, postBody("undated"));
    const noDate = await call(handlerOf(scheduleRoute.POST), "POST", "", { token: editor.secret, id: undated.json!.id });
    expect(noDate.status).toBe(422);
    expect(noDate.json!.errors).toEqual([expect.objectContaining({ field: "publishedAt" })]);

    const unpublished = await call(handlerOf(unpublishRoute.POST), "POST", "", { token: editor.secret, id });
    expect(unpublished.json).toMatchObject({ status: "draft", version: 4 });
    const stale = await call(handlerOf(publishRoute.POST), "POST", "", { token: editor.secret, id, body: { version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ currentVersion: 4 });
  });

  it("deletes a post (a contributor only their own drafts)", async () => {
    const mine = await create(contributor.secret, postBody("delete-mine"));
    const theirs = await create(editor.secret, postBody("delete-theirs", { status: "published" }));
    const remove = (token: string, id: string) => call(handlerOf(postRoute.DELETE), "DELETE", "", { token, id });
    expect((await remove(contributor.secret, theirs.json!.id)).status).toBe(403);
    const deleted = await remove(contributor.secret, mine.json!.id);
    expect(deleted.status).toBe(204);
    expect((await get(contributor.secret, mine.json!.id)).status).toBe(404);
    expect((await remove(contributor.secret, mine.json!.id)).status).toBe(404);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.delete", targetId: mine.json!.id } });
    expect(JSON.parse(entry.details!)).toMatchObject({ token: contributor.name });
  });

  it("checks whether a URL is posted, in any of its forms", async () => {
    const body = postBody("check", { status: "published" });
    const created = await create(editor.secret, body);
    const check = (url: string | null) =>
      call(handlerOf(linksCheckRoute.GET), "GET", "/api/v1/links/check", {
        token: contributor.secret,
        query: url === null ? "" : `?url=${encodeURIComponent(url)}`,
      });
    const variant = body.url.replace("https://www.", "http://") + "?utm_source=feed#top";
    const posted = await check(variant);
    expect(posted.status).toBe(200);
    expect(posted.json).toEqual({
      url: variant,
      posted: true,
      posts: [{ message: expect.stringContaining(created.json!.title), href: `/posts/${created.json!.slug}` }],
    });
    expect((await check(`https://example.org/${unique("never")}`)).json).toMatchObject({ posted: false, posts: [] });
    expect((await check(null)).status).toBe(422);
  });

  it("caps request bodies at 1 MiB (413) and answers malformed JSON with 400", async () => {
    const big = JSON.stringify(postBody("big", { commentary: "x".repeat(API_MAX_BODY_BYTES) }));
    const declared = await call(handlerOf(postsRoute.POST), "POST", "/api/v1/posts", {
      token: editor.secret,
      rawBody: big,
      headers: { "content-length": String(big.length) },
    });
    expect(declared.status).toBe(413);
    // A body whose length is not declared is cut off while it is read.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await call(handlerOf(postsRoute.POST), "POST", "/api/v1/posts", { token: editor.secret, rawBody: stream });
    expect(streamed.status).toBe(413);
    expect(streamed.json).toMatchObject({ status: 413 });
    const malformed = await call(handlerOf(postsRoute.POST), "POST", "/api/v1/posts", { token: editor.secret, rawBody: "{ title: nope" });
    expect(malformed.status).toBe(400);
    expect(malformed.response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lists the tags and sources a person may know of", async () => {
    const [shownTag, hiddenTag] = [searchableWord("shown"), searchableWord("hidden")];
    const [shownSource, hiddenSource] = [`Shown ${searchableWord()}`, `Hidden ${searchableWord()}`];
    await create(editor.secret, postBody("taxonomy", { tags: [shownTag], source: shownSource, status: "published" }));
    await create(editor.secret, postBody("taxonomy", { tags: [hiddenTag], source: hiddenSource }));
    const names = async (handler: unknown, token: string) =>
      ((await call(handlerOf(handler), "GET", "/api/v1/x", { token })).json!.data as { name: string }[]).map((entry) => entry.name);
    expect(await names(tagsRoute.GET, editor.secret)).toEqual(expect.arrayContaining([shownTag, hiddenTag]));
    const contributorTags = await names(tagsRoute.GET, contributor.secret);
    expect(contributorTags).toContain(shownTag);
    expect(contributorTags).not.toContain(hiddenTag);
    expect(await names(sourcesRoute.GET, editor.secret)).toEqual(expect.arrayContaining([shownSource, hiddenSource]));
    const contributorSources = await names(sourcesRoute.GET, contributor.secret);
    expect(contributorSources).toContain(shownSource);
    expect(contributorSources).not.toContain(hiddenSource);
  });

  it("answers an unexpected failure with 500 and nothing of its internals", async () => {
    const failing = apiRoute({
      scope: "posts:read",
      run: async () => {
        throw new Error("SQLITE_ERROR near SELECT secret_column");
      },
    });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const answer = await call(handlerOf(failing), "GET", "/api/v1/failing", { token: editor.secret });
      expect(answer.status).toBe(500);
      expect(answer.response.headers.get("content-type")).toBe("application/problem+json");
      expect(JSON.stringify(answer.json)).not.toMatch(/SQLITE|secret_column/);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it("describes every route in its OpenAPI document, request bodies from the handlers' schemas", async () => {
    const answer = await call(handlerOf(openApiRoute.GET), "GET", "/api/v1/openapi.json", { token: contributor.secret });
    expect(answer.status).toBe(200);
    const document = answer.json!;
    expect(document.openapi).toBe("3.1.0");
    // A real validator (it resolves every $ref and checks the document against the OpenAPI 3.1 schema).
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    const root = path.resolve(__dirname, "../../app/api/v1");
    const routes = (readdirSync(root, { recursive: true }) as string[])
      .filter((file) => path.basename(file) === "route.ts")
      .map(
        (file) =>
          `/${path
            .dirname(file)
            .split(path.sep)
            .join("/")
            .replace(/\[(\w+)\]/g, "{$1}")}`,
      )
      .filter((route) => route !== "/openapi.json");
    expect(Object.keys(document.paths).sort()).toEqual(routes.sort());
    expect(document.components.schemas.PostCreate).toMatchObject({ additionalProperties: false, properties: { url: { type: "string" } } });
    expect(document.components.schemas.PostUpdate.required).toEqual(["version"]);
    expect((await call(handlerOf(openApiRoute.GET), "GET", "/api/v1/openapi.json")).status).toBe(401);
  });

  it(`allows ${API_RATE_LIMIT} calls a minute per token, then answers 429 with Retry-After`, async () => {
    const limited = await tokenFor(editor.owner, ["posts:read"]);
    const other = await tokenFor(editor.owner, ["posts:read"]);
    for (let index = 1; index <= API_RATE_LIMIT; index += 1) {
      const answer = await get(limited.secret, "no-such-post");
      expect(answer.status).toBe(404);
      if (index === 1) {
        expect(answer.response.headers.get("ratelimit-limit")).toBe(String(API_RATE_LIMIT));
        expect(answer.response.headers.get("ratelimit-remaining")).toBe(String(API_RATE_LIMIT - 1));
        expect(Number(answer.response.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
      }
    }
    const refused = await get(limited.secret, "no-such-post");
    expect(refused.status).toBe(429);
    expect(refused.response.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.response.headers.get("ratelimit-remaining")).toBe("0");
    // Another token of the same person has its own allowance.
    expect((await get(other.secret, "no-such-post")).status).toBe(404);
  }, 60_000);
});
