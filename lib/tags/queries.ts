import "server-only";
import { prisma } from "@/lib/db";

export async function getTagBySlug(slug: string) {
  return prisma.tag.findUnique({ where: { slug }, select: { name: true, slug: true } });
}

/** Every tag's name and slug, for the post form's suggestions and the admin filters. */
export async function listTags(): Promise<{ name: string; slug: string }[]> {
  return prisma.tag.findMany({ select: { name: true, slug: true }, orderBy: { name: "asc" } });
}
