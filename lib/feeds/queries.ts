import "server-only";
import { prisma } from "@/lib/db";
import { listNewestPublicPosts, type PublicPost } from "@/lib/posts/queries";

/** Which posts a feed carries: the whole site, one tag or one source. */
export type FeedScope = { kind: "site" } | { kind: "tag" | "source"; slug: string };

/** A post as feeds carry it: its card, plus the full text and the time of the last edit. */
export type FeedPost = PublicPost;

const FEED_SIZE = 50;

/**
 * The newest published posts of a scope and the scope's name (null for the site), or null when the tag or source does
 * not exist or has no published post. Two queries.
 */
export async function listFeedPosts(scope: FeedScope, now = new Date()): Promise<{ name: string | null; posts: FeedPost[] } | null> {
  const [entity, posts] = await Promise.all([
    scope.kind === "tag"
      ? prisma.tag.findUnique({ where: { slug: scope.slug }, select: { name: true } })
      : scope.kind === "source"
        ? prisma.source.findUnique({ where: { slug: scope.slug }, select: { name: true } })
        : null,
    listNewestPublicPosts(
      { take: FEED_SIZE, tagSlug: scope.kind === "tag" ? scope.slug : undefined, sourceSlug: scope.kind === "source" ? scope.slug : undefined },
      now,
    ),
  ]);
  if (scope.kind !== "site" && (!entity || posts.length === 0)) return null;
  return {
    name: entity?.name ?? null,
    posts,
  };
}
