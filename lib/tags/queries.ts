import "server-only";
import { canPublish, viewablePostWhere, type Actor } from "@/lib/auth/permissions";
import { containsIgnoringCase, prisma } from "@/lib/db";
import type { Page } from "@/lib/posts/queries";
import { notTrashedWhere, publicPostWhere } from "@/lib/posts/visibility";
import { taxonomyPage, taxonomyPageArgs, type TaxonomyApiRow } from "@/lib/taxonomy/queries";
import type { TaxonomyListQuery } from "@/lib/taxonomy/schema";

export async function getTagBySlug(slug: string) {
  return prisma.tag.findUnique({ where: { slug }, select: { name: true, slug: true } });
}

/** Every tag's name and slug, for the post form's suggestions and the admin filters. */
export async function listTags(): Promise<{ name: string; slug: string }[]> {
  return prisma.tag.findMany({ select: { name: true, slug: true }, orderBy: { name: "asc" } });
}

/** The tags a person may know of: all for editors and admins; a contributor's come from published posts and their own. */
function tagsVisibleTo(actor: Actor, now: Date) {
  return canPublish(actor) ? {} : { posts: { some: { post: viewablePostWhere(actor, now) } } };
}

/** The tags a person may know of, for the post form's suggestions and filters. */
export async function listTagsVisibleTo(actor: Actor, now = new Date()): Promise<{ name: string; slug: string }[]> {
  return prisma.tag.findMany({ where: tagsVisibleTo(actor, now), select: { name: true, slug: true }, orderBy: { name: "asc" } });
}

/** A tag by id or slug for the API, if the person may know of it (as listTagsVisibleTo), with the posts they may see. */
export async function getTagForApi(actor: Actor, idOrSlug: string, now = new Date()): Promise<TaxonomyApiRow | null> {
  const tag = await prisma.tag.findFirst({
    where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, tagsVisibleTo(actor, now)] },
    select: {
      id: true,
      name: true,
      slug: true,
      _count: { select: { posts: { where: { post: viewablePostWhere(actor, now) } } } },
      posts: { where: { post: publicPostWhere(now) }, select: { postId: true }, take: 1 },
    },
  });
  return tag && { id: tag.id, name: tag.name, slug: tag.slug, postCount: tag._count.posts, hasPublicPosts: tag.posts.length > 0 };
}

/** A tag as the admin shows it: how many posts carry it, and how many of those readers can see. */
export type TagAdminRow = { id: string; name: string; slug: string; postCount: number; publishedCount: number };

// How many posts carry the tag, the trash left out.
const postCount = { select: { posts: { where: { post: notTrashedWhere } } } } as const;

/** How many public posts carry each of the given tags. One query. */
async function publishedCounts(tagIds: string[], now: Date): Promise<Map<string, number>> {
  if (tagIds.length === 0) return new Map();
  const groups = await prisma.postTag.groupBy({ by: ["tagId"], where: { tagId: { in: tagIds }, post: publicPostWhere(now) }, _count: { _all: true } });
  return new Map(groups.map((group) => [group.tagId, group._count._all]));
}

/** One page of tags for /admin/tags, by name (slug order, which ignores case) or by most posts, filtered by name or slug. */
export async function listTagsForAdmin(query: TaxonomyListQuery, now = new Date()): Promise<Page<TagAdminRow>> {
  const where = query.q ? { OR: [{ name: containsIgnoringCase(query.q) }, { slug: containsIgnoringCase(query.q) }] } : {};
  const [total, rows] = await Promise.all([
    prisma.tag.count({ where }),
    prisma.tag.findMany({
      where,
      select: { id: true, name: true, slug: true, _count: postCount },
      ...taxonomyPageArgs(query),
    }),
  ]);
  const published = await publishedCounts(
    rows.map((row) => row.id),
    now,
  );
  return taxonomyPage(
    rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, postCount: row._count.posts, publishedCount: published.get(row.id) ?? 0 })),
    query,
    total,
  );
}

/** One tag for its admin page, with its post counts; null when it no longer exists. */
export async function getTagForAdmin(id: string, now = new Date()): Promise<(TagAdminRow & { createdAt: Date }) | null> {
  const tag = await prisma.tag.findUnique({
    where: { id },
    select: { id: true, name: true, slug: true, createdAt: true, _count: postCount },
  });
  if (!tag) return null;
  const published = await publishedCounts([tag.id], now);
  return { id: tag.id, name: tag.name, slug: tag.slug, createdAt: tag.createdAt, postCount: tag._count.posts, publishedCount: published.get(tag.id) ?? 0 };
}
