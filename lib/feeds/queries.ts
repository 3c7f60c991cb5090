import "server-only";
import { prisma } from "@/lib/db";
import type { PublicPostCard } from "@/lib/posts/queries";
import { publicPostWhere } from "@/lib/posts/visibility";

/** Which posts a feed carries: the whole site, one tag or one source. */
export type FeedScope = { kind: "site" } | { kind: "tag" | "source"; slug: string };

/** A post as feeds carry it: its card, plus the full text and the time of the last edit. */
export type FeedPost = PublicPostCard & { summary: string; commentary: string; updatedAt: Date };

export const FEED_SIZE = 50;

/**
 * The newest published posts of a scope and the scope's name (null for the site), or null when the tag or source does
 * not exist or has no published post. Two queries.
 */
export async function listFeedPosts(scope: FeedScope, now = new Date()): Promise<{ name: string | null; posts: FeedPost[] } | null> {
  const [entity, rows] = await Promise.all([
    scope.kind === "tag"
      ? prisma.tag.findUnique({ where: { slug: scope.slug }, select: { name: true } })
      : scope.kind === "source"
        ? prisma.source.findUnique({ where: { slug: scope.slug }, select: { name: true } })
        : null,
    prisma.post.findMany({
      where: {
        ...publicPostWhere(now),
        ...(scope.kind === "tag" ? { tags: { some: { tag: { slug: scope.slug } } } } : {}),
        ...(scope.kind === "source" ? { source: { slug: scope.slug } } : {}),
      },
      select: {
        slug: true,
        title: true,
        externalUrl: true,
        tldr: true,
        summary: true,
        commentary: true,
        publishedAt: true,
        updatedAt: true,
        source: { select: { name: true, slug: true } },
        tags: { select: { tag: { select: { name: true, slug: true } } }, orderBy: { position: "asc" } },
      },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: FEED_SIZE,
    }),
  ]);
  if (scope.kind !== "site" && (!entity || rows.length === 0)) return null;
  return {
    name: entity?.name ?? null,
    posts: rows.map((row) => ({ ...row, publishedAt: row.publishedAt ?? new Date(0), tags: row.tags.map((link) => link.tag) })),
  };
}
