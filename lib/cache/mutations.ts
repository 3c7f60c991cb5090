import "server-only";
import { prisma } from "@/lib/db";

/** How long invalidation rows are kept for instances that have not read them yet. */
export const INVALIDATION_RETENTION_MS = 60 * 60 * 1000;

/**
 * Stores which keys of public content changed, so every other app instance drops the pages and data naming them;
 * now and then removes rows past INVALIDATION_RETENTION_MS. Gives the row's number.
 */
export async function recordInvalidation(keys: readonly string[], origin: string, now = new Date()): Promise<number> {
  const { seq } = await prisma.cacheInvalidation.create({ data: { keys: keys.join(" "), origin, createdAt: now }, select: { seq: true } });
  if (seq % 100 === 0) await prisma.cacheInvalidation.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - INVALIDATION_RETENTION_MS) } } });
  return seq;
}
