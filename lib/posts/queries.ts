import "server-only";
import { containsIgnoringCase, Prisma, prisma } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";
import type { Actor } from "@/lib/auth/permissions";
import { canPublish, viewablePostWhere } from "@/lib/auth/permissions";
import { showsArchiveNotice } from "@/lib/links/health";
import { canonicalVariants } from "./canonical-url";
import { asDate, publicPostSql } from "./public-sql";
import { describeExistingPost, type ExistingPostNotice } from "./existing";
import type { PostListFilter, PostListQuery, PostListSort, SortDirection } from "./schema";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { zonedYearMonth } from "@/lib/time-zone";
import { isPubliclyVisible, notTrashedWhere, postStatusWhere, publicPostWhere, trashedWhere } from "./visibility";

export const PUBLIC_PAGE_SIZE = 20;
export const ADMIN_PAGE_SIZE = 25;

// What a post card in a public list needs, and nothing more: no author, no ids beyond what links need.
const publicCardSelect = {
  title: true,
  slug: true,
  externalUrl: true,
  tldr: true,
  publishedAt: true,
  source: { select: { name: true, slug: true } },
  tags: { select: { tag: { select: { name: true, slug: true } } }, orderBy: { position: "asc" } },
} as const;

export type PublicPostCard = {
  title: string;
  slug: string;
  externalUrl: string;
  tldr: string;
  publishedAt: Date;
  source: { name: string; slug: string } | null;
  tags: { name: string; slug: string }[];
};

export type Page<T> = { items: T[]; page: number; pageCount: number; total: number };

type CardRow = {
  title: string;
  slug: string;
  externalUrl: string;
  tldr: string;
  publishedAt: Date | null;
  source: { name: string; slug: string } | null;
  tags: { tag: { name: string; slug: string } }[];
};

// Only the card's fields, whatever else the row carries (ids, status).
function toCard(row: CardRow): PublicPostCard {
  const { title, slug, externalUrl, tldr, source } = row;
  return { title, slug, externalUrl, tldr, source, publishedAt: row.publishedAt ?? new Date(0), tags: row.tags.map((link) => link.tag) };
}

type PublicScope = { tagSlug?: string; sourceSlug?: string };

// Public posts, optionally only those of one tag or one source.
function publicPostsOfWhere(scope: PublicScope, now: Date) {
  return {
    ...publicPostWhere(now),
    ...(scope.tagSlug ? { tags: { some: { tag: { slug: scope.tagSlug } } } } : {}),
    ...(scope.sourceSlug ? { source: { slug: scope.sourceSlug } } : {}),
  };
}

/** Published posts, newest first, optionally of one tag or source or published in [from, before). Two queries whatever the page size. */
export async function listPublishedPosts(options: {
  page: number;
  perPage?: number;
  tagSlug?: string;
  sourceSlug?: string;
  publishedFrom?: Date;
  publishedBefore?: Date;
  now?: Date;
}): Promise<Page<PublicPostCard>> {
  const perPage = options.perPage ?? PUBLIC_PAGE_SIZE;
  const now = options.now ?? new Date();
  const where = {
    ...publicPostsOfWhere(options, now),
    ...(options.publishedFrom || options.publishedBefore ? { AND: [{ publishedAt: { gte: options.publishedFrom, lt: options.publishedBefore } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.post.count({ where }),
    prisma.post.findMany({
      where,
      select: publicCardSelect,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * perPage,
      take: perPage,
    }),
  ]);
  return { items: rows.map(toCard), page: options.page, pageCount: Math.max(1, Math.ceil(total / perPage)), total };
}

/** The cards of the given published posts, in the order of the ids given (search results keep their ranking). */
export async function listPublishedPostCardsByIds(ids: string[], now = new Date()): Promise<(PublicPostCard & { id: string })[]> {
  if (ids.length === 0) return [];
  // Looked up by id alone, so SQLite uses the primary key; visibility is checked on the few rows found.
  const rows = await prisma.post.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, deletedAt: true, ...publicCardSelect } });
  const byId = new Map(rows.filter((row) => isPubliclyVisible(row, now)).map((row) => [row.id, { ...toCard(row), id: row.id }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type PublicTaxonomyEntry = { name: string; slug: string; count: number };

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en", { sensitivity: "base" });

/** Tags that have published posts, with how many, by name. One query. */
export async function listPublicTags(now = new Date()): Promise<PublicTaxonomyEntry[]> {
  const rows = await prisma.tag.findMany({
    select: { name: true, slug: true, _count: { select: { posts: { where: { post: publicPostWhere(now) } } } } },
  });
  return rows
    .filter((row) => row._count.posts > 0)
    .map((row) => ({ name: row.name, slug: row.slug, count: row._count.posts }))
    .sort(byName);
}

/** Sources that have published posts, with how many, by name. One query. */
export async function listPublicSources(now = new Date()): Promise<PublicTaxonomyEntry[]> {
  const rows = await prisma.source.findMany({
    select: { name: true, slug: true, _count: { select: { posts: { where: publicPostWhere(now) } } } },
  });
  return rows
    .filter((row) => row._count.posts > 0)
    .map((row) => ({ name: row.name, slug: row.slug, count: row._count.posts }))
    .sort(byName);
}

/** The months (in the site's time zone) in which posts were published, newest first, with how many. Reads only the publish dates. */
export async function listPublishedMonths(timeZone: string, now = new Date()): Promise<{ year: number; month: number; count: number }[]> {
  const rows = await prisma.post.findMany({ where: publicPostWhere(now), select: { publishedAt: true } });
  const counts = new Map<number, number>();
  for (const { publishedAt } of rows) {
    if (!publishedAt) continue;
    const { year, month } = zonedYearMonth(publishedAt, timeZone);
    const key = year * 12 + month - 1;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[0] - a[0]).map(([key, count]) => ({ year: Math.floor(key / 12), month: (key % 12) + 1, count }));
}

export type PublicPost = PublicPostCard & {
  viaUrl: string | null;
  summary: string;
  commentary: string;
  updatedAt: Date;
  kind: string;
  /** The archived copy readers are pointed to, only while the original is dead (lib/links). */
  archiveUrl: string | null;
};

/** What a post page shows of a post (the public page and its secret preview links). */
export const publicPostSelect = {
  ...publicCardSelect,
  viaUrl: true,
  summary: true,
  commentary: true,
  updatedAt: true,
  kind: true,
  linkCheck: { select: { state: true, archiveUrl: true, url: true } },
} as const;

type PostRow = CardRow & {
  viaUrl: string | null;
  summary: string;
  commentary: string;
  updatedAt: Date;
  kind: string;
  linkCheck: { state: string; archiveUrl: string | null; url: string } | null;
};

export function toPublicPost(row: PostRow): PublicPost {
  const { viaUrl, summary, commentary, updatedAt, kind, linkCheck } = row;
  const archiveUrl = showsArchiveNotice(linkCheck, row.externalUrl) ? linkCheck!.archiveUrl : null;
  return { ...toCard(row), viaUrl, summary, commentary, updatedAt, kind, archiveUrl };
}

type PublicPostSqlRow = {
  title: string;
  slug: string;
  externalUrl: string;
  tldr: string;
  publishedAt: Date | string;
  viaUrl: string | null;
  summary: string;
  commentary: string;
  updatedAt: Date | string;
  kind: string;
  sourceName: string | null;
  sourceSlug: string | null;
  linkState: string | null;
  linkArchiveUrl: string | null;
  linkUrl: string | null;
  /** The tags in the post's order, as JSON text (SQLite) or parsed (PostgreSQL). */
  tags: string | { name: string; slug: string }[];
};

// The post's tags in its order as one JSON array, in each database's words.
const TAGS_AS_JSON = {
  sqlite: Prisma.sql`(SELECT json_group_array(json_object('name', t."name", 'slug', t."slug") ORDER BY pt."position")
    FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id")`,
  postgresql: Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('name', t."name", 'slug', t."slug") ORDER BY pt."position"), '[]'::json)
    FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id")`,
};

/**
 * One published post by slug, or null when it is missing, a draft or not yet due. Every post page that is not cached
 * reads this, so it is one SQL statement: the same read through Prisma's query builder (publicPostSelect, with the
 * source, tags and link check) cost 2.1 ms of CPU against 0.6 ms (5,000 posts, SQLite), half of a post page's render.
 * tests/integration/public-post-read.test.ts checks it against that read.
 */
export async function getPublishedPostBySlug(slug: string, now = new Date()): Promise<PublicPost | null> {
  const [row] = await prisma.$queryRaw<PublicPostSqlRow[]>`
    SELECT p."title", p."slug", p."externalUrl", p."tldr", p."publishedAt", p."viaUrl", p."summary", p."commentary", p."updatedAt", p."kind",
      s."name" AS "sourceName", s."slug" AS "sourceSlug", lc."state" AS "linkState", lc."archiveUrl" AS "linkArchiveUrl", lc."url" AS "linkUrl",
      ${TAGS_AS_JSON[databaseProvider()]} AS "tags"
    FROM "Post" p LEFT JOIN "Source" s ON s."id" = p."sourceId" LEFT JOIN "LinkCheck" lc ON lc."postId" = p."id"
    WHERE p."slug" = ${slug} AND ${publicPostSql(now)}
    LIMIT 1`;
  if (!row) return null;
  const linkCheck = row.linkState === null ? null : { state: row.linkState, archiveUrl: row.linkArchiveUrl, url: row.linkUrl ?? "" };
  return {
    title: row.title,
    slug: row.slug,
    externalUrl: row.externalUrl,
    tldr: row.tldr,
    publishedAt: asDate(row.publishedAt),
    source: row.sourceName === null || row.sourceSlug === null ? null : { name: row.sourceName, slug: row.sourceSlug },
    tags: typeof row.tags === "string" ? (JSON.parse(row.tags) as { name: string; slug: string }[]) : row.tags,
    viaUrl: row.viaUrl,
    summary: row.summary,
    commentary: row.commentary,
    updatedAt: asDate(row.updatedAt),
    kind: row.kind,
    archiveUrl: showsArchiveNotice(linkCheck, row.externalUrl) ? linkCheck!.archiveUrl : null,
  };
}

/** The newest published posts with their full text (for feeds), optionally of one tag or source. One query. */
export async function listNewestPublicPosts(scope: PublicScope & { take: number }, now = new Date()): Promise<PublicPost[]> {
  const rows = await prisma.post.findMany({
    where: publicPostsOfWhere(scope, now),
    select: publicPostSelect,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: scope.take,
  });
  return rows.map(toPublicPost);
}

export type AdminPostRow = {
  id: string;
  title: string;
  slug: string;
  status: string;
  publishedAt: Date | null;
  updatedAt: Date;
  version: number;
  author: { name: string } | null;
  source: { name: string } | null;
  tags: { tag: { name: string } }[];
};

/**
 * The admin list's order for a column and direction, ending with the id so equal values keep one order across pages.
 * The publish date puts posts without one (drafts never given a date) first when newest-first, by last change, so a
 * post written a minute ago is on page 1 whether it is published or still a draft.
 */
function adminListOrder(sort: PostListSort, dir: SortDirection): Prisma.PostOrderByWithRelationInput[] {
  const byColumn: Record<PostListSort, Prisma.PostOrderByWithRelationInput[]> = {
    date: [{ publishedAt: { sort: dir, nulls: dir === "desc" ? "first" : "last" } }, { updatedAt: dir }],
    updated: [{ updatedAt: dir }],
    title: [{ title: dir }],
    status: [{ status: dir }, { publishedAt: { sort: "desc", nulls: "first" } }],
    author: [{ author: { name: dir } }],
    source: [{ source: { name: dir } }],
  };
  return [...byColumn[sort], { id: dir }];
}

/** Posts with the phrase (any case) in the title, URL, TL;DR, summary, commentary or a tag's name. */
function adminSearchWhere(q: string): Prisma.PostWhereInput {
  const phrase = containsIgnoringCase(q);
  return {
    OR: [
      { title: phrase },
      { externalUrl: phrase },
      { tldr: phrase },
      { summary: phrase },
      { commentary: phrase },
      { tags: { some: { tag: { name: phrase } } } },
    ],
  };
}

/** The admin posts list (a contributor's own posts), filtered, sorted and paged as the URL says. */
export async function listPostsForAdmin(actor: Actor, query: PostListQuery, now = new Date()): Promise<Page<AdminPostRow>> {
  const where: Prisma.PostWhereInput = {
    ...postStatusWhere(query.status, now),
    ...(canPublish(actor) ? {} : { authorId: actor.id }),
    ...(query.tag ? { tags: { some: { tag: { slug: query.tag } } } } : {}),
    ...(query.source ? { source: { slug: query.source } } : {}),
    ...(query.q ? adminSearchWhere(query.q) : {}),
  };
  const [total, items] = await Promise.all([
    prisma.post.count({ where }),
    prisma.post.findMany({
      where,
      select: {
        id: true,
        title: true,
        slug: true,
        status: true,
        publishedAt: true,
        updatedAt: true,
        version: true,
        author: { select: { name: true } },
        source: { select: { name: true } },
        tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
      },
      orderBy: adminListOrder(query.sort, query.dir),
      skip: (query.page - 1) * query.size,
      take: query.size,
    }),
  ]);
  return { items, page: query.page, pageCount: Math.max(1, Math.ceil(total / query.size)), total };
}

/**
 * A post with everything the edit form shows, or null; a trashed post too (`deletedAt` set), which the page shows as
 * such. Permission is checked by the caller's page and by the mutation.
 */
export async function getPostForEditing(id: string) {
  return prisma.post.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      slug: true,
      externalUrl: true,
      viaUrl: true,
      tldr: true,
      summary: true,
      commentary: true,
      status: true,
      publishedAt: true,
      version: true,
      authorId: true,
      updatedAt: true,
      source: { select: { name: true } },
      tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
      updatedBy: { select: { name: true } },
      deletedAt: true,
    },
  });
}
export type PostForEditing = NonNullable<Awaited<ReturnType<typeof getPostForEditing>>>;

/**
 * The posts, other than `exceptId`, for any of these URLs (in any of their canonical forms: http or https, with or
 * without "www."), described as this person may be told of them. The post form's "already posted" notice.
 */
export async function findExistingPostsForUrls(actor: Actor, urls: string[], options: { exceptId?: string; now?: Date } = {}): Promise<ExistingPostNotice[]> {
  const canonicalUrls = canonicalVariants(urls);
  if (canonicalUrls.length === 0) return [];
  const now = options.now ?? new Date();
  const [rows, timeZone] = await Promise.all([
    prisma.post.findMany({
      // A trashed post holds no canonical URL (and is not a duplicate): the filter says so again for the reader.
      where: { ...notTrashedWhere, canonicalUrl: { in: canonicalUrls }, ...(options.exceptId ? { id: { not: options.exceptId } } : {}) },
      select: { id: true, title: true, slug: true, authorId: true, status: true, publishedAt: true, author: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    getSiteTimeZone(),
  ]);
  return rows.map(({ author, ...post }) => describeExistingPost({ ...post, authorName: author?.name }, actor, now, timeZone));
}

// What the REST API shows of a post (lib/api/posts.ts turns it into JSON).
const apiPostSelect = {
  id: true,
  slug: true,
  title: true,
  externalUrl: true,
  viaUrl: true,
  tldr: true,
  summary: true,
  commentary: true,
  status: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  authorId: true,
  author: { select: { name: true } },
  source: { select: { name: true } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
} as const;

export type ApiPostRow = {
  id: string;
  slug: string;
  title: string;
  externalUrl: string;
  viaUrl: string | null;
  tldr: string;
  summary: string;
  commentary: string;
  status: string;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  authorId: string | null;
  author: { name: string } | null;
  source: { name: string } | null;
  tags: { tag: { name: string } }[];
};

export type ApiPostListFilters = {
  status: PostListFilter;
  /** A tag's or source's slug. */
  tag?: string;
  source?: string;
  updatedSince?: Date;
  /** Words in the title, as the admin list searches. */
  q?: string;
  limit: number;
  /** The last post of the previous page (the list runs by updatedAt, then id, both descending). */
  after?: { updatedAt: Date; id: string };
};

/** The API's post list: the posts this person may see (canViewPost), most recently changed first, one page after a cursor. */
export async function listPostsForApi(actor: Actor, filters: ApiPostListFilters, now = new Date()): Promise<{ rows: ApiPostRow[]; hasMore: boolean }> {
  const { after } = filters;
  const where = {
    AND: [
      viewablePostWhere(actor, now),
      postStatusWhere(filters.status, now),
      filters.tag ? { tags: { some: { tag: { slug: filters.tag } } } } : {},
      filters.source ? { source: { slug: filters.source } } : {},
      filters.updatedSince ? { updatedAt: { gte: filters.updatedSince } } : {},
      filters.q ? { title: containsIgnoringCase(filters.q) } : {},
      after ? { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] } : {},
    ],
  };
  const rows = await prisma.post.findMany({ where, select: apiPostSelect, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: filters.limit + 1 });
  return { rows: rows.slice(0, filters.limit), hasMore: rows.length > filters.limit };
}

/** One post by id or slug for the API, or null when it is missing or this person may not know it exists. */
export async function getPostForApi(actor: Actor, idOrSlug: string, now = new Date()): Promise<ApiPostRow | null> {
  return prisma.post.findFirst({ where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, viewablePostWhere(actor, now)] }, select: apiPostSelect });
}

export type TrashedPostRow = {
  id: string;
  title: string;
  slug: string;
  status: string;
  publishedAt: Date | null;
  authorId: string | null;
  deletedAt: Date;
  author: { name: string } | null;
  deletedBy: { name: string } | null;
};

/** The trash as this person sees it: editors and admins every post, a contributor their own. */
const trashOf = (actor: Actor) => ({ ...trashedWhere, ...(canPublish(actor) ? {} : { authorId: actor.id }) });

/** The trash as this person sees it, most recently deleted first. */
export async function listTrashedPosts(actor: Actor, page: number): Promise<Page<TrashedPostRow>> {
  const where = trashOf(actor);
  const [total, rows] = await Promise.all([
    prisma.post.count({ where }),
    prisma.post.findMany({
      where,
      select: {
        id: true,
        title: true,
        slug: true,
        status: true,
        publishedAt: true,
        authorId: true,
        deletedAt: true,
        author: { select: { name: true } },
        deletedBy: { select: { name: true } },
      },
      orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
    }),
  ]);
  const items = rows.flatMap(({ deletedAt, ...row }) => (deletedAt ? [{ ...row, deletedAt }] : []));
  return { items, page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)), total };
}

/** The post in the trash at this slug (a trashed post keeps its slug), if it is in this person's trash; else null. */
export async function findTrashedPostBySlug(actor: Actor, slug: string): Promise<{ id: string } | null> {
  return prisma.post.findFirst({ where: { ...trashOf(actor), slug }, select: { id: true } });
}

/** A post as the REST API shows it, whoever may see it: what webhooks send about it (null once deleted for good). */
export async function getPostForWebhook(postId: string): Promise<ApiPostRow | null> {
  return prisma.post.findUnique({ where: { id: postId }, select: apiPostSelect });
}
