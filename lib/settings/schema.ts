import { z } from "zod";
import { checkedText, urlField } from "@/lib/posts/rules";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/time-zone";

/** What the site calls itself and how it is addressed; edited by admins at /admin/settings. */
export type SiteSettings = {
  title: string;
  description: string;
  /** Absolute http(s) URL without a trailing slash, used for canonical links, feeds, the sitemap and share images. */
  url: string;
  /** A BCP 47 language tag such as "en" or "pt-BR": the pages' lang attribute and the feeds' language. */
  language: string;
  postsPerPage: number;
  /** How many revisions each post keeps (the oldest are pruned, never the last published one); null keeps them all. */
  revisionsPerPost: number | null;
  /** An IANA zone name ("Europe/London", default "UTC"): the admin's dates are typed in it, and every date is shown in it. */
  timeZone: string;
  /** The WebSub hub every feed names and pings when it changes; null (the default) names none and pings none. */
  websubHubUrl: string | null;
  /** Whether a published post sends a Webmention to the article it links to (off by default). */
  sendWebmentions: boolean;
};

export type SiteSettingsFormValues = Record<keyof SiteSettings, string>;

export const SETTINGS_LIMITS = { title: 100, description: 300, url: 300, minPerPage: 5, maxPerPage: 100, minRevisions: 1, maxRevisions: 10_000 } as const;

/** The stored key of each setting in the Setting table. */
export const SITE_SETTING_KEYS = {
  title: "site.title",
  description: "site.description",
  url: "site.url",
  language: "site.language",
  postsPerPage: "site.postsPerPage",
  revisionsPerPost: "posts.revisionsPerPost",
  timeZone: "site.timeZone",
  websubHubUrl: "websub.hubUrl",
  sendWebmentions: "webmention.send",
} as const satisfies Record<keyof SiteSettings, string>;

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

// The post form's URL rule, except that the site may live on a host such as "linkpress" inside a network.
const publicUrl = urlField({
  required: "Enter the address readers use, such as https://links.example.com.",
  maxLength: SETTINGS_LIMITS.url,
  tooLong: `The address can be at most ${SETTINGS_LIMITS.url} characters.`,
  fullHostName: false,
}).transform((value, ctx) => {
  const url = new URL(value);
  if (url.search || url.hash) {
    ctx.addIssue({ code: "custom", message: "Use an http(s) address without user name, query or fragment." });
    return z.NEVER;
  }
  // Stored without a trailing slash so paths can be appended as they are.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
});

// The post form's URL rule; blank names no hub. Stored as the URL parser writes it (ASCII host, escaped path), since
// it goes into every feed's Link header, where only ASCII may go.
const hubUrl = urlField({
  maxLength: SETTINGS_LIMITS.url,
  tooLong: `The hub's address can be at most ${SETTINGS_LIMITS.url} characters.`,
}).transform((value) => (value ? new URL(value).href : null));

// A checkbox: "on" when ticked, absent otherwise.
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

// The post rule for text: the title and description are written into every page, feed and share card.
/** The settings form, shared by the browser form and the server. */
export const siteSettingsSchema = z.object({
  title: checkedText("The title", "line")
    .min(1, "Enter the site title.")
    .max(SETTINGS_LIMITS.title, `The title can be at most ${SETTINGS_LIMITS.title} characters.`),
  description: checkedText("The description", "text").max(
    SETTINGS_LIMITS.description,
    `The description can be at most ${SETTINGS_LIMITS.description} characters.`,
  ),
  url: publicUrl,
  language: z.string().trim().regex(LANGUAGE_TAG, "Use a language tag such as en, de or pt-BR."),
  postsPerPage: z.coerce
    .number({ message: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(SETTINGS_LIMITS.minPerPage, `Show at least ${SETTINGS_LIMITS.minPerPage} posts per page.`)
    .max(SETTINGS_LIMITS.maxPerPage, `Show at most ${SETTINGS_LIMITS.maxPerPage} posts per page.`),
  // Blank (or left out) keeps every revision.
  revisionsPerPost: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .pipe(
      z.coerce
        .number<string | null>({ message: "Enter a whole number, or leave it blank to keep every revision." })
        .int("Enter a whole number, or leave it blank to keep every revision.")
        .min(SETTINGS_LIMITS.minRevisions, `Keep at least ${SETTINGS_LIMITS.minRevisions} revision, or leave it blank to keep every revision.`)
        .max(SETTINGS_LIMITS.maxRevisions, `Keep at most ${SETTINGS_LIMITS.maxRevisions} revisions, or leave it blank to keep every revision.`)
        .nullable(),
    ),
  // Left out (a caller that predates the setting) is UTC, the default; anything sent must be a zone from the list.
  timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list, such as Europe/London or UTC.").default(DEFAULT_TIME_ZONE),
  // Left out (a caller that predates them) are their defaults: no hub, no Webmentions.
  websubHubUrl: hubUrl.optional().transform((value) => value ?? null),
  sendWebmentions: checkbox,
});
