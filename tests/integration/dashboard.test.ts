// The dashboard's reads on a real database: counts as each role may see them, weeks counted in the site's time zone,
// the top sources of the last 90 days, and the first steps of a new site. Other test files share the database, so each
// test reads at a "now" of its own far in the future, where only its own posts fall in the windows it checks.
import { afterAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { countDashboardPosts, countPostsPerWeek, getFirstSteps, listNextScheduled, listOwnDrafts, listTopSources } from "@/lib/dashboard/queries";
import { countPostsInReview } from "@/lib/posts/review";
import { toZonedDateTimeLocalValue } from "@/lib/time-zone";
import { createTestUser, describeDatabase, unique } from "../support/database";

const DAY = 24 * 60 * 60 * 1000;
const created: string[] = [];

async function post(fields: { status: string; publishedAt: Date | null; authorId?: string; sourceId?: string; deletedAt?: Date }): Promise<string> {
  const id = unique("dashboard");
  const url = `https://example.org/dashboard/${id}`;
  const row = await prisma.post.create({
    data: { title: `Dashboard ${id}`, slug: id, externalUrl: url, canonicalUrl: fields.deletedAt ? null : url, ...fields },
    select: { id: true },
  });
  created.push(row.id);
  return row.id;
}

afterAll(async () => {
  await prisma.post.deleteMany({ where: { id: { in: created } } });
});

describeDatabase("dashboard", () => {
  it("counts what each role may see: contributors their own scheduled posts and drafts, editors everyone's", async () => {
    const now = new Date("2105-05-06T12:00:00Z");
    const contributor = await createTestUser("CONTRIBUTOR");
    const editor = await createTestUser("EDITOR");
    const ownDraft = await post({ status: "DRAFT", publishedAt: null, authorId: contributor.id });
    const ownInReview = await post({ status: "IN_REVIEW", publishedAt: null, authorId: contributor.id });
    await post({ status: "DRAFT", publishedAt: null, authorId: contributor.id, deletedAt: now });
    const ownScheduled = await post({ status: "SCHEDULED", publishedAt: new Date(now.getTime() + 2 * DAY), authorId: contributor.id });
    await post({ status: "DRAFT", publishedAt: null, authorId: editor.id });
    const editorsScheduled = await post({ status: "SCHEDULED", publishedAt: new Date(now.getTime() + DAY), authorId: editor.id });
    // Due: published by now, so neither scheduled nor waiting.
    await post({ status: "SCHEDULED", publishedAt: new Date(now.getTime() - DAY), authorId: contributor.id });

    const mine = await countDashboardPosts(contributor, "UTC", now);
    const all = await countDashboardPosts(editor, "UTC", now);
    expect(mine.scheduled).toBe(1);
    expect(mine.draftsWaiting).toBe(2);
    // Editors count everyone's, so other test files' posts (the database is shared) may add to these.
    expect(all.scheduled).toBeGreaterThanOrEqual(2);
    expect(all.draftsWaiting).toBeGreaterThanOrEqual(3);
    // Published posts are public: everyone counts them all.
    expect(mine.published).toBe(all.published);
    expect(all.published).toBeGreaterThanOrEqual(1);

    expect((await listOwnDrafts(contributor)).map((row) => row.id).sort()).toEqual([ownDraft, ownInReview].sort());
    expect((await listOwnDrafts(editor)).map((row) => row.id)).not.toContain(ownDraft);
    expect((await listNextScheduled(contributor, now)).map((row) => row.id)).toEqual([ownScheduled]);
    const nextForEditor = (await listNextScheduled(editor, now)).map((row) => row.id);
    expect(nextForEditor.filter((id) => id === editorsScheduled || id === ownScheduled)).toEqual([editorsScheduled, ownScheduled]);
    expect(await countPostsInReview(contributor)).toBe(0);
    expect(await countPostsInReview(editor)).toBeGreaterThanOrEqual(1);
  });

  it("counts posts per week and in the last 7 days by the calendar of the site's time zone", async () => {
    // Wednesday 16 March 2101; New York moved to summer time on Sunday the 13th.
    const now = new Date("2101-03-16T15:00:00Z");
    await post({ status: "PUBLISHED", publishedAt: new Date("2101-03-14T02:00:00Z") }); // Monday in UTC, Sunday evening in New York
    await post({ status: "PUBLISHED", publishedAt: new Date("2101-03-16T14:00:00Z") }); // this week everywhere
    await post({ status: "PUBLISHED", publishedAt: new Date("2101-03-10T04:30:00Z") }); // Thursday in UTC, Wednesday evening in New York
    await post({ status: "SCHEDULED", publishedAt: new Date("2101-03-07T04:30:00Z") }); // Monday in UTC, Sunday in New York (due, so public)
    // Not counted: older than 26 weeks, in the future, a draft, in the trash.
    await post({ status: "PUBLISHED", publishedAt: new Date("2100-09-01T12:00:00Z") });
    await post({ status: "SCHEDULED", publishedAt: new Date("2101-03-16T16:00:00Z") });
    await post({ status: "DRAFT", publishedAt: new Date("2101-03-15T12:00:00Z") });
    await post({ status: "PUBLISHED", publishedAt: new Date("2101-03-15T12:00:00Z"), deletedAt: now });

    const utc = await countPostsPerWeek("UTC", now);
    const newYork = await countPostsPerWeek("America/New_York", now);
    for (const [weeks, zone] of [
      [utc, "UTC"],
      [newYork, "America/New_York"],
    ] as const) {
      expect(weeks).toHaveLength(26);
      // Every week starts at midnight on a Monday in the zone, across the November clock change too.
      for (const week of weeks) {
        const local = toZonedDateTimeLocalValue(week.start, zone);
        expect(local.endsWith("T00:00"), local).toBe(true);
        expect(new Date(`${local}Z`).getUTCDay()).toBe(1);
      }
    }
    expect(utc.at(-1)!.start).toEqual(new Date("2101-03-14T00:00:00Z"));
    expect(newYork.at(-1)!.start).toEqual(new Date("2101-03-14T04:00:00Z"));
    expect(newYork[0].start).toEqual(new Date("2100-09-20T04:00:00Z"));
    expect(utc.map((week) => week.count).slice(-3)).toEqual([0, 2, 2]);
    expect(newYork.map((week) => week.count).slice(-3)).toEqual([1, 2, 1]);
    expect(utc.reduce((sum, week) => sum + week.count, 0)).toBe(4);
    expect(newYork.reduce((sum, week) => sum + week.count, 0)).toBe(4);

    // The last 7 days run from midnight six days ago in the zone: Thursday the 10th in UTC, and in New York.
    expect((await countDashboardPosts({ id: "nobody", role: "EDITOR" }, "UTC", now)).lastSevenDays).toBe(3);
    expect((await countDashboardPosts({ id: "nobody", role: "EDITOR" }, "America/New_York", now)).lastSevenDays).toBe(2);
  });

  it("lists the top 10 sources of the last 90 days by public posts, ties by name", async () => {
    const now = new Date("2103-06-01T12:00:00Z");
    const prefix = unique("source");
    const counts = [5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1];
    const sources = await Promise.all(
      counts.map((_, index) => prisma.source.create({ data: { name: `${prefix} ${String.fromCharCode(97 + index)}`, slug: `${prefix}-${index}` } })),
    );
    for (const [index, count] of counts.entries())
      for (let n = 0; n < count; n += 1) await post({ status: "PUBLISHED", publishedAt: new Date(now.getTime() - (n + 1) * DAY), sourceId: sources[index].id });
    // The last source would lead if old, unpublished or trashed posts counted.
    const last = sources.at(-1)!.id;
    for (let n = 0; n < 3; n += 1) await post({ status: "PUBLISHED", publishedAt: new Date(now.getTime() - 91 * DAY), sourceId: last });
    await post({ status: "DRAFT", publishedAt: new Date(now.getTime() - DAY), sourceId: last });
    await post({ status: "IN_REVIEW", publishedAt: new Date(now.getTime() - DAY), sourceId: last });
    await post({ status: "SCHEDULED", publishedAt: new Date(now.getTime() + DAY), sourceId: last });
    await post({ status: "PUBLISHED", publishedAt: new Date(now.getTime() - DAY), sourceId: last, deletedAt: now });

    const top = await listTopSources(now);
    expect(top).toHaveLength(10);
    expect(top.map((source) => [source.name, source.count])).toEqual(counts.slice(0, 10).map((count, index) => [sources[index].name, count]));
    await prisma.source.deleteMany({ where: { id: { in: sources.map((source) => source.id) } } });
  });

  it("ticks the first steps once a post, an import, another person and saved settings exist", async () => {
    const admin = await createTestUser("ADMIN");
    await createTestUser("EDITOR");
    await post({ status: "DRAFT", publishedAt: null, authorId: admin.id });
    await prisma.importJob.create({ data: { status: "DONE", options: "{}", createdById: admin.id } });
    // A saved setting that changes nothing other tests read: blank keeps every revision, as the default does.
    await prisma.setting.upsert({ where: { key: "posts.revisionsPerPost" }, create: { key: "posts.revisionsPerPost", value: "" }, update: {} });
    expect(await getFirstSteps()).toEqual({ hasPost: true, hasImported: true, hasOtherUser: true, hasSavedSettings: true });
  });
});
