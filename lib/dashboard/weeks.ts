// Weeks in the site's time zone, Monday to Sunday, for the dashboard's posts-per-week chart. Pure and client-safe.
import { startOfZonedDayNumber, zonedDayNumber } from "@/lib/time-zone";

/** 1970-01-01 was a Thursday: three days after a Monday. */
const THURSDAY = 3;

function mondayOf(dayNumber: number): number {
  return dayNumber - ((((dayNumber + THURSDAY) % 7) + 7) % 7);
}

export type WeekCount = { start: Date; count: number };

/** The instant the first of the last `weeks` weeks (this one included) starts in the zone: the query's lower bound. */
export function firstWeekStart(now: Date, timeZone: string, weeks: number): Date {
  return startOfZonedDayNumber(mondayOf(zonedDayNumber(now, timeZone)) - 7 * (weeks - 1), timeZone);
}

/** Counts the dates per week over the last `weeks` weeks, oldest first; every week is there, empty ones with 0. */
export function countByWeek(dates: Date[], now: Date, timeZone: string, weeks: number): WeekCount[] {
  const firstMonday = mondayOf(zonedDayNumber(now, timeZone)) - 7 * (weeks - 1);
  const counts = new Array<number>(weeks).fill(0);
  for (const date of dates) {
    const index = (mondayOf(zonedDayNumber(date, timeZone)) - firstMonday) / 7;
    if (index >= 0 && index < weeks) counts[index] += 1;
  }
  return counts.map((count, index) => ({ start: startOfZonedDayNumber(firstMonday + 7 * index, timeZone), count }));
}

/** The instant that starts the calendar day `days - 1` days before today in the zone: "the last 7 days" from there. */
export function startOfLastDays(now: Date, timeZone: string, days: number): Date {
  return startOfZonedDayNumber(zonedDayNumber(now, timeZone) - (days - 1), timeZone);
}
