// The REST API's trash and history endpoints: the admin's /admin/trash and History, through the same functions.
import { beforeAll, expect, it, vi } from "vitest";
import * as postsRoute from "@/app/api/v1/posts/route";
import * as postRoute from "@/app/api/v1/posts/[id]/route";
import * as revisionsRoute from "@/app/api/v1/posts/[id]/revisions/route";
import * as revisionRoute from "@/app/api/v1/posts/[id]/revisions/[revisionId]/route";
import * as trashRoute from "@/app/api/v1/trash/route";
import * as trashItemRoute from "@/app/api/v1/trash/[id]/route";
import * as restoreRoute from "@/app/api/v1/trash/[id]/restore/route";
import type { TokenScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/mutations";
import { createTestUser, describeDatabase, unique } from "../support/database";

vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

type Handler = (request: Request, context: { params: Promise<{ id: string; revisionId: string }> }) => Promise<Response>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

async function call(handler: unknown, method: string, path: string, token: string, options: { id?: string; revisionId?: string; body?: unknown } = {}) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const response = await (handler as Handler)(request, { params: Promise.resolve({ id: options.id ?? "", revisionId: options.revisionId ?? "" }) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Body) : null };
}

const ALL: TokenScope[] = ["posts:read", "posts:write", "posts:publish"];
async function tokenOf(role: "ADMIN" | "EDITOR" | "CONTRIBUTOR", scopes = ALL) {
  const owner = await createTestUser(role);
  return { owner, secret: (await createApiToken(owner, owner.id, { name: unique("trash"), scopes, days: 30 })).secret };
}

let admin: Awaited<ReturnType<typeof tokenOf>>;
let editor: Awaited<ReturnType<typeof tokenOf>>;
let contributor: Awaited<ReturnType<typeof tokenOf>>;

async function newPost(token: string, status = "published") {
  const id = unique("trash-api");
  const created = await call(postsRoute.POST, "POST", "/api/v1/posts", token, {
    body: { title: `Trash API ${id}`, url: `https://example.org/${id}`, tldr: "Short.", summary: "Longer.", status },
  });
  expect(created.status).toBe(201);
  return created.json!;
}

describeDatabase("REST API: trash and revisions", () => {
  beforeAll(async () => {
    [admin, editor, contributor] = await Promise.all([tokenOf("ADMIN"), tokenOf("EDITOR"), tokenOf("CONTRIBUTOR")]);
  });

  it("lists a deleted post in the trash, restores it as it was, and only an admin deletes it for good", async () => {
    const post = await newPost(editor.secret);
    expect((await call(postRoute.DELETE, "DELETE", `/api/v1/posts/${post.id}`, editor.secret, { id: post.id })).status).toBe(204);
    const trash = await call(trashRoute.GET, "GET", "/api/v1/trash", editor.secret);
    const listed = trash.json!.data.find((row: Body) => row.id === post.id);
    expect(listed).toMatchObject({ title: post.title, status: "published", deletedBy: editor.owner.name });
    expect(new Date(listed.purgeAt).getTime() - new Date(listed.deletedAt).getTime()).toBe(30 * 24 * 60 * 60 * 1000);

    const restored = await call(restoreRoute.POST, "POST", `/api/v1/trash/${post.id}/restore`, editor.secret, { id: post.id });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id: post.id, slug: post.slug, status: "published", version: post.version });
    expect((await call(restoreRoute.POST, "POST", `/api/v1/trash/${post.id}/restore`, editor.secret, { id: post.id })).status).toBe(404);

    await call(postRoute.DELETE, "DELETE", `/api/v1/posts/${post.id}`, editor.secret, { id: post.id });
    const byEditor = await call(trashItemRoute.DELETE, "DELETE", `/api/v1/trash/${post.id}`, editor.secret, { id: post.id });
    expect(byEditor).toMatchObject({ status: 403, json: { detail: "Only admins can delete posts for good." } });
    expect((await call(trashItemRoute.DELETE, "DELETE", `/api/v1/trash/${post.id}`, admin.secret, { id: post.id })).status).toBe(204);
    expect(await prisma.post.count({ where: { id: post.id } })).toBe(0);
    expect((await call(trashItemRoute.DELETE, "DELETE", `/api/v1/trash/${post.id}`, admin.secret, { id: post.id })).status).toBe(404);
  });

  it("shows a contributor only their own trash, refuses restoring another's post, and needs posts:write to restore", async () => {
    const editorsPost = await newPost(editor.secret);
    await call(postRoute.DELETE, "DELETE", `/api/v1/posts/${editorsPost.id}`, editor.secret, { id: editorsPost.id });
    const own = await newPost(contributor.secret, "draft");
    await call(postRoute.DELETE, "DELETE", `/api/v1/posts/${own.id}`, contributor.secret, { id: own.id });
    const ids = (await call(trashRoute.GET, "GET", "/api/v1/trash", contributor.secret)).json!.data.map((row: Body) => row.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(editorsPost.id);
    expect((await call(restoreRoute.POST, "POST", `/api/v1/trash/${editorsPost.id}/restore`, contributor.secret, { id: editorsPost.id })).status).not.toBe(200);
    const readOnly = await tokenOf("EDITOR", ["posts:read"]);
    expect((await call(restoreRoute.POST, "POST", `/api/v1/trash/${editorsPost.id}/restore`, readOnly.secret, { id: editorsPost.id })).status).toBe(403);
    expect((await call(restoreRoute.POST, "POST", `/api/v1/trash/${own.id}/restore`, contributor.secret, { id: own.id })).status).toBe(200);
    expect((await call(trashRoute.GET, "GET", "/api/v1/trash?page=0", contributor.secret)).status).toBe(422);
  });

  it("lists a post's revisions newest first, made through the API, and hides them from another contributor", async () => {
    const post = await newPost(editor.secret, "draft");
    const changed = await call(postRoute.PATCH, "PATCH", `/api/v1/posts/${post.id}`, editor.secret, {
      id: post.id,
      body: { version: post.version, tldr: "Changed." },
    });
    expect(changed.status).toBe(200);
    const revisions = await call(revisionsRoute.GET, "GET", `/api/v1/posts/${post.id}/revisions`, editor.secret, { id: post.id });
    expect(revisions.json!.data.map((row: Body) => [row.version, row.how, row.by])).toEqual([
      [changed.json!.version, "api", editor.owner.name],
      [post.version, "api", editor.owner.name],
    ]);
    expect((await call(revisionsRoute.GET, "GET", `/api/v1/posts/${post.id}/revisions`, contributor.secret, { id: post.id })).status).toBe(404);

    // Restoring the first revision: its fields, sent back at the current version; at the old version it is stale.
    const firstId = revisions.json!.data[1].id;
    const first = await call(revisionRoute.GET, "GET", `/api/v1/posts/${post.id}/revisions/${firstId}`, editor.secret, { id: post.id, revisionId: firstId });
    expect(first.json).toMatchObject({ version: post.version, tldr: "Short.", url: post.url, tags: [] });
    const { title, url, tldr, summary, commentary, slug } = first.json!;
    const fields = { title, url, tldr, summary, commentary, slug };
    const stale = await call(postRoute.PATCH, "PATCH", `/api/v1/posts/${post.id}`, editor.secret, { id: post.id, body: { ...fields, version: post.version } });
    expect(stale.status).toBe(409);
    const restored = await call(postRoute.PATCH, "PATCH", `/api/v1/posts/${post.id}`, editor.secret, {
      id: post.id,
      body: { ...fields, version: changed.json!.version },
    });
    expect(restored.json).toMatchObject({ tldr: "Short." });
    const missing = await call(revisionRoute.GET, "GET", `/api/v1/posts/${post.id}/revisions/nope`, editor.secret, { id: post.id, revisionId: "nope" });
    expect(missing.status).toBe(404);
  });
});
