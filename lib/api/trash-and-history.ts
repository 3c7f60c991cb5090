import "server-only";
// The REST API's trash and history: what /admin/trash and a post's History page show and do, through the same
// lib/posts functions (restorePost, purgePost, listTrashedPosts, getPostHistory), so the admin and the API agree.
import { z } from "zod";
import type { ApiActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { purgePost, restorePost } from "@/lib/posts/mutations";
import { getPostForApi, listTrashedPosts } from "@/lib/posts/queries";
import { getPostHistory, getPostRevisions } from "@/lib/posts/revisions";
import { trashPurgeDate } from "@/lib/posts/visibility";
import { toApiPost } from "./posts";
import { parsedOrProblem } from "./problem";

const trashQuerySchema = z.strictObject({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** GET /api/v1/trash: one page of the posts in this person's trash, most recently deleted first. */
export async function listTrashFromApi(actor: ApiActor, searchParams: URLSearchParams) {
  const { page } = parsedOrProblem(trashQuerySchema, Object.fromEntries(searchParams));
  const result = await listTrashedPosts(actor, page);
  return {
    data: result.items.map((row) => ({
      id: row.id,
      title: row.title,
      slug: row.slug,
      status: row.status.toLowerCase(),
      author: row.author?.name ?? null,
      deletedAt: row.deletedAt.toISOString(),
      deletedBy: row.deletedBy?.name ?? null,
      purgeAt: trashPurgeDate(row.deletedAt).toISOString(),
    })),
    page: result.page,
    pageCount: result.pageCount,
    total: result.total,
  };
}

/** POST /api/v1/trash/{id}/restore: the post back as it was, shown as GET /api/v1/posts/{id} shows it. */
export async function restoreFromApi(actor: ApiActor, id: string) {
  const restored = await restorePost(actor, id);
  const row = await getPostForApi(actor, restored.id);
  if (!row) throw new AppError("NOT_FOUND", "This post no longer exists.");
  return toApiPost(row);
}

/** DELETE /api/v1/trash/{id}: deleted for good (admins only, from the trash only). */
export async function purgeFromApi(actor: ApiActor, id: string): Promise<void> {
  await purgePost(actor, id);
}

/** GET /api/v1/posts/{id}/revisions: the post's revisions, newest first, for those who may see its history. */
export async function listRevisionsFromApi(actor: ApiActor, idOrSlug: string) {
  const post = await getPostForApi(actor, idOrSlug);
  const history = post ? await getPostHistory(actor, post.id) : null;
  if (!history) throw new AppError("NOT_FOUND", "No post with this id or slug, or its history is not yours to see.");
  return {
    data: history.revisions.map((revision) => ({
      id: revision.id,
      version: revision.version,
      status: revision.status.toLowerCase(),
      how: revision.how,
      by: revision.who ?? null,
      createdAt: revision.createdAt.toISOString(),
    })),
  };
}

/**
 * GET /api/v1/posts/{id}/revisions/{revisionId}: one revision's fields in the API's names, so a client restores it as
 * the History page does: by sending them in a PATCH at the post's current version (the stale-version guard applies).
 */
export async function getRevisionFromApi(actor: ApiActor, idOrSlug: string, revisionId: string) {
  const post = await getPostForApi(actor, idOrSlug);
  const [revision] = post ? await getPostRevisions(actor, post.id, [revisionId]) : [];
  if (!revision) throw new AppError("NOT_FOUND", "No such revision of a post whose history is yours to see.");
  return {
    id: revision.id,
    version: revision.version,
    createdAt: revision.createdAt.toISOString(),
    status: revision.status.toLowerCase(),
    title: revision.title,
    slug: revision.slug,
    url: revision.externalUrl,
    via: revision.viaUrl,
    source: revision.sourceName,
    tags: revision.tags ? revision.tags.split(", ") : [],
    tldr: revision.tldr,
    summary: revision.summary,
    commentary: revision.commentary,
    publishedAt: revision.publishedAt?.toISOString() ?? null,
  };
}
