import { toZonedDateTimeLocalValue, zoneAbbreviation } from "@/lib/time-zone";

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(kind: "day" | "minute", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const fields: Intl.DateTimeFormatOptions =
      kind === "day" ? { day: "numeric", month: "short", year: "numeric" } : { dateStyle: "medium", timeStyle: "short" };
    format = new Intl.DateTimeFormat("en-GB", { timeZone, ...fields });
    formats.set(key, format);
  }
  return format;
}

/** "17 Jun 2025" in the site's time zone (the server renders it, so every reader sees the same day). */
export function formatDay(date: Date, timeZone: string): string {
  return formatIn("day", timeZone).format(date);
}

/** "17 Jun 2025, 17:26 BST": a moment in the site's time zone, named so nobody takes it for their own. */
export function formatDateTime(date: Date, timeZone: string): string {
  return `${formatIn("minute", timeZone).format(date)} ${zoneAbbreviation(date, timeZone)}`;
}

/** The value a datetime-local input shows for an instant, in the site's time zone ("2025-06-17T17:26"). */
export function toDateTimeLocalValue(date: Date | null, timeZone: string): string {
  return toZonedDateTimeLocalValue(date, timeZone);
}

/** A linked page's host as readers know it: "news.ycombinator.com", "example.com" for www.example.com; null when not a URL. */
export function displayHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
