import "server-only";
import { prisma } from "@/lib/db";
import { publicPostWhere } from "@/lib/posts/visibility";
import type { SlugKind } from "./schema";

/**
 * The current slug of the record that once had `oldSlug`, or null (no such old slug, or its post is no longer public:
 * trashed, unpublished or deleted). Asked only when an address has nothing to show, so a normal page costs nothing.
 */
export async function findMovedSlug(kind: SlugKind, oldSlug: string, now = new Date()): Promise<string | null> {
  const redirect = await prisma.slugRedirect.findUnique({ where: { kind_oldSlug: { kind, oldSlug } }, select: { targetId: true } });
  if (!redirect) return null;
  const where = { id: redirect.targetId };
  const target =
    kind === "post"
      ? await prisma.post.findFirst({ where: { ...where, ...publicPostWhere(now) }, select: { slug: true } })
      : kind === "tag"
        ? await prisma.tag.findUnique({ where, select: { slug: true } })
        : await prisma.source.findUnique({ where, select: { slug: true } });
  return target && target.slug !== oldSlug ? target.slug : null;
}
