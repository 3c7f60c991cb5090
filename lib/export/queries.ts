import "server-only";
import { prisma } from "@/lib/db";
import { notTrashedWhere, postStatusWhere } from "@/lib/posts/visibility";
import { POST_FILE_COLUMNS, type ExportPostRow } from "./link-posts";
import type { ExportFilter } from "./schema";

const EXPORT_SELECT = {
  ...POST_FILE_COLUMNS,
  slug: true,
  createdAt: true,
  source: { select: { name: true } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
} as const;

/** The posts an export holds, in slug order (which is also the order of their file names). */
export async function listPostsForExport(filter: ExportFilter, now = new Date()): Promise<ExportPostRow[]> {
  return prisma.post.findMany({
    where: {
      ...postStatusWhere(filter.status, now),
      ...(filter.tag ? { tags: { some: { tag: { slug: filter.tag } } } } : {}),
      ...(filter.source ? { source: { slug: filter.source } } : {}),
    },
    select: EXPORT_SELECT,
    orderBy: { slug: "asc" },
  });
}

/** Everything readers and editors wrote, for the JSON export (the trash left out). No account data beyond an author's name. */
export async function readAllContent() {
  const [posts, tags, sources, settings] = await Promise.all([
    prisma.post.findMany({
      where: notTrashedWhere,
      select: { ...EXPORT_SELECT, updatedAt: true, author: { select: { name: true } } },
      orderBy: { slug: "asc" },
    }),
    prisma.tag.findMany({ select: { name: true, slug: true }, orderBy: { slug: "asc" } }),
    prisma.source.findMany({ select: { name: true, slug: true, domain: true, homepage: true }, orderBy: { slug: "asc" } }),
    prisma.setting.findMany({ select: { key: true, value: true }, orderBy: { key: "asc" } }),
  ]);
  return { posts, tags, sources, settings };
}
export type AllContent = Awaited<ReturnType<typeof readAllContent>>;
