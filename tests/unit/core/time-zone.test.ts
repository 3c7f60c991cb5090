import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, toDateTimeLocalValue } from "@/lib/format";
import { postFormSchema, postFormSchemaIn, readPublishDate, withChosenOffset } from "@/lib/posts/schema";
import {
  isTimeZone,
  offsetMinutes,
  startOfZonedDay,
  startOfZonedDayNumber,
  startOfZonedMonth,
  timeZoneNames,
  zonedDayNumber,
  zonedWallTimeToInstant,
  zonedYearMonth,
} from "@/lib/time-zone";

const wall = (text: string) => Date.parse(`${text}Z`);
const instant = (text: string) => new Date(text).getTime();

describe("zonedWallTimeToInstant", () => {
  it("reads an ordinary wall time with the zone's offset of that day", () => {
    expect(zonedWallTimeToInstant(wall("2026-07-01T09:30:00"), "Europe/London")).toEqual({ kind: "exact", date: new Date("2026-07-01T08:30:00Z") });
    expect(zonedWallTimeToInstant(wall("2026-01-15T09:30:00"), "America/New_York")).toEqual({ kind: "exact", date: new Date("2026-01-15T14:30:00Z") });
    expect(zonedWallTimeToInstant(wall("2026-03-29T01:30:00"), "UTC")).toEqual({ kind: "exact", date: new Date("2026-03-29T01:30:00Z") });
    // Half-hour zones and zones east of UTC.
    expect(zonedWallTimeToInstant(wall("2026-05-01T12:00:00"), "Australia/Darwin")).toEqual({ kind: "exact", date: new Date("2026-05-01T02:30:00Z") });
  });

  it("finds no instant in the hour the clocks skip (spring forward)", () => {
    // Europe/London: 2026-03-29 01:00 GMT becomes 02:00 BST.
    expect(zonedWallTimeToInstant(wall("2026-03-29T01:30:00"), "Europe/London")).toEqual({ kind: "gap" });
    expect(zonedWallTimeToInstant(wall("2026-03-29T00:59:00"), "Europe/London").kind).toBe("exact");
    expect(zonedWallTimeToInstant(wall("2026-03-29T02:00:00"), "Europe/London")).toEqual({ kind: "exact", date: new Date("2026-03-29T01:00:00Z") });
    // America/New_York: 2026-03-08 02:00 EST becomes 03:00 EDT.
    expect(zonedWallTimeToInstant(wall("2026-03-08T02:15:00"), "America/New_York")).toEqual({ kind: "gap" });
  });

  it("finds both instants, earlier first, in the hour the clocks pass twice (fall back)", () => {
    // Europe/London: 2026-10-25 02:00 BST becomes 01:00 GMT.
    expect(zonedWallTimeToInstant(wall("2026-10-25T01:30:00"), "Europe/London")).toEqual({
      kind: "ambiguous",
      earlier: new Date("2026-10-25T00:30:00Z"),
      later: new Date("2026-10-25T01:30:00Z"),
    });
    // America/New_York: 2026-11-01 02:00 EDT becomes 01:00 EST.
    expect(zonedWallTimeToInstant(wall("2026-11-01T01:30:00"), "America/New_York")).toEqual({
      kind: "ambiguous",
      earlier: new Date("2026-11-01T05:30:00Z"),
      later: new Date("2026-11-01T06:30:00Z"),
    });
    expect(zonedWallTimeToInstant(wall("2026-11-01T02:00:00"), "America/New_York").kind).toBe("exact");
  });

  it("gives the zone's offset at an instant", () => {
    expect(offsetMinutes(instant("2026-07-01T12:00:00Z"), "Europe/London")).toBe(60);
    expect(offsetMinutes(instant("2026-01-01T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(offsetMinutes(instant("2026-01-01T12:00:00Z"), "UTC")).toBe(0);
  });
});

describe("isTimeZone", () => {
  it("knows IANA names and UTC, and nothing else", () => {
    for (const zone of ["UTC", "Europe/London", "America/New_York", "Australia/Darwin"]) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ["", "Mars/Olympus", "europe/london", "Europe/London ", "<script>", "+02:00", "../../etc/passwd"]) expect(isTimeZone(zone)).toBe(false);
    expect(timeZoneNames()[0]).toBe("UTC");
    expect(timeZoneNames()).toContain("Europe/London");
  });
});

describe("the post form's publish date in the site's time zone", () => {
  it("reads a wall time in the zone given, and an explicit offset as the instant it is", () => {
    const london = postFormSchemaIn("Europe/London").shape.publishedAt;
    expect(london.parse("2026-07-01T09:30")).toEqual(new Date("2026-07-01T08:30:00Z"));
    expect(london.parse("2026-07-01T09:30:00Z")).toEqual(new Date("2026-07-01T09:30:00Z"));
    expect(london.parse("2026-07-01T09:30+02:00")).toEqual(new Date("2026-07-01T07:30:00Z"));
    expect(london.parse("")).toBeNull();
    // Every other door (API, Micropub) reads an offset-less value as UTC, as before.
    expect(postFormSchema.shape.publishedAt.parse("2026-07-01T09:30")).toEqual(new Date("2026-07-01T09:30:00Z"));
  });

  it("refuses a wall time in the spring-forward gap, naming it", () => {
    const result = postFormSchemaIn("Europe/London").shape.publishedAt.safeParse("2026-03-29T01:30");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe(
      "2026-03-29 01:30 does not exist in Europe/London: the clocks skip that hour when summer time starts. Choose a time outside the gap.",
    );
  });

  it("refuses a wall time the clocks pass twice until an offset says which, and offers both", () => {
    const newYork = postFormSchemaIn("America/New_York").shape.publishedAt;
    const result = newYork.safeParse("2026-11-01T01:30");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain("2026-11-01 01:30 happens twice in America/New_York");
    expect(readPublishDate("2026-11-01T01:30", "America/New_York")).toMatchObject({
      offsets: [
        { offset: "-04:00", label: "The first, at UTC-04:00 (EDT)" },
        { offset: "-05:00", label: "The second, at UTC-05:00 (EST)" },
      ],
    });
    expect(newYork.parse(withChosenOffset("2026-11-01T01:30", "-05:00", "America/New_York"))).toEqual(new Date("2026-11-01T06:30:00Z"));
    expect(newYork.parse(withChosenOffset("2026-11-01T01:30", "-04:00", "America/New_York"))).toEqual(new Date("2026-11-01T05:30:00Z"));
  });

  it("ignores an offset choice that does not belong to the date typed", () => {
    // Left over from an earlier ambiguous date, or made up: the wall time stays a wall time.
    expect(withChosenOffset("2026-11-02T10:00", "-04:00", "America/New_York")).toBe("2026-11-02T10:00");
    expect(withChosenOffset("2026-11-01T01:30", "+09:00", "America/New_York")).toBe("2026-11-01T01:30");
    expect(withChosenOffset("2026-11-01T01:30Z", "-04:00", "America/New_York")).toBe("2026-11-01T01:30Z");
  });

  it("still refuses impossible dates in any zone", () => {
    expect(postFormSchemaIn("Europe/London").shape.publishedAt.safeParse("2026-02-30T09:30").success).toBe(false);
    expect(postFormSchemaIn("Europe/London").shape.publishedAt.safeParse("2026-07-01T24:00").success).toBe(false);
  });
});

describe("dates shown in the site's time zone", () => {
  const lateEvening = new Date("2026-06-30T23:30:00Z");
  it("puts the day, the minute and the form's value in the zone", () => {
    expect(formatDay(lateEvening, "UTC")).toBe("30 Jun 2026");
    expect(formatDay(lateEvening, "Europe/London")).toBe("1 Jul 2026");
    expect(formatDateTime(lateEvening, "Europe/London")).toBe("1 Jul 2026, 00:30 BST");
    expect(formatDateTime(lateEvening, "UTC")).toBe("30 Jun 2026, 23:30 UTC");
    expect(toDateTimeLocalValue(lateEvening, "America/New_York")).toBe("2026-06-30T19:30");
    expect(toDateTimeLocalValue(null, "UTC")).toBe("");
  });

  it("shows a stored time so that saving it again gives the same instant", () => {
    for (const zone of ["UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe"]) {
      const stored = new Date("2026-10-24T17:45:00Z");
      expect(postFormSchemaIn(zone).shape.publishedAt.parse(toDateTimeLocalValue(stored, zone))).toEqual(stored);
    }
  });
});

describe("months in the site's time zone (the archive)", () => {
  it("puts an instant in the month it falls in there", () => {
    expect(zonedYearMonth(new Date("2026-06-30T23:30:00Z"), "UTC")).toEqual({ year: 2026, month: 6 });
    expect(zonedYearMonth(new Date("2026-06-30T23:30:00Z"), "Europe/London")).toEqual({ year: 2026, month: 7 });
    expect(zonedYearMonth(new Date("2027-01-01T03:00:00Z"), "America/New_York")).toEqual({ year: 2026, month: 12 });
  });

  it("starts a month at its first midnight there, or where the clocks jump over it", () => {
    expect(startOfZonedMonth(2026, 7, "Europe/London")).toEqual(new Date("2026-06-30T23:00:00Z"));
    expect(startOfZonedMonth(2026, 1, "America/New_York")).toEqual(new Date("2026-01-01T05:00:00Z"));
    expect(startOfZonedMonth(2026, 7, "UTC")).toEqual(new Date("2026-07-01T00:00:00Z"));
    // Zones that move their clocks at midnight skip it (America/Havana, 8 March 2026): a day then starts at 01:00.
    expect(zonedWallTimeToInstant(Date.UTC(2026, 2, 8, 0, 0), "America/Havana")).toEqual({ kind: "gap" });
  });
});

describe("days in the site's time zone (the dashboard)", () => {
  it("numbers the day an instant falls on there, and finds where that day starts", () => {
    const lateEvening = new Date("2026-03-09T03:30:00Z"); // 8 March, 23:30 in New York (summer time since 07:00Z)
    expect(zonedDayNumber(lateEvening, "UTC") - zonedDayNumber(lateEvening, "America/New_York")).toBe(1);
    expect(startOfZonedDayNumber(zonedDayNumber(lateEvening, "America/New_York"), "America/New_York")).toEqual(new Date("2026-03-08T05:00:00Z"));
    expect(startOfZonedDay(2026, 3, 9, "America/New_York")).toEqual(new Date("2026-03-09T04:00:00Z"));
    // A day whose midnight the clocks skip starts at 01:00 (America/Havana, 8 March 2026).
    expect(startOfZonedDay(2026, 3, 8, "America/Havana")).toEqual(new Date("2026-03-08T05:00:00Z"));
  });
});
