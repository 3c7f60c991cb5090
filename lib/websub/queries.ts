import "server-only";
import { prisma } from "@/lib/db";

/** The tags and source whose feeds carry a post (kept while it is in the trash), or null once it is gone for good. */
export async function getPostFeedScopes(postId: string): Promise<{ tagSlugs: string[]; sourceSlug: string | null } | null> {
  const post = await prisma.post.findUnique({
    where: { id: postId },
    select: { source: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } } },
  });
  if (!post) return null;
  return { tagSlugs: post.tags.map(({ tag }) => tag.slug), sourceSlug: post.source?.slug ?? null };
}
