import "server-only";
import { Prisma, prisma } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";
import { asDate, publicPostSql } from "@/lib/posts/public-sql";
import { publicPostWhere } from "@/lib/posts/visibility";

export type SitemapData = {
  posts: { slug: string; lastModified: Date }[];
  tags: { slug: string; lastModified: Date }[];
  sources: { slug: string; lastModified: Date }[];
  months: { year: number; month: number; lastModified: Date }[];
  lastModified: Date | null;
};

/** The addresses besides posts: tags, sources and months with public posts, each with its last change. */
export type SitemapTaxonomy = Pick<SitemapData, "tags" | "sources" | "months">;

// A page changes when one of its posts is edited or appears (a scheduled post appears at its publish date): its
// last change is the latest publish or edit date among its public posts.
const later = (a: Date | undefined, b: Date) => (a && a > b ? a : b);

// SQLite stores DateTime as ISO text (lib/posts/public-sql.ts): its first seven characters are the UTC month, and
// aggregates over it come back as that text.

type ChangeDates = { published: Date | string; updated: Date | string };
const lastChange = (row: ChangeDates) => later(asDate(row.published), asDate(row.updated));

/** How many posts are public and the latest publish or edit date among them. One query. */
export async function getSitemapPostSummary(now = new Date()): Promise<{ count: number; lastModified: Date | null }> {
  const { _count, _max } = await prisma.post.aggregate({ where: publicPostWhere(now), _count: true, _max: { publishedAt: true, updatedAt: true } });
  return { count: _count, lastModified: _max.updatedAt ? later(_max.publishedAt ?? undefined, _max.updatedAt) : null };
}

/**
 * Tags (by slug), sources (by slug) and months (newest first) that have public posts, each with its last change.
 * Three grouped queries whose size follows the number of tags, sources and months, never the number of posts.
 */
export async function listSitemapTaxonomy(now = new Date()): Promise<SitemapTaxonomy> {
  const sqlite = databaseProvider() === "sqlite";
  const isPublic = publicPostSql(now);
  const monthOf = sqlite ? Prisma.sql`substr(p."publishedAt", 1, 7)` : Prisma.sql`to_char(p."publishedAt", 'YYYY-MM')`;
  const [tags, sources, months] = await Promise.all([
    prisma.$queryRaw<(ChangeDates & { slug: string })[]>`
      SELECT t."slug" AS slug, MAX(p."publishedAt") AS published, MAX(p."updatedAt") AS updated
      FROM "Tag" t JOIN "PostTag" pt ON pt."tagId" = t."id" JOIN "Post" p ON p."id" = pt."postId"
      WHERE ${isPublic}
      GROUP BY t."id", t."slug"
      ORDER BY t."slug"`,
    prisma.$queryRaw<(ChangeDates & { slug: string })[]>`
      SELECT s."slug" AS slug, MAX(p."publishedAt") AS published, MAX(p."updatedAt") AS updated
      FROM "Source" s JOIN "Post" p ON p."sourceId" = s."id"
      WHERE ${isPublic}
      GROUP BY s."id", s."slug"
      ORDER BY s."slug"`,
    prisma.$queryRaw<(ChangeDates & { month: string })[]>`
      SELECT ${monthOf} AS month, MAX(p."publishedAt") AS published, MAX(p."updatedAt") AS updated
      FROM "Post" p
      WHERE ${isPublic}
      GROUP BY ${monthOf}
      ORDER BY ${monthOf} DESC`,
  ]);
  return {
    tags: tags.map((row) => ({ slug: row.slug, lastModified: lastChange(row) })),
    sources: sources.map((row) => ({ slug: row.slug, lastModified: lastChange(row) })),
    months: months.map((row) => {
      const [year, month] = row.month.split("-").map(Number);
      return { year, month, lastModified: lastChange(row) };
    }),
  };
}

/**
 * Public posts with their last change, `take` of them after skipping `skip`: newest first for the one-file sitemap,
 * or in the stable order of numbered sitemaps (by id, so a new post joins the last file and earlier files keep their
 * posts). One query.
 */
export async function listSitemapPosts(options: { order: "newest" | "stable"; skip?: number; take?: number }, now = new Date()): Promise<SitemapData["posts"]> {
  const rows = await prisma.post.findMany({
    where: publicPostWhere(now),
    select: { slug: true, publishedAt: true, updatedAt: true },
    orderBy: options.order === "newest" ? [{ publishedAt: "desc" }, { id: "desc" }] : [{ id: "asc" }],
    skip: options.skip,
    take: options.take,
  });
  return rows.map((row) => ({ slug: row.slug, lastModified: later(row.publishedAt ?? undefined, row.updatedAt) }));
}

/**
 * The last change in each run of `size` public posts, in the stable order of listSitemapPosts: one date per numbered
 * sitemap of posts. Pages through by key, two small queries per run (where the run ends; its latest dates), so no
 * post is read into memory.
 */
export async function listSitemapPostRunDates(size: number, now = new Date()): Promise<Date[]> {
  const where = publicPostWhere(now);
  const dates: Date[] = [];
  for (let after: string | undefined; ;) {
    const start = after === undefined ? {} : { gt: after };
    const end = await prisma.post.findFirst({ where: { ...where, id: start }, orderBy: { id: "asc" }, skip: size - 1, select: { id: true } });
    const { _max } = await prisma.post.aggregate({
      where: { ...where, id: { ...start, ...(end ? { lte: end.id } : {}) } },
      _max: { publishedAt: true, updatedAt: true },
    });
    if (!_max.updatedAt) return dates;
    dates.push(later(_max.publishedAt ?? undefined, _max.updatedAt));
    if (!end) return dates;
    after = end.id;
  }
}
