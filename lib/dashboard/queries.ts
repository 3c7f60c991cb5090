import "server-only";
// The dashboard's reads: counts, this person's drafts, the next scheduled posts, the two charts' data and the
// first-steps checklist. Grouping by week happens in JS (SQLite and PostgreSQL name their date functions differently),
// over publish dates alone and within the chart's window.
import { prisma } from "@/lib/db";
import { viewablePostWhere, type Actor } from "@/lib/auth/permissions";
import { notTrashedWhere, postStatusWhere, publicPostWhere } from "@/lib/posts/visibility";
import { SITE_SETTING_KEYS } from "@/lib/settings/schema";
import { countByWeek, firstWeekStart, startOfLastDays, type WeekCount } from "./weeks";

export const CHART_WEEKS = 26;
export const TOP_SOURCES_DAYS = 90;
export const TOP_SOURCES_TAKE = 10;
const LIST_TAKE = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

const waitingWhere = { ...notTrashedWhere, status: { in: ["DRAFT", "IN_REVIEW"] } };

export type DashboardCounts = { published: number; scheduled: number; draftsWaiting: number; lastSevenDays: number };

/**
 * The dashboard's counts as this person may see them: published posts are public, so everyone counts them all;
 * scheduled posts and drafts waiting (drafts and posts in review) are a contributor's own, everyone's for editors.
 * "The last 7 days" are calendar days in the site's zone, today included.
 */
export async function countDashboardPosts(actor: Actor, timeZone: string, now = new Date()): Promise<DashboardCounts> {
  const viewable = viewablePostWhere(actor, now);
  const [published, scheduled, draftsWaiting, lastSevenDays] = await Promise.all([
    prisma.post.count({ where: publicPostWhere(now) }),
    prisma.post.count({ where: { AND: [viewable, postStatusWhere("scheduled", now)] } }),
    prisma.post.count({ where: { AND: [viewable, waitingWhere] } }),
    prisma.post.count({ where: { ...publicPostWhere(now), publishedAt: { gte: startOfLastDays(now, timeZone, 7), lte: now } } }),
  ]);
  return { published, scheduled, draftsWaiting, lastSevenDays };
}

/** This person's own latest drafts and posts in review, the last changed first. */
export async function listOwnDrafts(actor: Actor) {
  return prisma.post.findMany({
    where: { ...waitingWhere, authorId: actor.id },
    select: { id: true, title: true, status: true, updatedAt: true },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: LIST_TAKE,
  });
}

/** The next scheduled posts this person may see, the soonest first. */
export async function listNextScheduled(actor: Actor, now = new Date()) {
  const rows = await prisma.post.findMany({
    where: { AND: [viewablePostWhere(actor, now), postStatusWhere("scheduled", now)] },
    select: { id: true, title: true, publishedAt: true, author: { select: { name: true } } },
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    take: LIST_TAKE,
  });
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt! }));
}

/** Public posts per week (Monday to Sunday in the site's zone) over the last CHART_WEEKS weeks, oldest first. */
export async function countPostsPerWeek(timeZone: string, now = new Date()): Promise<WeekCount[]> {
  const rows = await prisma.post.findMany({
    where: { ...publicPostWhere(now), publishedAt: { gte: firstWeekStart(now, timeZone, CHART_WEEKS), lte: now } },
    select: { publishedAt: true },
  });
  return countByWeek(
    rows.map((row) => row.publishedAt!),
    now,
    timeZone,
    CHART_WEEKS,
  );
}

export type SourceCount = { name: string; slug: string; count: number };

/** The sources with the most public posts in the last TOP_SOURCES_DAYS days, the most first (ties by name). */
export async function listTopSources(now = new Date()): Promise<SourceCount[]> {
  const groups = await prisma.post.groupBy({
    by: ["sourceId"],
    where: { ...publicPostWhere(now), publishedAt: { gte: new Date(now.getTime() - TOP_SOURCES_DAYS * DAY_MS), lte: now }, sourceId: { not: null } },
    _count: { _all: true },
  });
  const counts = new Map(groups.map((group) => [group.sourceId!, group._count._all]));
  const sources = await prisma.source.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, name: true, slug: true } });
  return sources
    .map((source) => ({ name: source.name, slug: source.slug, count: counts.get(source.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en", { sensitivity: "base" }))
    .slice(0, TOP_SOURCES_TAKE);
}

export type FirstSteps = { hasPost: boolean; hasImported: boolean; hasOtherUser: boolean; hasSavedSettings: boolean };

/** What a new site has done of its first steps; each is one indexed lookup. */
export async function getFirstSteps(): Promise<FirstSteps> {
  const [post, importJob, users, setting] = await Promise.all([
    prisma.post.findFirst({ where: notTrashedWhere, select: { id: true } }),
    prisma.importJob.findFirst({ where: { status: "DONE" }, select: { id: true } }),
    prisma.user.count({ take: 2 }),
    prisma.setting.findFirst({ where: { key: { in: Object.values(SITE_SETTING_KEYS) } }, select: { key: true } }),
  ]);
  return { hasPost: post !== null, hasImported: importJob !== null, hasOtherUser: users > 1, hasSavedSettings: setting !== null };
}
