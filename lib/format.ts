const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const MINUTE_FORMAT = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });

/** "17 Jun 2025": dates are shown in UTC so every reader and the server agree on the day. */
export function formatDay(date: Date): string {
  return DAY_FORMAT.format(date);
}

export function formatDateTime(date: Date): string {
  return `${MINUTE_FORMAT.format(date)} UTC`;
}

/** The value a datetime-local input shows for a UTC instant ("2025-06-17T16:26"). */
export function toDateTimeLocalValue(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : "";
}

/** A linked page's host as readers know it: "news.ycombinator.com", "example.com" for www.example.com; null when not a URL. */
export function displayHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
