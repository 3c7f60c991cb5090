import { markdownToText, renderMarkdown } from "@/lib/markdown/render";
import type { SiteSettings } from "@/lib/settings/schema";
import { escapeHtml } from "@/lib/markup/escape";
import type { FeedChannel, FeedEntry } from "./formats";
import type { FeedPost, FeedScope } from "./queries";

const FEED_FILES = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" } as const;
export type FeedFormat = keyof typeof FEED_FILES;

/** The path of a scope's listing page ("/", "/tags/<slug>", "/sources/<slug>"). */
function scopePath(scope: FeedScope): string {
  return scope.kind === "site" ? "/" : `/${scope.kind === "tag" ? "tags" : "sources"}/${scope.slug}`;
}

/** The path of one format of a scope's feed, such as "/tags/kubernetes/atom.xml". */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  return `${scopePath(scope).replace(/\/$/, "")}/${FEED_FILES[format]}`;
}

/** The absolute address of each format of a scope's feed: what the feed calls itself, and what WebSub pings name. */
export function feedUrls(siteUrl: string, scope: FeedScope): Record<FeedFormat, string> {
  return { rss: `${siteUrl}${feedPath(scope, "rss")}`, atom: `${siteUrl}${feedPath(scope, "atom")}`, json: `${siteUrl}${feedPath(scope, "json")}` };
}

// The item body: TL;DR, the rendered summary and commentary (already sanitized), then where the post comes from and
// the link to the article itself, so a reader that shows only the body still reaches the original.
function contentHtml(post: FeedPost, siteUrl: string): string {
  const parts: string[] = [];
  const tldr = renderMarkdown(post.tldr);
  if (tldr) parts.push(`<p><strong>TL;DR:</strong></p>${tldr}`);
  const summary = renderMarkdown(post.summary);
  if (summary) parts.push(summary);
  const commentary = renderMarkdown(post.commentary);
  if (commentary) parts.push(`<h3>Commentary</h3>${commentary}`);
  const source = post.source ? ` from <a href="${escapeHtml(`${siteUrl}/sources/${post.source.slug}`)}">${escapeHtml(post.source.name)}</a>` : "";
  parts.push(`<p><a href="${escapeHtml(post.externalUrl)}">Read the original article</a>${source}.</p>`);
  if (post.archiveUrl) parts.push(`<p>The original appears to be gone: <a href="${escapeHtml(post.archiveUrl)}">read the archived copy</a>.</p>`);
  return parts.join("\n");
}

function toEntry(post: FeedPost, siteUrl: string): FeedEntry {
  return {
    permalink: `${siteUrl}/posts/${post.slug}`,
    externalUrl: post.externalUrl,
    title: post.title,
    publishedAt: post.publishedAt,
    // A post scheduled ahead was last edited before it appeared; its entry is new when it is published.
    updatedAt: post.updatedAt > post.publishedAt ? post.updatedAt : post.publishedAt,
    tldr: markdownToText(post.tldr),
    contentHtml: contentHtml(post, siteUrl),
    tags: post.tags.map((tag) => ({ name: tag.name, url: `${siteUrl}/tags/${tag.slug}` })),
    source: post.source
      ? {
          name: post.source.name,
          url: `${siteUrl}/sources/${post.source.slug}`,
          feedUrl: `${siteUrl}${feedPath({ kind: "source", slug: post.source.slug }, "rss")}`,
        }
      : null,
  };
}

/** Everything a feed document needs, with absolute URLs on the site's public address. */
export function buildFeedChannel(settings: SiteSettings, scope: FeedScope, name: string | null, posts: FeedPost[]): FeedChannel {
  const siteUrl = settings.url;
  const entries = posts.map((post) => toEntry(post, siteUrl));
  const title = scope.kind === "site" ? settings.title : scope.kind === "tag" ? `${settings.title}: #${name}` : `${settings.title}: ${name}`;
  const description = scope.kind === "site" ? settings.description : scope.kind === "tag" ? `Posts tagged #${name}` : `Posts from ${name}`;
  return {
    title,
    description,
    language: settings.language,
    homeUrl: scope.kind === "site" ? siteUrl : `${siteUrl}${scopePath(scope)}`,
    siteTitle: settings.title,
    siteUrl,
    feedUrls: feedUrls(siteUrl, scope),
    hubUrl: settings.websubHubUrl,
    updated: new Date(Math.max(0, ...entries.map((entry) => entry.updatedAt.getTime()))),
    entries,
  };
}
