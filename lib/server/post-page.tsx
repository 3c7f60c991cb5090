// Post pages missing from the page cache, rendered here instead of by Next's App Router: the same document
// (components/site/post-document.tsx) at about a fifth of the CPU, which is what a crawler walking thousands of post
// pages after a deploy or a settings change costs. The first post page after start is rendered by Next, and what
// only the build knows (stylesheets, icon, share-image route, the headers Next and proxy.ts send) is read from it.
// Anything else (a slug with no published post, a query string, an error) is left to Next, which renders it as ever.
// POST_PAGE_RENDERER=next leaves every post page to Next.
import { renderToString } from "react-dom/server";
import { PostDocument } from "../../components/site/post-document";
import { cacheKeyHeaders, readerCacheKeys } from "../http/cache-policy";
import { readBuildAssets, type BuildAssets } from "../reader/build-assets";
import { postPageReads } from "../reader/post-page-reads";
import { isTransferHeader, toStoredPage, type RenderedResponse } from "./page-cache";

// A post's address as slugify writes it, without a query: any other spelling is Next's to answer (404, redirect).
const POST_PATH = /^\/posts\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
// Headers that name one page (its cache keys, its validator) rather than every post page.
const PAGE_HEADERS = new Set(["surrogate-key", "cache-tag", "etag"]);

/** The slug of a post page's address, or null for any other address. */
export function postPageSlug(url: string): string | null {
  return POST_PATH.exec(url)?.[1] ?? null;
}

type Frame = { assets: BuildAssets; headers: Array<[string, string]> };

export class PostPageRenderer {
  private frame: Frame | null = null;
  private unreadable = false;

  constructor(private readonly enabled = process.env.POST_PAGE_RENDERER !== "next") {}

  /** Reads the build's assets and the common headers from a post page Next rendered, once. */
  learnFrom(rendered: RenderedResponse): void {
    // Only from a page any cache may keep (no cookie, the fixed reader policy): its headers become every post page's.
    if (!this.enabled || this.frame || rendered.status !== 200 || !toStoredPage(rendered)) return;
    const assets = readBuildAssets(rendered.body.toString("utf8"));
    if (!assets) {
      // Said once: every post page Next renders after this would say it again.
      if (!this.unreadable) console.error("[post pages] Next's post page does not name its assets as expected; Next keeps rendering post pages.");
      this.unreadable = true;
      return;
    }
    this.frame = { assets, headers: rendered.headers.filter(([name]) => !PAGE_HEADERS.has(name) && !isTransferHeader(name)) };
  }

  /** The post page for `slug`, or null when it is Next's to render (nothing learned yet, no such published post). */
  async render(slug: string): Promise<RenderedResponse | null> {
    const reads = postPageReads();
    if (!this.frame || !reads) return null;
    const found = await reads(slug);
    if (!found) return null;
    const html = `<!DOCTYPE html>${renderToString(<PostDocument settings={found.settings} post={found.post} assets={this.frame.assets} />)}`;
    const keys = Object.entries(cacheKeyHeaders(readerCacheKeys(`/posts/${slug}`)));
    return { status: 200, headers: [...this.frame.headers, ...keys], body: Buffer.from(html) };
  }
}
