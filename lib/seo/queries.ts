import "server-only";
import { prisma } from "@/lib/db";
import { publicPostWhere } from "@/lib/posts/visibility";

export type SitemapData = {
  posts: { slug: string; lastModified: Date }[];
  tags: { slug: string; lastModified: Date }[];
  sources: { slug: string; lastModified: Date }[];
  months: { year: number; month: number; lastModified: Date }[];
  lastModified: Date | null;
};

const later = (a: Date | undefined, b: Date) => (a && a > b ? a : b);

/**
 * Every public address with its last change: posts, and the tags, sources and months that have published posts.
 * A page changes when one of its posts is edited or appears (a scheduled post appears at its publish date). Four
 * queries without joins in JavaScript, whatever the number of posts.
 */
export async function listSitemapData(now = new Date()): Promise<SitemapData> {
  const where = publicPostWhere(now);
  const [posts, links, tags, sources] = await Promise.all([
    prisma.post.findMany({ where, select: { id: true, slug: true, sourceId: true, publishedAt: true, updatedAt: true }, orderBy: { publishedAt: "desc" } }),
    prisma.postTag.findMany({ where: { post: where }, select: { postId: true, tagId: true } }),
    prisma.tag.findMany({ select: { id: true, slug: true } }),
    prisma.source.findMany({ select: { id: true, slug: true } }),
  ]);
  const changedAt = new Map(posts.map((post) => [post.id, later(post.publishedAt ?? undefined, post.updatedAt)]));
  const byTag = new Map<string, Date>();
  for (const link of links) {
    const date = changedAt.get(link.postId);
    if (date) byTag.set(link.tagId, later(byTag.get(link.tagId), date));
  }
  const bySource = new Map<string, Date>();
  const byMonth = new Map<string, Date>();
  for (const post of posts) {
    const date = changedAt.get(post.id)!;
    if (post.sourceId) bySource.set(post.sourceId, later(bySource.get(post.sourceId), date));
    if (post.publishedAt) {
      const key = `${post.publishedAt.getUTCFullYear()}-${post.publishedAt.getUTCMonth() + 1}`;
      byMonth.set(key, later(byMonth.get(key), date));
    }
  }
  return {
    posts: posts.map((post) => ({ slug: post.slug, lastModified: changedAt.get(post.id)! })),
    tags: tags.flatMap((tag) => (byTag.has(tag.id) ? [{ slug: tag.slug, lastModified: byTag.get(tag.id)! }] : [])),
    sources: sources.flatMap((source) => (bySource.has(source.id) ? [{ slug: source.slug, lastModified: bySource.get(source.id)! }] : [])),
    months: [...byMonth.entries()].map(([key, lastModified]) => {
      const [year, month] = key.split("-").map(Number);
      return { year, month, lastModified };
    }),
    lastModified: posts.reduce<Date | null>((newest, post) => later(newest ?? undefined, changedAt.get(post.id)!), null),
  };
}
