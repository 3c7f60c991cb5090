const MONTH_NAMES = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** The month an /archive/<year>/<month> address names ("2025", "06"), or null when it is not a real month. */
export function parseArchiveMonth(year: string, month: string): { year: number; month: number } | null {
  if (!/^\d{4}$/.test(year) || !/^(0[1-9]|1[0-2])$/.test(month)) return null;
  return { year: Number(year), month: Number(month) };
}

/** The address of a month's archive page: "/archive/2025/06". */
export function archiveHref(year: number, month: number): string {
  return `/archive/${year}/${String(month).padStart(2, "0")}`;
}

/** "June 2025". */
export function monthName(year: number, month: number): string {
  return MONTH_NAMES.format(new Date(Date.UTC(year, month - 1, 1)));
}
