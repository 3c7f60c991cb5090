import "server-only";
import { cachedPublicRead } from "@/lib/cache/public-content";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-policy";
import { isNotModified } from "@/lib/http/conditional";
import { strongEtag } from "@/lib/http/etag";
import { archiveHref } from "./archive";
import { getSitemapPostSummary, listSitemapPostRunDates, listSitemapPosts, listSitemapTaxonomy, type SitemapData } from "./queries";
import { newestChange, renderSitemapIndex, renderUrlset, type SitemapUrl } from "./sitemap-xml";

/**
 * Addresses per sitemap file: the protocol's maximum. (It also caps a file at 50 MB; our addresses are the site's
 * address, at most 300 characters, and a slug path of at most about 100, so 50,000 of them stay near 25 MB.)
 */
export const SITEMAP_URL_LIMIT = 50_000;

/** Where numbered sitemap `n` (from 1) lives, below the site's address. */
const sitemapFilePath = (n: number) => `/sitemap/${n}.xml`;

export type SitemapFile = { body: string; lastModified: Date | null };

/**
 * The document at /sitemap.xml (`file` null) or at numbered sitemap `file`, or null when there is no such file.
 *
 * Up to `limit` public addresses (home, the three indexes, posts, tags, sources and months with public posts) the
 * sitemap is one file at /sitemap.xml, as it always was, and there are no numbered files. Beyond that, /sitemap.xml
 * is an index of numbered files of at most `limit` addresses: first the posts in a stable order (a new post joins the
 * last of them), then the other addresses. The index dates each file by the last change among its addresses.
 *
 * A fixed number of queries per file (the index adds two per file of posts); posts are read one file at a time.
 */
export async function buildSitemapFile(file: number | null, options: { limit?: number; now?: Date } = {}): Promise<SitemapFile | null> {
  const limit = options.limit ?? SITEMAP_URL_LIMIT;
  const now = options.now ?? new Date();
  const [settings, summary, taxonomy] = await Promise.all([readSiteSettings(), getSitemapPostSummary(now), listSitemapTaxonomy(now)]);
  const url = (path: string) => `${settings.url}${path}`;
  const postUrls = (posts: SitemapData["posts"]) => posts.map((post) => ({ loc: url(`/posts/${post.slug}`), lastModified: post.lastModified }));
  const indexes: SitemapUrl[] = ["/", "/tags", "/sources", "/archive"].map((path) => ({ loc: url(path), lastModified: summary.lastModified ?? undefined }));
  const taxonomyUrls: SitemapUrl[] = [
    ...taxonomy.tags.map((tag) => ({ loc: url(`/tags/${tag.slug}`), lastModified: tag.lastModified })),
    ...taxonomy.sources.map((source) => ({ loc: url(`/sources/${source.slug}`), lastModified: source.lastModified })),
    ...taxonomy.months.map((month) => ({ loc: url(archiveHref(month.year, month.month)), lastModified: month.lastModified })),
  ];

  if (indexes.length + summary.count + taxonomyUrls.length <= limit) {
    if (file !== null) return null;
    const posts = await listSitemapPosts({ order: "newest" }, now);
    return { body: renderUrlset([...indexes, ...postUrls(posts), ...taxonomyUrls]), lastModified: summary.lastModified };
  }

  const others = [...indexes, ...taxonomyUrls];
  const postFiles = Math.ceil(summary.count / limit);
  const otherFiles = Math.ceil(others.length / limit);
  const othersOfFile = (n: number) => others.slice((n - postFiles - 1) * limit, (n - postFiles) * limit);
  if (file === null) {
    const runDates = await listSitemapPostRunDates(limit, now);
    const fallback = summary.lastModified ?? now;
    const files = Array.from({ length: postFiles + otherFiles }, (_, i) => {
      const n = i + 1;
      const lastModified = n <= postFiles ? (runDates[i] ?? fallback) : (newestChange(othersOfFile(n)) ?? fallback);
      return { loc: url(sitemapFilePath(n)), lastModified };
    });
    return { body: renderSitemapIndex(files), lastModified: summary.lastModified };
  }
  if (file >= 1 && file <= postFiles) {
    const urls = postUrls(await listSitemapPosts({ order: "stable", skip: (file - 1) * limit, take: limit }, now));
    return urls.length > 0 ? { body: renderUrlset(urls), lastModified: newestChange(urls) } : null;
  }
  if (file > postFiles && file <= postFiles + otherFiles) {
    const urls = othersOfFile(file);
    return { body: renderUrlset(urls), lastModified: newestChange(urls) };
  }
  return null;
}

type RenderedSitemap = { body: string; etag: string; lastModified: string | undefined };

/**
 * The response for /sitemap.xml (`file` null) or /sitemap/<file>.xml: 200 with the document, 304 when the reader's
 * copy is current, 404 for a file that does not exist. Each file is built once per change of public content.
 */
export async function sitemapResponse(request: Request, file: number | null): Promise<Response> {
  const sitemap = await cachedPublicRead<RenderedSitemap | null>(
    `sitemap-file:${file ?? "main"}`,
    ["sitemap"],
    async () => {
      const built = await buildSitemapFile(file);
      return (
        built && {
          body: built.body,
          etag: strongEtag(built.body),
          lastModified: built.lastModified?.toUTCString(),
        }
      );
    },
    (built) => built !== null,
  );
  if (!sitemap) return new Response("No such sitemap.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const headers: Record<string, string> = { ETag: sitemap.etag, "Cache-Control": PUBLIC_CACHE_CONTROL };
  if (sitemap.lastModified) headers["Last-Modified"] = sitemap.lastModified;
  if (isNotModified((name) => request.headers.get(name), sitemap.etag, sitemap.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(sitemap.body, { status: 200, headers: { ...headers, "Content-Type": "application/xml; charset=utf-8" } });
}
