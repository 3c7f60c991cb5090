// A post as the REST API shows it (and webhooks send it): pure, so code the post mutations reach can use it too.
import type { ApiPostRow } from "@/lib/posts/queries";
import { effectiveStatus, isPubliclyVisible } from "@/lib/posts/visibility";

/** A post as the API shows it. */
export function toApiPost(row: ApiPostRow, now = new Date()) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    url: row.externalUrl,
    via: row.viaUrl,
    source: row.source?.name ?? null,
    tags: row.tags.map((link) => link.tag.name),
    tldr: row.tldr,
    summary: row.summary,
    commentary: row.commentary,
    status: effectiveStatus(row, now).toLowerCase(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    author: row.author?.name ?? null,
    links: { self: `/api/v1/posts/${row.id}`, ...(isPubliclyVisible(row, now) ? { public: `/posts/${row.slug}` } : {}) },
  };
}
export type ApiPost = ReturnType<typeof toApiPost>;
