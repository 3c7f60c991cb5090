// The queue's pure rules: backoff with jitter, time slots of recurring jobs, stored error messages, payload checks,
// the one list of kinds, and which events a post's change makes.
import { describe, expect, it } from "vitest";
import { defaultBackoff, jobErrorMessage, recurringSlot } from "@/lib/jobs/define";
import { JOB_KINDS, RECURRING_JOBS } from "@/lib/jobs/kinds";
import { postEventKind } from "@/lib/events/kind";
import { postEventsForDelete, postEventsForSave } from "@/lib/events/post-events";

const HOUR = 60 * 60 * 1000;

describe("defaultBackoff", () => {
  it("waits between 0 and 5 s · 2^(attempt-1), capped at an hour", () => {
    expect(defaultBackoff(1, () => 0)).toBe(0);
    expect(defaultBackoff(1, () => 0.999999)).toBe(4999);
    expect(defaultBackoff(2, () => 0.5)).toBe(5000);
    expect(defaultBackoff(4, () => 0.999999)).toBe(39_999);
    expect(defaultBackoff(30, () => 0.5)).toBe(HOUR / 2);
    expect(defaultBackoff(1000, () => 1 - Number.EPSILON)).toBeLessThan(HOUR);
  });

  it("spreads retries out (full jitter) within the bounds", () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const waits = Array.from({ length: 200 }, () => defaultBackoff(attempt));
      const ceiling = Math.min(HOUR, 5000 * 2 ** (attempt - 1));
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...waits)).toBeLessThan(ceiling);
      expect(new Set(waits).size).toBeGreaterThan(1);
    }
  });
});

describe("recurringSlot", () => {
  it("names the slot `now` falls in, the same for every instance within it and new in the next", () => {
    const start = Date.UTC(2026, 11, 3, 10, 0, 0);
    const a = recurringSlot(HOUR, new Date(start + 1));
    const b = recurringSlot(HOUR, new Date(start + HOUR - 1));
    const next = recurringSlot(HOUR, new Date(start + HOUR));
    expect(a).toEqual({ runAt: new Date(start), idempotencyKey: `every-${HOUR}ms@2026-12-03T10:00:00.000Z` });
    expect(b).toEqual(a);
    expect(next.idempotencyKey).not.toBe(a.idempotencyKey);
    expect(next.runAt.getTime()).toBe(start + HOUR);
    // Another period makes another key, even at the same start.
    expect(recurringSlot(24 * HOUR, new Date(start - 10 * HOUR)).idempotencyKey).not.toBe(recurringSlot(HOUR, new Date(start - 10 * HOUR)).idempotencyKey);
  });
});

describe("jobErrorMessage", () => {
  it("keeps the message only, at most 2 KB, never the stack", () => {
    const error = new Error("x".repeat(5000));
    expect(jobErrorMessage(error)).toHaveLength(2048);
    expect(jobErrorMessage(new Error("refused"))).toBe("refused");
    expect(jobErrorMessage(new Error("refused"))).not.toContain("at ");
    expect(jobErrorMessage("plain")).toBe("plain");
    expect(jobErrorMessage({ weird: true })).toBe("The job failed.");
  });
});

describe("job kinds", () => {
  it("are listed once each, recurring ones among them", () => {
    const names = JOB_KINDS.map((kind) => kind.kind);
    expect(new Set(names).size).toBe(names.length);
    for (const { kind, everyMs } of RECURRING_JOBS) {
      expect(JOB_KINDS).toContain(kind);
      expect(everyMs).toBeGreaterThanOrEqual(60_000);
    }
    for (const kind of JOB_KINDS) expect(kind.maxAttempts).toBeGreaterThanOrEqual(1);
  });

  it("check payloads: a post event needs a known event, a post and ISO times", () => {
    const valid = { event: "post.published", postId: "p1", occurredAt: "2026-12-03T10:00:00.000Z" };
    expect(postEventKind.payload.safeParse(valid).success).toBe(true);
    expect(postEventKind.payload.safeParse({ ...valid, scheduledFor: "2026-12-04T10:00:00.000Z" }).success).toBe(true);
    expect(postEventKind.payload.safeParse({ ...valid, event: "post.exploded" }).success).toBe(false);
    expect(postEventKind.payload.safeParse({ ...valid, postId: "" }).success).toBe(false);
    expect(postEventKind.payload.safeParse({ ...valid, scheduledFor: "tomorrow" }).success).toBe(false);
    expect(postEventKind.payload.safeParse({ event: "post.published" }).success).toBe(false);
  });
});

describe("postEventsForSave", () => {
  const now = new Date("2026-12-03T10:00:00Z");
  const past = new Date("2026-12-01T10:00:00Z");
  const future = new Date("2026-12-05T10:00:00Z");
  const later = new Date("2026-12-06T10:00:00Z");
  const state = (status: string, publishedAt: Date | null = null) => ({ status, publishedAt });

  it("names what readers gain or lose", () => {
    expect(postEventsForSave(null, state("DRAFT"), now)).toEqual([]);
    expect(postEventsForSave(null, state("PUBLISHED", now), now)).toEqual([{ event: "post.published" }]);
    expect(postEventsForSave(state("DRAFT"), state("PUBLISHED", past), now)).toEqual([{ event: "post.published" }]);
    expect(postEventsForSave(state("PUBLISHED", past), state("PUBLISHED", past), now)).toEqual([{ event: "post.updated" }]);
    expect(postEventsForSave(state("PUBLISHED", past), state("DRAFT", past), now)).toEqual([{ event: "post.unpublished" }]);
    expect(postEventsForSave(state("DRAFT"), state("IN_REVIEW"), now)).toEqual([]);
    // A scheduled post already due is public: editing it is an update.
    expect(postEventsForSave(state("SCHEDULED", past), state("SCHEDULED", past), now)).toEqual([{ event: "post.updated" }]);
  });

  it("schedules a publication for a new or moved date, and not for an unchanged one", () => {
    const scheduled = [{ event: "post.scheduled" }, { event: "post.published", at: future }];
    expect(postEventsForSave(null, state("SCHEDULED", future), now)).toEqual(scheduled);
    expect(postEventsForSave(state("DRAFT", future), state("SCHEDULED", future), now)).toEqual(scheduled);
    expect(postEventsForSave(state("SCHEDULED", later), state("SCHEDULED", future), now)).toEqual(scheduled);
    expect(postEventsForSave(state("SCHEDULED", future), state("SCHEDULED", future), now)).toEqual([]);
    // A public post moved into the future leaves readers now and comes back at its date.
    expect(postEventsForSave(state("PUBLISHED", past), state("SCHEDULED", future), now)).toEqual([{ event: "post.unpublished" }, ...scheduled]);
    expect(postEventsForSave(state("SCHEDULED", future), state("DRAFT", future), now)).toEqual([]);
  });

  it("names a deletion only when readers saw the post", () => {
    expect(postEventsForDelete(state("PUBLISHED", past), now)).toEqual([{ event: "post.deleted" }]);
    expect(postEventsForDelete(state("SCHEDULED", future), now)).toEqual([]);
    expect(postEventsForDelete(state("DRAFT"), now)).toEqual([]);
  });
});
