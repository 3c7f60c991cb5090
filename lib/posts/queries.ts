import "server-only";
import { containsIgnoringCase, prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { canPublish } from "@/lib/auth/permissions";
import type { PostListQuery } from "./schema";
import { publicPostWhere } from "./visibility";

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

function toCard(row: CardRow): PublicPostCard {
  return { ...row, publishedAt: row.publishedAt ?? new Date(0), tags: row.tags.map((link) => link.tag) };
}

/** Published posts, newest first, optionally of one tag or source. Two queries whatever the page size. */
export async function listPublishedPosts(options: {
  page: number;
  perPage?: number;
  tagSlug?: string;
  sourceSlug?: string;
  now?: Date;
}): Promise<Page<PublicPostCard>> {
  const perPage = options.perPage ?? PUBLIC_PAGE_SIZE;
  const where = {
    ...publicPostWhere(options.now ?? new Date()),
    ...(options.tagSlug ? { tags: { some: { tag: { slug: options.tagSlug } } } } : {}),
    ...(options.sourceSlug ? { source: { slug: options.sourceSlug } } : {}),
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

export type PublicPost = PublicPostCard & { summary: string; commentary: string; updatedAt: Date; kind: string };

/** One published post by slug, or null when it is missing, a draft or not yet due. */
export async function getPublishedPostBySlug(slug: string, now = new Date()): Promise<PublicPost | null> {
  const row = await prisma.post.findFirst({
    where: { slug, ...publicPostWhere(now) },
    select: { ...publicCardSelect, summary: true, commentary: true, updatedAt: true, kind: true },
  });
  return row ? { ...toCard(row), summary: row.summary, commentary: row.commentary, updatedAt: row.updatedAt, kind: row.kind } : null;
}

function adminStatusWhere(status: PostListQuery["status"], now: Date) {
  switch (status) {
    case "draft":
      return { status: "DRAFT" };
    case "scheduled":
      return { status: "SCHEDULED", publishedAt: { gt: now } };
    case "published":
      return publicPostWhere(now);
    default:
      return {};
  }
}

export type AdminPostRow = {
  id: string;
  title: string;
  slug: string;
  status: string;
  publishedAt: Date | null;
  updatedAt: Date;
  author: { name: string } | null;
  source: { name: string } | null;
  tags: { tag: { name: string } }[];
};

/** The admin posts list: newest first; contributors see only their own posts. */
export async function listPostsForAdmin(actor: Actor, query: PostListQuery, now = new Date()): Promise<Page<AdminPostRow>> {
  const where = {
    ...adminStatusWhere(query.status, now),
    ...(canPublish(actor) ? {} : { authorId: actor.id }),
    ...(query.tag ? { tags: { some: { tag: { slug: query.tag } } } } : {}),
    ...(query.source ? { source: { slug: query.source } } : {}),
    ...(query.q ? { title: containsIgnoringCase(query.q) } : {}),
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
        author: { select: { name: true } },
        source: { select: { name: true } },
        tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
    }),
  ]);
  return { items, page: query.page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)), total };
}

/** A post with everything the edit form shows, or null. Permission is checked by the caller's page and by the mutation. */
export async function getPostForEditing(id: string) {
  return prisma.post.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      slug: true,
      externalUrl: true,
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
    },
  });
}
export type PostForEditing = NonNullable<Awaited<ReturnType<typeof getPostForEditing>>>;
