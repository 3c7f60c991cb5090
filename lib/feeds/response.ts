import "server-only";
import { cacheKey, PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-policy";
import { isNotModified } from "@/lib/http/conditional";
import { strongEtag } from "@/lib/http/etag";
import { cachedPublicRead } from "@/lib/cache/public-content";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { findMovedSlug } from "@/lib/redirects/queries";
import { movedPath } from "@/lib/redirects/schema";
import { buildFeedChannel, type FeedFormat } from "./channel";
import { feedLinkHeader, renderAtom, renderJsonFeed, renderRss } from "./formats";
import { listFeedPosts, type FeedScope } from "./queries";

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;
const CONTENT_TYPES = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
} as const;

type RenderedFeed = { body: string; etag: string; lastModified: string; links: string };

// A feed is rendered once per change of public content and then served from memory to every reader.
function loadFeed(scope: FeedScope, format: FeedFormat): Promise<RenderedFeed | null> {
  const key = `feed:${format}:${scope.kind}:${scope.kind === "site" ? "" : scope.slug}`;
  const dependsOn = scope.kind === "site" ? "feeds" : scope.kind === "tag" ? cacheKey.tag(scope.slug) : cacheKey.source(scope.slug);
  return cachedPublicRead(
    key,
    [dependsOn],
    async () => {
      const [settings, data] = await Promise.all([readSiteSettings(), listFeedPosts(scope)]);
      if (!data) return null;
      const channel = buildFeedChannel(settings, scope, data.name, data.posts);
      const body = RENDERERS[format](channel);
      return { body, etag: strongEtag(body), lastModified: channel.updated.toUTCString(), links: feedLinkHeader(channel, format) };
    },
    (feed) => feed !== null,
  );
}

/** The response for one feed: 200 with the document, 304 when the reader's copy is current, 404 for an unknown scope. */
export async function feedResponse(request: Request, scope: FeedScope, format: FeedFormat): Promise<Response> {
  const feed = await loadFeed(scope, format);
  if (!feed) {
    // A tag's or source's old address: its feed moved with it (feed readers update their subscription on a 301).
    const moved = scope.kind !== "site" && (await findMovedSlug(scope.kind, scope.slug));
    if (scope.kind !== "site" && moved)
      return new Response(null, { status: 301, headers: { Location: movedPath(scope.kind, new URL(request.url).pathname, moved) } });
    return new Response("No such feed.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // Readers ask again each time and shared caches briefly keep a copy; the ETag makes asking cheap.
  const headers = { ETag: feed.etag, "Last-Modified": feed.lastModified, "Cache-Control": PUBLIC_CACHE_CONTROL, Link: feed.links };
  if (isNotModified((name) => request.headers.get(name), feed.etag, feed.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(feed.body, { status: 200, headers: { ...headers, "Content-Type": CONTENT_TYPES[format] } });
}
