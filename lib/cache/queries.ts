import "server-only";
import { prisma } from "@/lib/db";
import { notTrashedWhere } from "@/lib/posts/visibility";

/** The Setting row whose value changes whenever public content changes, so every app instance notices. */
export const CONTENT_VERSION_KEY = "cache.publicContentVersion";

/** What the public cache checks about once a second: the shared content version and the first post public after `since`. */
export async function readCacheState(since: Date): Promise<{ version: string | null; nextDueAt: Date | null }> {
  const [version, next] = await Promise.all([
    prisma.setting.findUnique({ where: { key: CONTENT_VERSION_KEY }, select: { value: true } }),
    prisma.post.findFirst({
      where: { ...notTrashedWhere, status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { gt: since } },
      orderBy: { publishedAt: "asc" },
      select: { publishedAt: true },
    }),
  ]);
  return { version: version?.value ?? null, nextDueAt: next?.publishedAt ?? null };
}
