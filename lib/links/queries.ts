import "server-only";
import { prisma } from "@/lib/db";
import { publicPostWhere } from "@/lib/posts/visibility";
import type { LinkFilter, LinkState } from "./schema";

/** The Setting row of "ask the archive to save a copy" ("on" or absent). */
export const ARCHIVE_SAVE_KEY = "links.archiveSave";

/** Whether newly published links are also sent to the archive to be saved (off until an admin turns it on). */
export async function isArchiveSaveOn(): Promise<boolean> {
  const row = await prisma.setting.findUnique({ where: { key: ARCHIVE_SAVE_KEY }, select: { value: true } });
  return row?.value === "on";
}

/**
 * False when the operator set `LINK_CHECKS=off` (a site on a private network, or one that must not reach out): no
 * hourly pass and no archive lookup on publish. What an editor asks for ("Check now", `npm run links:check`) still runs.
 */
export function automaticLinkWorkOn(): boolean {
  return process.env.LINK_CHECKS !== "off";
}

const FILTER_STATES: Record<LinkFilter, LinkState[]> = { problems: ["DEAD", "MOVED", "FAILING"], dead: ["DEAD"], moved: ["MOVED"], failing: ["FAILING"] };
const LIST_TAKE = 200;

/** Published posts' links in the filter's states, for /admin/links: dead first, then moved, then failing; the longest failing first. */
export async function listLinkProblems(filter: LinkFilter, now = new Date()) {
  const rows = await prisma.linkCheck.findMany({
    where: { state: { in: FILTER_STATES[filter] }, post: publicPostWhere(now) },
    orderBy: [{ firstFailedAt: { sort: "asc", nulls: "last" } }, { checkedAt: "desc" }, { id: "asc" }],
    take: LIST_TAKE,
    select: {
      url: true,
      state: true,
      statusCode: true,
      finalUrl: true,
      lastError: true,
      checkedAt: true,
      consecutiveFailures: true,
      firstFailedAt: true,
      archiveUrl: true,
      post: { select: { id: true, title: true, slug: true, version: true, externalUrl: true } },
    },
  });
  const order: LinkState[] = ["DEAD", "MOVED", "FAILING"];
  return rows
    .filter((row) => row.url === row.post.externalUrl)
    .map((row) => ({ ...row, state: row.state as LinkState }))
    .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
}
export type LinkProblem = Awaited<ReturnType<typeof listLinkProblems>>[number];

/** How many published posts link somewhere dead or moved (the dashboard's count). */
export async function countDeadOrMovedLinks(now = new Date()): Promise<number> {
  const rows = await prisma.linkCheck.findMany({
    where: { state: { in: ["DEAD", "MOVED"] }, post: publicPostWhere(now) },
    select: { url: true, post: { select: { externalUrl: true } } },
  });
  return rows.filter((row) => row.url === row.post.externalUrl).length;
}

/** A post's link as a notice after "Check now" or "Replace URL" names it (the row may have left the list by then). */
export async function getLinkOfPost(postId: string) {
  const post = await prisma.post.findUnique({
    where: { id: postId },
    select: { title: true, externalUrl: true, linkCheck: { select: { url: true, state: true, statusCode: true, lastError: true } } },
  });
  if (!post) return null;
  const check = post.linkCheck?.url === post.externalUrl ? post.linkCheck : null;
  return {
    title: post.title,
    url: post.externalUrl,
    state: (check?.state ?? "UNCHECKED") as LinkState,
    statusCode: check?.statusCode ?? null,
    lastError: check?.lastError ?? null,
  };
}
