import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import type { SiteSettings } from "./schema";

/**
 * The site identity before an admin has saved settings: from SITE_TITLE, SITE_DESCRIPTION, SITE_URL (or NEXTAUTH_URL)
 * and SITE_LANGUAGE. Pages, feeds and the sitemap read the saved settings through getSiteSettings() in
 * lib/settings/queries.ts, which falls back to these values key by key.
 */
export const site: SiteSettings = {
  title: process.env.SITE_TITLE || "Linkpress",
  description: process.env.SITE_DESCRIPTION || "Curated links to the articles worth reading, with a short summary of each.",
  url: (process.env.SITE_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, ""),
  language: process.env.SITE_LANGUAGE || "en",
  postsPerPage: 20,
  revisionsPerPost: null,
  timeZone: DEFAULT_TIME_ZONE,
  websubHubUrl: null,
  sendWebmentions: false,
};
