// How shared caches (nginx, Varnish, a CDN) and the in-process page cache may keep reader pages and documents, and the
// keys that name what each one shows. Pure and dependency-free: proxy.ts, the outer HTTP server, the public content
// cache, the tests and the documentation read the same numbers and keys from here.

/** Seconds a shared cache serves a reader page or feed without asking again: the bound on staleness without a purge. */
export const SHARED_MAX_AGE_SECONDS = 10;
/** Seconds past that during which a shared cache may answer with its copy while it asks the app in the background. */
export const STALE_WHILE_REVALIDATE_SECONDS = 30;
/** Seconds a shared cache may keep answering with its copy while the app is down or failing (a day). */
export const STALE_IF_ERROR_SECONDS = 86_400;

/**
 * Cache-Control of reader pages, feeds and the sitemap: browsers revalidate every time (max-age=0, cheap with the
 * ETag), shared caches keep a copy for SHARED_MAX_AGE_SECONDS.
 */
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${SHARED_MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}, stale-if-error=${STALE_IF_ERROR_SECONDS}`;

/** The key every reader response carries; invalidating it drops everything (site settings, taxonomy changes, imports). */
export const SITE_KEY = "site";
/** The key of reader addresses no rule below names: dropped by every content change, so nothing new is ever missed. */
export const MISC_KEY = "misc";

// The lists and documents a published post appears on besides its own page, tag, source and month.
const LISTS_OF_EVERY_POST = ["home", "feeds", "sitemap", "archive", "tags", "sources", "search", MISC_KEY];

/** A slug or path segment as it goes into a key: percent-encoded, so a key never holds a space or a comma. */
function keyPart(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  return encodeURIComponent(decoded);
}

const pad2 = (value: number) => String(value).padStart(2, "0");

/** The keys of one thing, as pages name them and changes invalidate them. */
export const cacheKey = {
  post: (slug: string) => `post-${keyPart(slug)}`,
  tag: (slug: string) => `tag-${keyPart(slug)}`,
  source: (slug: string) => `source-${keyPart(slug)}`,
  /** One archive month (month 1-12). */
  archiveMonth: (year: number, month: number) => `archive-${year}-${pad2(month)}`,
};

/**
 * The keys of what a reader address shows, `site` first: `/posts/a` → post-a; `/`, `/page/2` → home; `/tags/x`
 * and its pages and feeds → tag-x (likewise sources); `/archive/2026/03` → archive-2026-03; the site feeds → feeds;
 * the sitemaps → sitemap; `/tags`, `/sources`, `/archive`, `/search` by name; anything else → misc.
 * `pathname` is the normalised path without its query.
 */
export function readerCacheKeys(pathname: string): string[] {
  const segments = pathname.split("/").filter(Boolean);
  const [first, second, third] = segments;
  const key = (() => {
    if (segments.length === 0 || (first === "page" && segments.length === 2)) return "home";
    if (first === "posts" && segments.length === 2) return cacheKey.post(second);
    if ((first === "tags" || first === "sources") && segments.length === 1) return first;
    if (first === "tags" || first === "sources") return first === "tags" ? cacheKey.tag(second) : cacheKey.source(second);
    if (first === "archive" && segments.length === 1) return "archive";
    if (first === "archive" && /^\d{4}$/.test(second ?? "") && /^\d{1,2}$/.test(third ?? "")) return cacheKey.archiveMonth(Number(second), Number(third));
    if (segments.length === 1 && ["feed.xml", "atom.xml", "feed.json"].includes(first)) return "feeds";
    if (first === "sitemap.xml" || first === "sitemap") return "sitemap";
    if (first === "search" && segments.length === 1) return "search";
    if (first === "robots.txt" && segments.length === 1) return null;
    return MISC_KEY;
  })();
  return key ? [SITE_KEY, key] : [SITE_KEY];
}

/** What a post's keys are made of: its address, when it is (or was) published, its tags and its source. */
export type PostCacheFacts = { slug: string; publishedAt: Date | null; tagSlugs: string[]; sourceSlug: string | null };

/**
 * The keys to invalidate when a post readers see (or saw) changes: its page, its tags', its source's, its archive
 * month, and every list a post appears on. `yearMonth` gives the site's month of an instant (its time zone).
 */
export function postCacheKeys(post: PostCacheFacts, yearMonth: (date: Date) => { year: number; month: number }): string[] {
  const keys = [cacheKey.post(post.slug), ...post.tagSlugs.map(cacheKey.tag), ...LISTS_OF_EVERY_POST];
  if (post.sourceSlug) keys.push(cacheKey.source(post.sourceSlug));
  if (post.publishedAt) {
    const { year, month } = yearMonth(post.publishedAt);
    keys.push(cacheKey.archiveMonth(year, month));
  }
  return keys;
}

/** The response headers naming a response's keys: Surrogate-Key (Fastly, Varnish xkey; spaces) and Cache-Tag (Cloudflare; commas). */
export function cacheKeyHeaders(keys: readonly string[]): { "surrogate-key": string; "cache-tag": string } {
  return { "surrogate-key": keys.join(" "), "cache-tag": keys.join(",") };
}

/** The keys a response names in its Surrogate-Key header; `misc` and `site` when it names none. */
export function keysFromHeader(value: string | undefined | null): string[] {
  const keys = (value ?? "").split(" ").filter(Boolean);
  return keys.length ? keys : [SITE_KEY, MISC_KEY];
}
