// The Micropub endpoint called as Next calls a route handler: a Request in, a Response out; the token, the role, the
// post rules and the database are real. The tests follow micropub.rocks' server tests (their numbers in the names),
// each create also sending the name and bookmark-of a Linkpress post needs, then the refusals.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as micropubRoute from "@/app/micropub/route";
import * as restPostRoute from "@/app/api/v1/posts/[id]/route";
import { API_MAX_BODY_BYTES, API_RATE_LIMIT } from "@/lib/api/route";
import type { TokenScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { listReviewQueue } from "@/lib/posts/review";
import { createApiToken, revokeApiToken } from "@/lib/tokens/mutations";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

// The site's address as the settings give it (other test files change the shared settings, so it is fixed here);
// with a path, as a site served under one has.
const SITE = vi.hoisted(() => "https://micropub.example/blog");
vi.mock("@/lib/cache/public-reads", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/cache/public-reads")>()),
  readSiteSettings: async () => ({ ...(await import("@/lib/settings/defaults")).site, url: SITE }),
}));

const ALL: TokenScope[] = ["posts:read", "posts:write", "posts:publish", "taxonomy:write"];

// A response body is whatever the endpoint sent; the assertions check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
type Call = {
  token?: string;
  form?: string | URLSearchParams | FormData;
  json?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  query?: string;
};

async function call(method: "GET" | "POST", options: Call = {}) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: BodyInit | undefined = options.rawBody;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("content-type", "application/json");
  } else if (typeof options.form === "string") {
    body = options.form;
    headers.set("content-type", "application/x-www-form-urlencoded; charset=utf-8");
  } else if (options.form) body = options.form;
  const request = new Request(`http://localhost/micropub${options.query ?? ""}`, { method, headers, body, ...(body ? { duplex: "half" } : {}) } as RequestInit);
  const response = await (method === "GET" ? micropubRoute.GET(request) : micropubRoute.POST(request));
  const text = await response.text();
  return { response, status: response.status, location: response.headers.get("location"), json: text ? (JSON.parse(text) as Body) : null };
}

const post = (token: string | undefined, options: Omit<Call, "token"> = {}) => call("POST", { token, ...options });
const query = (token: string | undefined, search: string) => call("GET", { token, query: `?${search}` });

async function tokenFor(owner: TestUser, scopes: TokenScope[] = ALL) {
  const token = await createApiToken(owner, owner.id, { name: unique("micropub"), scopes, days: 30 });
  return { ...token, owner };
}

/** A form body for a new link post: the name and bookmark-of Linkpress needs, then the fields given. */
function entryForm(area: string, fields: Record<string, string> = {}) {
  const id = unique(area);
  return new URLSearchParams({ h: "entry", name: `Micropub ${id}`, "bookmark-of": `https://www.example.org/micropub/${id}/`, ...fields }).toString();
}

/** A JSON h-entry for a new link post, with `properties` over its name and bookmark-of. */
function entryJson(area: string, properties: Record<string, unknown[]> = {}) {
  const id = unique(area);
  return { type: ["h-entry"], properties: { name: [`Micropub ${id}`], "bookmark-of": [`https://www.example.org/micropub/${id}/`], ...properties } };
}

const slugOf = (location: string | null) => {
  expect(location).toMatch(new RegExp(`^${SITE}/posts/[a-z0-9-]+$`));
  return location!.slice(`${SITE}/posts/`.length);
};

const stored = (location: string | null) =>
  prisma.post.findUniqueOrThrow({
    where: { slug: slugOf(location) },
    select: {
      id: true,
      title: true,
      externalUrl: true,
      commentary: true,
      tldr: true,
      status: true,
      publishedAt: true,
      authorId: true,
      version: true,
      tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
    },
  });

const tagsOf = async (location: string | null) => (await stored(location)).tags.map((link) => link.tag.name);

let editor: Awaited<ReturnType<typeof tokenFor>>;
let contributor: Awaited<ReturnType<typeof tokenFor>>;

describeDatabase("Micropub", () => {
  beforeAll(async () => {
    editor = await tokenFor(await createTestUser("EDITOR"));
    contributor = await tokenFor(await createTestUser("CONTRIBUTOR"));
  });

  describe("creating (form-encoded)", () => {
    it("100: creates a published link post and answers 201 with its public address; the audit log names the token", async () => {
      const form = entryForm("100", { content: "Micropub test of creating a basic h-entry" });
      const created = await post(editor.secret, { form });
      expect(created.status).toBe(201);
      expect(created.response.headers.get("cache-control")).toBe("no-store");
      const row = await stored(created.location);
      const sent = new URLSearchParams(form);
      expect(row).toMatchObject({
        title: sent.get("name"),
        externalUrl: sent.get("bookmark-of"),
        commentary: "Micropub test of creating a basic h-entry",
        status: "PUBLISHED",
        authorId: editor.owner.id,
      });
      expect(row.publishedAt!.getTime()).toBeLessThanOrEqual(Date.now());
      const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.publish", targetId: row.id } });
      expect(JSON.parse(entry.details!)).toMatchObject({ token: editor.name, tokenId: editor.id });
    });

    it("101: takes categories sent as category[]", async () => {
      const created = await post(editor.secret, { form: `${entryForm("101")}&category[]=test1&category[]=test2` });
      expect(created.status).toBe(201);
      expect(await tagsOf(created.location)).toEqual(["test1", "test2"]);
    });

    it("107: takes one category sent without brackets", async () => {
      const created = await post(editor.secret, { form: `${entryForm("107")}&category=test1` });
      expect(created.status).toBe(201);
      expect(await tagsOf(created.location)).toEqual(["test1"]);
    });

    it("801, 802: takes the token as the access_token field and stores it nowhere; mp-slug, post-status=draft, published and summary", async () => {
      const slug = unique("mp-slug")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-");
      const form = entryForm("801", {
        "mp-slug": slug,
        "post-status": "draft",
        published: "2026-03-04T05:06:00Z",
        summary: "The TL;DR.",
        access_token: editor.secret,
      });
      const created = await post(undefined, { form });
      expect(created.status).toBe(201);
      // A draft's address is where it will be.
      expect(created.location).toBe(`${SITE}/posts/${slug}`);
      const row = await stored(created.location);
      expect(row).toMatchObject({ status: "DRAFT", tldr: "The TL;DR.", publishedAt: new Date("2026-03-04T05:06:00Z") });
      expect(JSON.stringify(await prisma.post.findUnique({ where: { id: row.id } }))).not.toContain(editor.secret);
    });

    it("takes like-of and repost-of as the link, and a multipart form (a file in it is left out)", async () => {
      const like = await post(editor.secret, { form: entryForm("like").replace("bookmark-of", "like-of") });
      expect(like.status).toBe(201);
      expect((await stored(like.location)).externalUrl).toMatch(/^https:\/\/www\.example\.org\/micropub\/like/);
      const multipart = new FormData();
      for (const [name, value] of new URLSearchParams(entryForm("multipart"))) multipart.append(name === "bookmark-of" ? "repost-of" : name, value);
      multipart.append("category[]", "multi");
      multipart.append("photo", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "photo.png", { type: "image/png" }));
      const created = await post(editor.secret, { form: multipart });
      expect(created.status).toBe(201);
      expect(await tagsOf(created.location)).toEqual(["multi"]);
    });
  });

  describe("creating (JSON)", () => {
    it("200: creates a post from an h-entry", async () => {
      const created = await post(editor.secret, { json: entryJson("200", { content: ["Micropub test of creating an h-entry with a JSON request"] }) });
      expect(created.status).toBe(201);
      expect(await stored(created.location)).toMatchObject({ commentary: "Micropub test of creating an h-entry with a JSON request", status: "PUBLISHED" });
    });

    it("201: takes several categories", async () => {
      const created = await post(editor.secret, { json: entryJson("201", { category: ["test1", "test2"] }) });
      expect(created.status).toBe(201);
      expect(await tagsOf(created.location)).toEqual(["test1", "test2"]);
    });

    it("202: keeps HTML content as Markdown, without scripts, handlers or unsafe links", async () => {
      const html =
        'This post has <b>bold</b> and <i>italic</i> text. <a href="other">Relative</a> <a href="/about">Rooted</a> <a href="javascript:alert(1)" onclick="x()">bad</a><script>alert(1)</script>';
      const created = await post(editor.secret, { json: entryJson("202", { content: [{ html }] }) });
      expect(created.status).toBe(201);
      // Relative links resolve as on the post's page.
      expect((await stored(created.location)).commentary).toBe(
        `This post has **bold** and _italic_ text. [Relative](${SITE}/posts/other) [Rooted](https://micropub.example/about) bad`,
      );
    });

    it("ignores the properties Linkpress does not know (a photo, a nested h-measure)", async () => {
      const created = await post(editor.secret, {
        json: entryJson("unknown", {
          photo: [{ value: "https://photos.example.com/globe.gif", alt: "Globe" }],
          weight: [{ type: ["h-measure"], properties: { num: ["70"] } }],
        }),
      });
      expect(created.status).toBe(201);
    });
  });

  describe("updating", () => {
    async function withPost(area: string, properties: Record<string, unknown[]> = {}) {
      const created = await post(editor.secret, { json: entryJson(area, properties) });
      expect(created.status).toBe(201);
      return created.location!;
    }
    const update = (url: string, operations: Record<string, unknown>, token = editor.secret) => post(token, { json: { action: "update", url, ...operations } });

    it("400: replaces a property's values", async () => {
      const url = await withPost("400", { content: ["This text should be replaced."] });
      const answer = await update(url, { replace: { content: ["This is the updated text."] } });
      expect(answer.status).toBe(204);
      expect(await stored(url)).toMatchObject({ commentary: "This is the updated text.", version: 2, status: "PUBLISHED" });
    });

    it("401: adds a value to a property", async () => {
      const url = await withPost("401", { category: ["test1"] });
      expect((await update(url, { add: { category: ["test2"] } })).status).toBe(204);
      expect(await tagsOf(url)).toEqual(["test1", "test2"]);
    });

    it("402: adds a property the post did not have", async () => {
      const url = await withPost("402");
      expect((await update(url, { add: { category: ["test1"] } })).status).toBe(204);
      expect(await tagsOf(url)).toEqual(["test1"]);
    });

    it("403: removes one value of a property", async () => {
      const url = await withPost("403", { category: ["test1", "test2"] });
      expect((await update(url, { delete: { category: ["test2"] } })).status).toBe(204);
      expect(await tagsOf(url)).toEqual(["test1"]);
    });

    it("404: removes a property", async () => {
      const url = await withPost("404", { category: ["test1", "test2"], summary: ["Gone soon"] });
      expect((await update(url, { delete: ["category", "summary"] })).status).toBe(204);
      expect(await tagsOf(url)).toEqual([]);
      expect((await stored(url)).tldr).toBe("");
    });

    it("405: refuses an operation that is not an object of arrays, changing nothing", async () => {
      const url = await withPost("405");
      const answer = await update(url, { replace: "This is not a valid update request." });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: "invalid_request", error_description: expect.stringMatching(/^replace: /) });
      expect((await stored(url)).version).toBe(1);
    });

    it("moves a post to a new address with mp-slug (201 and the new Location); an update may also be sent to a trailing slash", async () => {
      const url = await withPost("moved");
      const slug = unique("moved-to")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-");
      const answer = await update(`${url}/`, { replace: { "mp-slug": [slug], name: ["Renamed"] } });
      expect(answer.status).toBe(201);
      expect(answer.location).toBe(`${SITE}/posts/${slug}`);
      expect((await stored(answer.location)).title).toBe("Renamed");
    });

    it("refuses a form-encoded update, a change of post-status, an address of another site, a post that is not there", async () => {
      const url = await withPost("refused");
      const form = await post(editor.secret, { form: `action=update&url=${encodeURIComponent(url)}&content=x` });
      expect(form.status).toBe(400);
      expect(form.json!.error_description).toMatch(/Send updates as JSON/);
      const status = await update(url, { replace: { "post-status": ["draft"] } });
      expect(status.status).toBe(400);
      expect(status.json!.error_description).toMatch(/^post-status: /);
      // Sending the status back unchanged (as an editor sending every property does) is no change.
      expect((await update(url, { replace: { "post-status": ["published"], content: ["Same status"] } })).status).toBe(204);
      for (const foreign of [url.replace("micropub.example", "elsewhere.example"), url.replace("/blog/", "/"), "not a url", `${SITE}/tags/x`]) {
        const answer = await update(foreign, { replace: { content: ["x"] } });
        expect(answer.status, foreign).toBe(400);
        expect(answer.json, foreign).toMatchObject({
          error: "invalid_request",
          error_description: expect.stringMatching(/^url: This is not the address of a post on this site/),
        });
      }
      const missing = await update(`${SITE}/posts/${unique("missing")}`, { replace: { content: ["x"] } });
      expect(missing.json).toMatchObject({ error: "invalid_request", error_description: expect.stringMatching(/^url: There is no post at this address/) });
    });

    it("refuses values the form refuses, with the form's words after the property", async () => {
      const url = await withPost("bad-values");
      const bad = await update(url, { replace: { "bookmark-of": ["javascript:alert(1)"], name: [""] } });
      expect(bad.status).toBe(400);
      expect(bad.json!.error_description).toContain("bookmark-of: Only http:// and https:// URLs can be linked.");
      expect(bad.json!.error_description).toContain("name: Enter a title.");
      expect((await stored(url)).version).toBe(1);
    });

    it("leaves others' posts to those who may edit them: 403 forbidden for a contributor, 403 insufficient_scope to move a published post's date without posts:publish", async () => {
      const url = await withPost("others");
      const answer = await update(url, { replace: { content: ["Mine now"] } }, contributor.secret);
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ error: "forbidden" });
      const writeOnly = await tokenFor(editor.owner, ["posts:read", "posts:write"]);
      expect((await update(url, { replace: { content: ["Edited with posts:write"] } }, writeOnly.secret)).status).toBe(204);
      const moved = await update(url, { replace: { published: ["2020-01-01T00:00:00Z"] } }, writeOnly.secret);
      expect(moved.status).toBe(403);
      expect(moved.json).toMatchObject({ error: "insufficient_scope", scope: "posts:publish" });
      expect(moved.response.headers.get("www-authenticate")).toBe('Bearer realm="linkpress", error="insufficient_scope", scope="posts:publish"');
    });
  });

  describe("deleting", () => {
    it("500, 501: moves a post to the trash by a form or by JSON (204), and the audit log names the token", async () => {
      const byForm = await post(editor.secret, { form: entryForm("500") });
      const id = (await stored(byForm.location)).id;
      const deleted = await post(editor.secret, { form: `action=delete&url=${encodeURIComponent(byForm.location!)}` });
      expect(deleted.status).toBe(204);
      expect((await prisma.post.findUniqueOrThrow({ where: { id }, select: { deletedAt: true } })).deletedAt).not.toBeNull();
      const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.delete", targetId: id } });
      expect(JSON.parse(entry.details!)).toMatchObject({ token: editor.name });
      // A trashed post is gone for Micropub as for every other reader.
      expect((await query(editor.secret, `q=source&url=${encodeURIComponent(byForm.location!)}`)).status).toBe(400);

      const byJson = await post(editor.secret, { json: entryJson("501") });
      expect((await post(editor.secret, { json: { action: "delete", url: byJson.location } })).status).toBe(204);
      const again = await post(editor.secret, { json: { action: "delete", url: byJson.location } });
      expect(again.json).toMatchObject({ error: "invalid_request", error_description: expect.stringMatching(/^url: There is no post at this address/) });
    });

    it("lets a contributor delete only their own drafts", async () => {
      const theirs = await post(editor.secret, { form: entryForm("not-yours") });
      const refused = await post(contributor.secret, { form: `action=delete&url=${encodeURIComponent(theirs.location!)}` });
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ error: "forbidden" });
      const own = await post(contributor.secret, { form: entryForm("own-draft", { "post-status": "draft" }) });
      expect((await post(contributor.secret, { form: `action=delete&url=${encodeURIComponent(own.location!)}` })).status).toBe(204);
    });

    it("502, 503: brings a post back from the trash by a form or by JSON, at the same address, and the audit log names the token", async () => {
      for (const [area, body] of [
        ["502", (url: string) => ({ form: `action=undelete&url=${encodeURIComponent(url)}` })],
        ["503", (url: string) => ({ json: { action: "undelete", url } })],
      ] as const) {
        const created = await post(editor.secret, { form: entryForm(area) });
        expect((await post(editor.secret, { form: `action=delete&url=${encodeURIComponent(created.location!)}` })).status).toBe(204);
        const restored = await post(editor.secret, body(created.location!));
        expect(restored.status, area).toBe(204);
        const row = await prisma.post.findUniqueOrThrow({ where: { slug: slugOf(created.location) }, select: { id: true, deletedAt: true, status: true } });
        expect(row).toMatchObject({ deletedAt: null, status: "PUBLISHED" });
        expect((await query(editor.secret, `q=source&url=${encodeURIComponent(created.location!)}`)).status).toBe(200);
        const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.restore", targetId: row.id } });
        expect(JSON.parse(entry.details!)).toMatchObject({ token: editor.name });
      }
    });

    it("undeletes only a post in the caller's trash, and not while another post links the same article", async () => {
      const live = await post(editor.secret, { form: entryForm("live") });
      const notTrashed = await post(editor.secret, { form: `action=undelete&url=${encodeURIComponent(live.location!)}` });
      expect(notTrashed.json).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringMatching(/^url: There is no post in the trash at this address/),
      });

      // Someone else's trash is not a contributor's: the same answer as for nothing there.
      await post(editor.secret, { form: `action=delete&url=${encodeURIComponent(live.location!)}` });
      const others = await post(contributor.secret, { form: `action=undelete&url=${encodeURIComponent(live.location!)}` });
      expect(others.json).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringMatching(/^url: There is no post in the trash at this address/),
      });

      // The article was posted again while the first post was in the trash.
      const form = entryForm("reposted");
      const first = await post(editor.secret, { form });
      await post(editor.secret, { form: `action=delete&url=${encodeURIComponent(first.location!)}` });
      expect((await post(editor.secret, { form: form.replace(/name=[^&]+/, "name=Again") })).status).toBe(201);
      const clash = await post(editor.secret, { form: `action=undelete&url=${encodeURIComponent(first.location!)}` });
      expect(clash.status).toBe(400);
      expect(clash.json).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringMatching(/^Another post now links the same article: “Again”/),
      });
    });
  });

  describe("queries", () => {
    it("600, 601: answers q=config (no media endpoint, the bookmark post type) and q=syndicate-to (none)", async () => {
      const config = await query(editor.secret, "q=config");
      expect(config.status).toBe(200);
      expect(config.response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(config.response.headers.get("cache-control")).toBe("no-store");
      expect(config.json).toEqual({
        q: ["config", "source", "syndicate-to", "category"],
        "syndicate-to": [],
        "post-types": [expect.objectContaining({ type: "bookmark", h: "entry", "required-properties": ["bookmark-of", "name"] })],
      });
      expect(config.json!["media-endpoint"]).toBeUndefined();
      expect((await query(editor.secret, "q=syndicate-to")).json).toEqual({ "syndicate-to": [] });
    });

    it("602: shows a post's source, all properties, in mf2 JSON", async () => {
      const created = await post(editor.secret, {
        json: entryJson("602", { content: ["Some *Markdown*"], summary: ["Short"], category: ["test1", "test2"], published: ["2025-06-07T08:09:10Z"] }),
      });
      const source = await query(editor.secret, `q=source&url=${encodeURIComponent(created.location!)}`);
      expect(source.status).toBe(200);
      const row = await stored(created.location);
      expect(source.json).toEqual({
        type: ["h-entry"],
        properties: {
          name: [row.title],
          content: ["Some *Markdown*"],
          summary: ["Short"],
          category: ["test1", "test2"],
          published: ["2025-06-07T08:09:10.000Z"],
          "bookmark-of": [row.externalUrl],
          "post-status": ["published"],
          url: [created.location],
        },
      });
    });

    it("603: shows only the properties asked for", async () => {
      const created = await post(editor.secret, { json: entryJson("603", { content: ["Body"], category: ["test1"] }) });
      const source = await query(
        editor.secret,
        `q=source&properties[]=content&properties[]=category&properties[]=syndication&url=${encodeURIComponent(created.location!)}`,
      );
      expect(source.json).toEqual({ properties: { content: ["Body"], category: ["test1"] } });
      const one = await query(editor.secret, `q=source&properties=content&url=${encodeURIComponent(created.location!)}`);
      expect(one.json).toEqual({ properties: { content: ["Body"] } });
    });

    it("shows a contributor only what they may see, and lists the tags they may know of (q=category, filter)", async () => {
      const word = unique("hidden").toLowerCase();
      const draft = await post(editor.secret, { form: entryForm("hidden-draft", { "post-status": "draft", "category[]": word }) });
      const hidden = await query(contributor.secret, `q=source&url=${encodeURIComponent(draft.location!)}`);
      expect(hidden.status).toBe(400);
      expect(hidden.json).toMatchObject({ error: "invalid_request", error_description: expect.stringMatching(/^url: There is no post at this address/) });
      expect((await query(editor.secret, `q=category&filter=${word.toUpperCase()}`)).json).toEqual({ categories: [word] });
      expect((await query(contributor.secret, `q=category&filter=${word}`)).json).toEqual({ categories: [] });
    });

    it("refuses an unknown or missing query, and a source query without a url", async () => {
      for (const search of ["q=media", "", "q=source"]) {
        const answer = await query(editor.secret, search);
        expect(answer.status, search).toBe(400);
        expect(answer.json!.error, search).toBe("invalid_request");
      }
    });
  });

  describe("refusals", () => {
    it("803: answers 401 unauthorized without a token, even with a session cookie, and writes nothing", async () => {
      const before = await prisma.post.count();
      for (const headers of [
        {} as Record<string, string>,
        { cookie: "__Secure-next-auth.session-token=anything; next-auth.session-token=anything" },
        { authorization: "Basic dXNlcjpwYXNz" },
      ]) {
        const answer = await post(undefined, { form: entryForm("803"), headers });
        expect(answer.status).toBe(401);
        expect(answer.json).toMatchObject({ error: "unauthorized" });
        expect(answer.response.headers.get("www-authenticate")).toBe('Bearer realm="linkpress"');
      }
      expect((await query(undefined, "q=config")).status).toBe(401);
      expect(await prisma.post.count()).toBe(before);
    });

    it("answers 401 for a token that is not valid, in the header or the form", async () => {
      const revoked = await tokenFor(editor.owner);
      await revokeApiToken(editor.owner, revoked.id);
      for (const answer of [
        await post("lp_not-a-real-token", { form: entryForm("invalid") }),
        await post(undefined, { form: entryForm("invalid", { access_token: revoked.secret }) }),
        await query(revoked.secret, "q=config"),
      ]) {
        expect(answer.status).toBe(401);
        expect(answer.json).toMatchObject({ error: "unauthorized" });
        expect(answer.response.headers.get("www-authenticate")).toBe('Bearer realm="linkpress", error="invalid_token"');
      }
    });

    it("804: answers 403 insufficient_scope, naming the scope, for a token that may not write (or read)", async () => {
      const readOnly = await tokenFor(editor.owner, ["posts:read"]);
      const refused = await post(readOnly.secret, { form: entryForm("804") });
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ error: "insufficient_scope", scope: "posts:write" });
      const writeOnly = await tokenFor(editor.owner, ["posts:write"]);
      expect((await query(writeOnly.secret, "q=config")).json).toMatchObject({ error: "insufficient_scope", scope: "posts:read" });
    });

    it("publishes only with posts:publish; an editor's token without it is told to send post-status=draft", async () => {
      const writeOnly = await tokenFor(editor.owner, ["posts:read", "posts:write"]);
      const name = `Not published ${unique()}`;
      const refused = await post(writeOnly.secret, { form: entryForm("publish", { name }) });
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({
        error: "insufficient_scope",
        scope: "posts:publish",
        error_description: expect.stringMatching(/post-status=draft/),
      });
      expect(await prisma.post.count({ where: { title: name } })).toBe(0);
    });

    it("takes a contributor's publish as a submission for review (202, where it will be), and their post-status=draft as a draft", async () => {
      const submitted = await post(contributor.secret, { form: entryForm("contributor-submits") });
      expect(submitted.status).toBe(202);
      const submission = await stored(submitted.location);
      expect(submission).toMatchObject({ status: "IN_REVIEW", publishedAt: null, authorId: contributor.owner.id });
      // It waits in the editors' review queue, as a submission from the post form does.
      expect((await listReviewQueue(editor.owner)).map((row) => row.id)).toContain(submission.id);

      const draft = await post(contributor.secret, { form: entryForm("contributor-draft", { "post-status": "draft" }) });
      expect(draft.status).toBe(201);
      expect(await stored(draft.location)).toMatchObject({ status: "DRAFT", authorId: contributor.owner.id });
    });

    it("805: refuses a token sent twice (header and form), and a token in the address", async () => {
      const twice = await post(editor.secret, { form: entryForm("805", { access_token: editor.secret }) });
      expect(twice.status).toBe(400);
      expect(twice.json).toMatchObject({ error: "invalid_request" });
      const inAddress = await call("POST", { form: entryForm("address"), query: `?access_token=${editor.secret}` });
      expect(inAddress.status).toBe(400);
      expect(inAddress.json!.error_description).toMatch(/never in the address/);
      expect((await query(undefined, `q=config&access_token=${editor.secret}`)).status).toBe(400);
    });

    it("refuses a post that is not a link, as Linkpress posts are links", async () => {
      const answer = await post(editor.secret, {
        json: { type: ["h-entry"], properties: { name: ["A note"], content: ["Micropub test of creating an h-entry"] } },
      });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        error: "invalid_request",
        error_description: "bookmark-of: Linkpress posts are links: send the article's URL as bookmark-of (or like-of, or repost-of).",
      });
    });

    it("refuses bad values with the form's own words, and writes nothing", async () => {
      const before = await prisma.post.count();
      const script = await post(editor.secret, { form: entryForm("script", { "bookmark-of": "javascript:alert(1)" }) });
      expect(script.status).toBe(400);
      expect(script.json).toEqual({ error: "invalid_request", error_description: "bookmark-of: Only http:// and https:// URLs can be linked." });
      const liked = await post(editor.secret, { json: entryJson("liked", { "bookmark-of": [], "like-of": ["javascript:alert(1)"] }) });
      expect(liked.json!.error_description).toMatch(/like-of: Only http:\/\/ and https:\/\/ URLs can be linked\./);
      const untitled = await post(editor.secret, { form: entryForm("untitled", { name: "" }) });
      expect(untitled.json).toEqual({ error: "invalid_request", error_description: "name: Enter a title." });
      const cases: [Record<string, unknown[]>, RegExp][] = [
        [{ published: ["2026-02-30T10:00:00Z"] }, /^published: Enter a date and time/],
        [{ category: ["a,b"] }, /^category: The tag 'a,b' cannot contain a comma/],
        [{ "mp-slug": ["Not A Slug!"] }, /^mp-slug: Use only lower-case letters/],
        [{ name: ["One", "Two"] }, /^name: Send one value\./],
        [{ "post-status": ["private"] }, /^post-status: Send published or draft\./],
      ];
      for (const [properties, message] of cases) {
        const answer = await post(editor.secret, { json: entryJson("bad", properties) });
        expect(answer.status, JSON.stringify(properties)).toBe(400);
        expect(answer.json!.error_description, JSON.stringify(properties)).toMatch(message);
      }
      expect(await prisma.post.count()).toBe(before);
    });

    it("refuses an article posted before, with the form's message (400: Micropub has no 409)", async () => {
      const form = entryForm("duplicate");
      expect((await post(editor.secret, { form })).status).toBe(201);
      const again = await post(editor.secret, { form: form.replace(/name=[^&]+/, "name=Again") });
      expect(again.status).toBe(400);
      expect(again.json).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringMatching(/^bookmark-of: A post for this article already exists: “Micropub /),
      });
    });

    it("refuses other kinds of object, bodies of other types, malformed JSON, and bodies over 1 MiB", async () => {
      expect((await post(editor.secret, { form: "h=card&name=Me" })).json).toEqual({
        error: "invalid_request",
        error_description: "type: Linkpress creates h-entry posts only.",
      });
      const text = await post(editor.secret, { rawBody: entryForm("text"), headers: { "content-type": "text/plain" } });
      expect(text.status).toBe(400);
      expect(text.json!.error_description).toMatch(/^Send the request as a form/);
      const malformed = await post(editor.secret, { rawBody: "{ nope", headers: { "content-type": "application/json" } });
      expect(malformed.json).toEqual({ error: "invalid_request", error_description: "The request body is not valid JSON." });
      const big = `${entryForm("big")}&content=${"x".repeat(API_MAX_BODY_BYTES)}`;
      const tooLarge = await post(editor.secret, { form: big });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.json).toMatchObject({ error: "invalid_request" });
    });

    it(`shares the REST API's allowance of ${API_RATE_LIMIT} calls a minute per token`, async () => {
      const limited = await tokenFor(editor.owner, ["posts:read"]);
      for (let index = 1; index <= API_RATE_LIMIT / 2; index += 1) expect((await query(limited.secret, "q=syndicate-to")).status).toBe(200);
      const rest = restPostRoute.GET as unknown as (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
      for (let index = API_RATE_LIMIT / 2 + 1; index <= API_RATE_LIMIT; index += 1) {
        const answer = await rest(new Request("http://localhost/api/v1/posts/none", { headers: { authorization: `Bearer ${limited.secret}` } }), {
          params: Promise.resolve({ id: "none" }),
        });
        expect(answer.status).toBe(404);
      }
      const refused = await query(limited.secret, "q=syndicate-to");
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ error: "rate_limited" });
      expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.response.headers.get("ratelimit-remaining")).toBe("0");
    }, 60_000);
  });
});
