import { describe, expect, it } from "vitest";
import { TRASH_DAYS } from "@/lib/posts/schema";
import {
  decideStatus,
  effectiveStatus,
  isPubliclyVisible,
  notTrashedWhere,
  postStatusWhere,
  publicPostWhere,
  trashDaysLeft,
  trashExpiredWhere,
  trashPurgeDate,
} from "@/lib/posts/visibility";

const now = new Date("2026-05-01T12:00:00.000Z");
const past = new Date("2026-04-30T08:00:00.000Z");
const future = new Date("2026-05-02T08:00:00.000Z");
const justBefore = new Date(now.getTime() - 1);
const justAfter = new Date(now.getTime() + 1);

type Post = { status: string; publishedAt: Date | null; deletedAt?: Date | null };

/** Evaluates the Prisma where clause the way the database would. */
function matchesWhere(post: Post, where: ReturnType<typeof publicPostWhere>): boolean {
  return (
    (post.deletedAt ?? null) === where.deletedAt &&
    where.status.in.includes(post.status) &&
    post.publishedAt !== null &&
    post.publishedAt.getTime() <= where.publishedAt.lte.getTime()
  );
}

const cases: [string, Post, "DRAFT" | "IN_REVIEW" | "SCHEDULED" | "PUBLISHED", boolean][] = [
  ["draft without a date", { status: "DRAFT", publishedAt: null }, "DRAFT", false],
  ["in review without a date", { status: "IN_REVIEW", publishedAt: null }, "IN_REVIEW", false],
  ["in review with a past date", { status: "IN_REVIEW", publishedAt: past }, "IN_REVIEW", false],
  ["draft with a past date", { status: "DRAFT", publishedAt: past }, "DRAFT", false],
  ["draft with a future date", { status: "DRAFT", publishedAt: future }, "DRAFT", false],
  ["scheduled in the future", { status: "SCHEDULED", publishedAt: future }, "SCHEDULED", false],
  ["scheduled one millisecond from now", { status: "SCHEDULED", publishedAt: justAfter }, "SCHEDULED", false],
  ["scheduled exactly now", { status: "SCHEDULED", publishedAt: now }, "PUBLISHED", true],
  ["scheduled one millisecond ago", { status: "SCHEDULED", publishedAt: justBefore }, "PUBLISHED", true],
  ["scheduled in the past", { status: "SCHEDULED", publishedAt: past }, "PUBLISHED", true],
  ["scheduled without a date", { status: "SCHEDULED", publishedAt: null }, "SCHEDULED", false],
  ["published in the past", { status: "PUBLISHED", publishedAt: past }, "PUBLISHED", true],
  ["published exactly now", { status: "PUBLISHED", publishedAt: now }, "PUBLISHED", true],
  ["published, then moved to the trash", { status: "PUBLISHED", publishedAt: past, deletedAt: now }, "PUBLISHED", false],
  ["scheduled and due, in the trash", { status: "SCHEDULED", publishedAt: past, deletedAt: past }, "PUBLISHED", false],
];

describe("post visibility", () => {
  it.each(cases)("%s: effective status is %s", (_name, post, status) => {
    expect(effectiveStatus(post, now)).toBe(status);
  });

  it.each(cases)("%s: publicly visible?", (_name, post, _status, visible) => {
    expect(isPubliclyVisible(post, now)).toBe(visible);
  });

  it.each(cases)("%s: the database query agrees", (_name, post, _status, visible) => {
    expect(matchesWhere(post, publicPostWhere(now))).toBe(visible);
  });

  it("becomes visible on its own once the scheduled date passes", () => {
    const post = { status: "SCHEDULED", publishedAt: future };
    expect(isPubliclyVisible(post, now)).toBe(false);
    expect(isPubliclyVisible(post, future)).toBe(true);
    expect(effectiveStatus(post, future)).toBe("PUBLISHED");
    expect(matchesWhere(post, publicPostWhere(future))).toBe(true);
  });

  it("builds the where clause for published and scheduled posts dated up to now", () => {
    expect(publicPostWhere(now)).toEqual({ deletedAt: null, status: { in: ["PUBLISHED", "SCHEDULED"] }, publishedAt: { lte: now } });
    expect(publicPostWhere(future).publishedAt.lte).toBe(future);
  });

  it("does not change the post it is given", () => {
    const post = { status: "SCHEDULED", publishedAt: past };
    effectiveStatus(post, now);
    isPubliclyVisible(post, now);
    expect(post).toEqual({ status: "SCHEDULED", publishedAt: past });
  });
});

describe("the review intent", () => {
  it("puts a post in review with the date it asks for, never published or scheduled by it", () => {
    for (const date of [null, past, future]) expect(decideStatus("review", date, now)).toEqual({ status: "IN_REVIEW", publishedAt: date });
  });

  it("filters posts in review (outside the trash) for the admin's list, the export and the API", () => {
    expect(postStatusWhere("in_review", now)).toEqual({ ...notTrashedWhere, status: "IN_REVIEW" });
  });
});

describe("the trash", () => {
  it("leaves trashed posts out of every status filter of the admin, the export and the API", () => {
    for (const filter of ["all", "draft", "scheduled", "published"] as const) expect(postStatusWhere(filter, now)).toMatchObject(notTrashedWhere);
  });

  it("keeps a post TRASH_DAYS, counting whole days left", () => {
    expect(TRASH_DAYS).toBe(30);
    const deletedAt = new Date("2026-05-01T12:00:00.000Z");
    expect(trashPurgeDate(deletedAt).toISOString()).toBe("2026-05-31T12:00:00.000Z");
    expect(trashDaysLeft(deletedAt, deletedAt)).toBe(30);
    expect(trashDaysLeft(deletedAt, new Date("2026-05-02T11:59:59.999Z"))).toBe(29);
    expect(trashDaysLeft(deletedAt, new Date("2026-05-30T12:00:00.001Z"))).toBe(0);
    expect(trashDaysLeft(deletedAt, new Date("2026-07-01T00:00:00.000Z"))).toBe(0);
  });

  it("expires posts trashed TRASH_DAYS or more before now", () => {
    expect(trashExpiredWhere(now).deletedAt.lte.toISOString()).toBe("2026-04-01T12:00:00.000Z");
  });
});
