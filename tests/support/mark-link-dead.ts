// Marks a post's link dead (3 failed checks over 3 days) with an archived copy, straight in the database named by
// DATABASE_URL, and prints the post's slug; for end-to-end tests, which cannot wait 3 days:
//   node --conditions=react-server --import tsx tests/support/mark-link-dead.ts <postId> <archiveUrl>
import { recordInvalidation } from "@/lib/cache/mutations";
import { SITE_KEY } from "@/lib/http/cache-policy";
import { prisma } from "@/lib/db";

async function main() {
  const [postId, archiveUrl] = process.argv.slice(2);
  const post = await prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { slug: true, externalUrl: true } });
  const now = new Date();
  const facts = {
    url: post.externalUrl,
    host: new URL(post.externalUrl).host,
    state: "DEAD",
    statusCode: 404,
    lastError: "The site answered 404.",
    checkedAt: now,
    nextCheckAt: new Date(now.getTime() + 24 * 60 * 60 * 1000),
    consecutiveFailures: 4,
    firstFailedAt: new Date(now.getTime() - 3 * 24 * 60 * 60 * 1000),
    archiveUrl,
    archiveCheckedAt: now,
  };
  await prisma.linkCheck.upsert({ where: { postId }, create: { postId, ...facts }, update: facts });
  // The running site drops its cached pages within a second, as after any change readers see.
  await recordInvalidation([SITE_KEY], "end-to-end test");
  console.log(post.slug);
  await prisma.$disconnect();
}

void main();
