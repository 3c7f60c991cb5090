import "server-only";
import { prisma } from "@/lib/db";

/** What sending a post's Webmention needs: whether it is public, its address and the article it links to. */
export async function getPostForWebmention(postId: string) {
  return prisma.post.findUnique({
    where: { id: postId },
    select: { id: true, slug: true, externalUrl: true, status: true, publishedAt: true, deletedAt: true },
  });
}

/** The post's latest Webmention outcome for its edit page, or null when none was sent. */
export async function getLatestWebmention(postId: string) {
  return prisma.webmention.findFirst({
    where: { postId },
    orderBy: { updatedAt: "desc" },
    select: { target: true, endpoint: true, status: true, responseStatus: true, error: true, updatedAt: true },
  });
}
