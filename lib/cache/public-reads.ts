import "server-only";
import { withRenderedText } from "@/lib/markdown/render";
import {
  getPublishedPostBySlug,
  listPublicSources,
  listPublicTags,
  listPublishedMonths,
  listPublishedPosts,
  type Page,
  type PublicPostCard,
} from "@/lib/posts/queries";
import { getSiteSettings } from "@/lib/settings/queries";
import { startOfZonedMonth } from "@/lib/time-zone";
import { getSourceBySlug } from "@/lib/sources/queries";
import { getTagBySlug } from "@/lib/tags/queries";
import { cacheKey, SITE_KEY } from "@/lib/http/cache-policy";
import { cachedPublicRead } from "./public-content";

// The reads behind public pages, each kept in the public content cache. Keys name every input of the read; each read
// names the cache keys (lib/http/cache-policy.ts) whose invalidation drops it.

/** The site settings, as every public page, feed and the sitemap use them. */
export function readSiteSettings() {
  return cachedPublicRead("settings", [SITE_KEY], getSiteSettings);
}

export type PostListFilter = { tagSlug?: string; sourceSlug?: string; month?: { year: number; month: number } };

/** One page of published posts, at the site's posts-per-page setting, optionally of a tag, a source or a month. */
export async function readPostList(filter: PostListFilter, page: number): Promise<Page<PublicPostCard>> {
  const { postsPerPage, timeZone } = await readSiteSettings();
  // A month is the site's: from its first midnight in the site's time zone to the next month's.
  const range = filter.month
    ? {
        publishedFrom: startOfZonedMonth(filter.month.year, filter.month.month, timeZone),
        publishedBefore: startOfZonedMonth(filter.month.year + Math.floor(filter.month.month / 12), (filter.month.month % 12) + 1, timeZone),
      }
    : {};
  const dependsOn = filter.tagSlug
    ? cacheKey.tag(filter.tagSlug)
    : filter.sourceSlug
      ? cacheKey.source(filter.sourceSlug)
      : filter.month
        ? cacheKey.archiveMonth(filter.month.year, filter.month.month)
        : "home";
  return cachedPublicRead(
    `posts:${JSON.stringify([filter.tagSlug, filter.sourceSlug, filter.month?.year, filter.month?.month, page, postsPerPage])}`,
    [dependsOn],
    () => listPublishedPosts({ page, perPage: postsPerPage, tagSlug: filter.tagSlug, sourceSlug: filter.sourceSlug, ...range }),
    (result) => result.items.length > 0 || page === 1,
  );
}

/** A published post with its summary and commentary rendered to safe HTML, or null. */
export function readPublishedPost(slug: string) {
  return cachedPublicRead(
    `post:${slug}`,
    [cacheKey.post(slug)],
    async () => {
      const post = await getPublishedPostBySlug(slug);
      return post && withRenderedText(post);
    },
    (post) => post !== null,
  );
}

/** A tag or source by slug (name and slug), or null. */
export function readTaxonomyEntity(kind: "tag" | "source", slug: string) {
  return cachedPublicRead(
    `${kind}:${slug}`,
    [kind === "tag" ? cacheKey.tag(slug) : cacheKey.source(slug)],
    async () => {
      const entity = await (kind === "tag" ? getTagBySlug(slug) : getSourceBySlug(slug));
      return entity && { name: entity.name, slug: entity.slug };
    },
    (entity) => entity !== null,
  );
}

/** Tags or sources with published posts and their counts, for the /tags and /sources indexes. */
export function readTaxonomyIndex(kind: "tag" | "source") {
  return cachedPublicRead(`${kind}-index`, [`${kind}s`], () => (kind === "tag" ? listPublicTags() : listPublicSources()));
}

/** The months with published posts, newest first. */
export function readArchiveMonths() {
  return cachedPublicRead("archive-months", ["archive"], async () => listPublishedMonths((await readSiteSettings()).timeZone));
}
