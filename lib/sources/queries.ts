import "server-only";
import { prisma } from "@/lib/db";

export async function getSourceBySlug(slug: string) {
  return prisma.source.findUnique({ where: { slug }, select: { name: true, slug: true, homepage: true } });
}

/** Every source's name and slug, for the post form's suggestions and the admin filters. */
export async function listSources(): Promise<{ name: string; slug: string }[]> {
  return prisma.source.findMany({ select: { name: true, slug: true }, orderBy: { name: "asc" } });
}
