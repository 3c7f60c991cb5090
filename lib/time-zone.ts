// The site's time zone: wall times typed in the admin are read in it, and dates are shown in it. Storage stays UTC.
// Built on Intl alone (Node 20 and every browser carry the IANA database), so neither the server nor the post form's
// bundle needs a time-zone library. Client-safe: no server imports.

export const DEFAULT_TIME_ZONE = "UTC";

let knownZones: Set<string> | undefined;

/** True for an IANA zone name this runtime knows ("Europe/London", "UTC"), exactly as Intl lists it. */
export function isTimeZone(name: string): boolean {
  knownZones ??= new Set([...Intl.supportedValuesOf("timeZone"), DEFAULT_TIME_ZONE]);
  return knownZones.has(name);
}

/** Every zone a site may choose, for the settings form. */
export function timeZoneNames(): string[] {
  return [...new Set([DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone")])];
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at `instant`, written as if it were UTC (milliseconds since 1970). */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall + (instant - Math.floor(instant / 1000) * 1000);
}

/** The offset of `timeZone` from UTC at `instant`, in minutes (+60 for Europe/London in summer). */
export function offsetMinutes(instant: Date | number, timeZone: string): number {
  const time = typeof instant === "number" ? instant : instant.getTime();
  return Math.round((wallClock(time, timeZone) - time) / 60_000);
}

/** "+01:00", "-05:00", "+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, "0")}:${String(absolute % 60).padStart(2, "0")}`;
}

/**
 * A wall time in a zone, as an instant. `wall` is that wall time written as UTC (Date.UTC of its fields). Around a
 * daylight-saving change a wall time may not exist (the clocks jump over it: "gap") or exist twice (they go back over
 * it: "ambiguous", earlier instant first). No zone moves its clocks twice within two days, so the offsets a day before
 * and a day after are the only candidates.
 */
export function zonedWallTimeToInstant(
  wall: number,
  timeZone: string,
): { kind: "exact"; date: Date } | { kind: "gap" } | { kind: "ambiguous"; earlier: Date; later: Date } {
  const day = 24 * 60 * 60_000;
  const candidates = new Set([offsetMinutes(wall - day, timeZone), offsetMinutes(wall + day, timeZone)]);
  const instants = [...candidates]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => wallClock(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (instants.length === 0) return { kind: "gap" };
  if (instants.length === 1) return { kind: "exact", date: new Date(instants[0]) };
  return { kind: "ambiguous", earlier: new Date(instants[0]), later: new Date(instants[1]) };
}

/** The year and month (1-12) an instant falls in, in a zone: what the archive groups posts by. */
export function zonedYearMonth(date: Date, timeZone: string): { year: number; month: number } {
  const wall = new Date(wallClock(date.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1 };
}

/** The instant a day starts in a zone (month 1-12): its midnight, or the first moment after it when the clocks skip it. */
export function startOfZonedDay(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  const reading = zonedWallTimeToInstant(wall, timeZone);
  if (reading.kind === "exact") return reading.date;
  if (reading.kind === "ambiguous") return reading.earlier;
  // Midnight skipped: the day starts where the clocks jump, at the offset they had before.
  return new Date(wall - offsetMinutes(wall - 24 * 60 * 60_000, timeZone) * 60_000);
}

/** The instant a month starts in a zone: its first midnight, or the first moment after it when the clocks skip it. */
export function startOfZonedMonth(year: number, month: number, timeZone: string): Date {
  return startOfZonedDay(year, month, 1, timeZone);
}

/** Whole days since 1970-01-01 of the calendar day an instant falls on in a zone: days to count and group by. */
export function zonedDayNumber(date: Date, timeZone: string): number {
  return Math.floor(wallClock(date.getTime(), timeZone) / (24 * 60 * 60_000));
}

/** The instant a day (as zonedDayNumber counts it) starts in a zone. */
export function startOfZonedDayNumber(dayNumber: number, timeZone: string): Date {
  const wall = new Date(dayNumber * 24 * 60 * 60_000);
  return startOfZonedDay(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), timeZone);
}

/** The value a datetime-local input shows for an instant in a zone ("2025-06-17T17:26"). */
export function toZonedDateTimeLocalValue(date: Date | null, timeZone: string): string {
  return date ? new Date(wallClock(date.getTime(), timeZone)).toISOString().slice(0, 16) : "";
}

function shortZoneName(date: Date, timeZone: string, locale: string): string | undefined {
  return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value;
}

/** The zone's short name at an instant for people ("BST", "EST", "GMT+9"), for dates, hints and messages. */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  // British English names Europe's zones (BST, CEST) and American English America's (EDT); otherwise "GMT+9".
  const british = shortZoneName(date, timeZone, "en-GB");
  return (british?.startsWith("GMT") && british !== "GMT" ? shortZoneName(date, timeZone, "en-US") : british) ?? timeZone;
}
