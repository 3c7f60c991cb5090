import "server-only";
import { prisma, type DbTransaction } from "@/lib/db";
import { isTimeZone } from "@/lib/time-zone";
import { site } from "./defaults";
import { SETTINGS_LIMITS, SITE_SETTING_KEYS, type SiteSettings } from "./schema";

function storedNumber(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= SETTINGS_LIMITS.minPerPage && number <= SETTINGS_LIMITS.maxPerPage ? number : fallback;
}

// Blank (or anything unreadable) keeps every revision.
function storedRevisionLimit(value: string | undefined): number | null {
  const number = Number(value || NaN);
  return Number.isInteger(number) && number >= SETTINGS_LIMITS.minRevisions && number <= SETTINGS_LIMITS.maxRevisions ? number : null;
}

// A zone this runtime no longer knows (an older Node after a restore, say) falls back rather than failing every page.
function storedTimeZone(value: string | undefined): string {
  return value && isTimeZone(value) ? value : site.timeZone;
}

/** How many revisions each post keeps, read in the saving transaction; null keeps them all. */
export async function getRevisionLimit(db: DbTransaction = prisma): Promise<number | null> {
  const row = await db.setting.findUnique({ where: { key: SITE_SETTING_KEYS.revisionsPerPost }, select: { value: true } });
  return storedRevisionLimit(row?.value);
}

/** The saved site settings, each falling back to its environment default (lib/settings/defaults.ts) until an admin saves it. */
export async function getSiteSettings(): Promise<SiteSettings> {
  const rows = await prisma.setting.findMany({ where: { key: { in: Object.values(SITE_SETTING_KEYS) } }, select: { key: true, value: true } });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  return {
    title: stored.get(SITE_SETTING_KEYS.title) || site.title,
    description: stored.get(SITE_SETTING_KEYS.description) ?? site.description,
    url: stored.get(SITE_SETTING_KEYS.url) || site.url,
    language: stored.get(SITE_SETTING_KEYS.language) || site.language,
    postsPerPage: storedNumber(stored.get(SITE_SETTING_KEYS.postsPerPage), site.postsPerPage),
    revisionsPerPost: storedRevisionLimit(stored.get(SITE_SETTING_KEYS.revisionsPerPost)),
    timeZone: storedTimeZone(stored.get(SITE_SETTING_KEYS.timeZone)),
    websubHubUrl: stored.get(SITE_SETTING_KEYS.websubHubUrl) || site.websubHubUrl,
    sendWebmentions: (stored.get(SITE_SETTING_KEYS.sendWebmentions) ?? String(site.sendWebmentions)) === "true",
  };
}

/** The site's time zone alone: the post form reads its publish date in it. */
export async function getSiteTimeZone(): Promise<string> {
  const row = await prisma.setting.findUnique({ where: { key: SITE_SETTING_KEYS.timeZone }, select: { value: true } });
  return storedTimeZone(row?.value);
}
