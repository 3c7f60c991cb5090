import "server-only";
import { prisma, type DbTransaction } from "@/lib/db";
import type { PostCacheFacts } from "@/lib/http/cache-policy";
import { notTrashedWhere } from "@/lib/posts/visibility";

// Rows read again below the last one seen: on PostgreSQL two inserts may commit out of order, so a row numbered
// just under the last one seen can appear a moment later.
const REREAD_WINDOW = 64;

// Posts that become public by the clock alone: saved before their date. A post published at once (or back-dated) was
// written at or after its date, and its save invalidated its pages itself.
function fallingDueWhere(publishedAt: { gt: Date; lte?: Date }) {
  return { ...notTrashedWhere, status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt, updatedAt: { lt: prisma.post.fields.publishedAt } };
}

/** When the first post saved for later becomes public after `since`: when the cache must next look again. */
export async function readNextDueAt(since: Date): Promise<Date | null> {
  const next = await prisma.post.findFirst({
    where: fallingDueWhere({ gt: since }),
    orderBy: { publishedAt: "asc" },
    select: { publishedAt: true },
  });
  return next?.publishedAt ?? null;
}

const POST_FACTS = {
  slug: true,
  publishedAt: true,
  source: { select: { slug: true } },
  tags: { select: { tag: { select: { slug: true } } } },
} as const;

type PostFactsRow = { slug: string; publishedAt: Date | null; source: { slug: string } | null; tags: Array<{ tag: { slug: string } }> };

function toFacts(row: PostFactsRow): PostCacheFacts {
  return { slug: row.slug, publishedAt: row.publishedAt, sourceSlug: row.source?.slug ?? null, tagSlugs: row.tags.map(({ tag }) => tag.slug) };
}

/** What names a post's cached pages (slug, date, tag and source slugs), read in the caller's transaction; null when gone. */
export async function readPostCacheFacts(tx: DbTransaction, postId: string): Promise<PostCacheFacts | null> {
  const row = await tx.post.findUnique({ where: { id: postId }, select: POST_FACTS });
  return row && toFacts(row);
}

/** The posts saved for later that became public in (from, to], whose pages and lists must be dropped. */
export async function listPostsFallenDue(from: Date, to: Date): Promise<PostCacheFacts[]> {
  const rows = await prisma.post.findMany({
    where: fallingDueWhere({ gt: from, lte: to }),
    select: POST_FACTS,
    take: 1000,
  });
  return rows.map(toFacts);
}

/** The number of the newest invalidation row (0 when there is none): where a starting instance begins reading. */
export async function latestInvalidationSeq(): Promise<number> {
  const row = await prisma.cacheInvalidation.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return row?.seq ?? 0;
}

/** Invalidation rows written by other instances from just below `afterSeq` on, oldest first. */
export async function listInvalidationsSince(afterSeq: number, origin: string): Promise<Array<{ seq: number; keys: string[] }>> {
  const rows = await prisma.cacheInvalidation.findMany({
    where: { seq: { gt: afterSeq - REREAD_WINDOW }, origin: { not: origin } },
    orderBy: { seq: "asc" },
    select: { seq: true, keys: true },
    take: 1000,
  });
  return rows.map((row) => ({ seq: row.seq, keys: row.keys.split(" ").filter(Boolean) }));
}
