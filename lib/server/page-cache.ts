// Finished public pages, feeds and the sitemap, kept in memory by the HTTP server so that a reader's request costs no
// React render and no route handler.
//
// Reader pages carry a fixed Content-Security-Policy without a nonce (proxy.ts), so a stored page is sent as it was
// rendered, with a strong ETag of its body. Pages are kept compressed with brotli (a post page shrinks from about
// 20 kB to 4 kB, so 5,000 of them fit in the budget) and sent so to every reader that accepts it, which is every
// current browser; others get it decompressed. Each page names the keys of what it shows in its Surrogate-Key header
// (lib/http/cache-policy.ts); when public content changes, the pages naming an invalidated key are dropped, and the
// others stay.

import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import { LRUCache } from "lru-cache";
import { keysFromHeader, SITE_KEY } from "../http/cache-policy";
import { isNotModified } from "../http/conditional";
import { strongEtag } from "../http/etag";
import { canonicalRequestPath, readerPathKind } from "../http/paths";

/** A response; `encoding` says when its body is compressed already. */
export type RenderedResponse = { status: number; headers: Array<[string, string]>; body: Buffer; encoding?: "br" };

export type StoredPage = {
  /** Response headers without the hop-by-hop and length headers, the ETag included. */
  headers: Array<[string, string]>;
  /** The body compressed with brotli. */
  brotli: Buffer;
  /** A strong validator of the body, and a feed's or sitemap's date, for conditional requests. */
  etag: string;
  lastModified?: string;
  /** What the page shows (its Surrogate-Key header). */
  keys: readonly string[];
  bytes: number;
};

// Headers that describe one transfer, not the page.
const TRANSFER_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date"]);

/** True for a header that belongs to one transfer (length, encoding, connection, date) rather than to the page. */
export function isTransferHeader(name: string): boolean {
  return TRANSFER_HEADERS.has(name);
}
const NONCE_IN_POLICY = /'nonce-/;

// Next's resource hints in a Link header: they name scripts a stored page no longer loads.
const RESOURCE_HINT = /;\s*rel="?(?:preload|modulepreload|prefetch|preconnect|dns-prefetch)\b/i;

/** A Link header's links without the resource hints (the home page's rel="micropub" stays), or null when none is left. */
function pageLinks(value: string): string | null {
  const kept = value.split(/,\s*(?=<)/).filter((link) => !RESOURCE_HINT.test(link));
  return kept.length ? kept.join(", ") : null;
}

type RequestShape = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

const DOCUMENT_TYPE = /^(application\/(rss\+xml|atom\+xml|feed\+json|xml|json)|text\/(xml|plain))\b/;

/**
 * True for a request that may be answered from the page cache: a plain GET of a public page (an address without a
 * file extension) or document (.xml, .json, .txt), spelled the one way the router reads it, and not a client-side
 * navigation or Server Action, which ask for React's payload rather than HTML.
 */
export function isPublicPageRequest(request: RequestShape): boolean {
  if (request.method !== "GET" || !request.url) return false;
  const path = canonicalRequestPath(request.url);
  if (path === null || readerPathKind(path) === null) return false;
  const queryStart = request.url.indexOf("?");
  if (queryStart !== -1 && /(^|&)_rsc=/.test(request.url.slice(queryStart + 1))) return false;
  return !Object.keys(request.headers).some((name) => name === "rsc" || name.startsWith("next-"));
}

/** The key of a page: the host it was asked for (pages name their own address) and the path with its query. */
export function pageCacheKey(request: RequestShape): string {
  return `${String(request.headers.host ?? "")}${request.url ?? "/"}`;
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([key]) => key === name)?.[1];
}

// Reader pages are documents: none of their components runs in the browser, and they are tested to work with
// JavaScript off. Next still sends its runtime (about 135 kB compressed) and React's payload for client-side
// navigation; a kept page leaves them out, so readers download no JavaScript and half the HTML. React escapes "<"
// inside inline scripts and text, so "</script>" in its output is always a real end tag. Structured data
// (application/ld+json) is not executed and stays.
const EXECUTABLE_SCRIPT = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g;
const SCRIPT_PRELOAD = /<link\b[^>]*\b(?:as="script"|rel="modulepreload")[^>]*>/g;
// Parts streamed after the shell are put in place by React's inline scripts ($RC, $RS…, placeholders <template
// id="B:…">), which the reader policy does not allow: reader pages render whole before they are sent (no Suspense
// boundary, no loading.tsx), and a page that streams anyway is not kept.
const STREAMED_PARTS = /<template id="B:|\$R[A-Z]\s*[(=]/;

/** True for HTML that React streams in parts put in place by scripts. */
export function hasStreamedParts(html: string): boolean {
  return STREAMED_PARTS.test(html);
}

/** The page's HTML without the framework's scripts. */
export function withoutClientScripts(html: string): string {
  return html.replace(EXECUTABLE_SCRIPT, "").replace(SCRIPT_PRELOAD, "");
}

/**
 * True when the response says any cache may keep it: `Cache-Control` names `public` (proxy.ts marks reader pages so,
 * feeds and the sitemap say so themselves) and neither `private` nor `no-store`, and it sets no cookie.
 */
function isShareableResponse(response: RenderedResponse): boolean {
  if (headerValue(response.headers, "set-cookie") !== undefined) return false;
  const directives = (headerValue(response.headers, "cache-control") ?? "")
    .toLowerCase()
    .split(",")
    .map((part) => part.trim().split("=")[0]);
  return directives.includes("public") && !directives.includes("private") && !directives.includes("no-store");
}

/**
 * The response as a page or document to keep, or null when it must not be shared: anything but a shareable 200 HTML
 * page under the fixed reader policy (a policy with a nonce belongs to one response only) that renders whole, or a
 * shareable 200 feed, sitemap or text document. The body gets a strong ETag.
 */
export function toStoredPage(response: RenderedResponse): StoredPage | null {
  if (response.status !== 200 || !isShareableResponse(response)) return null;
  const contentType = headerValue(response.headers, "content-type") ?? "";
  let body: Buffer;
  if (DOCUMENT_TYPE.test(contentType)) body = ownedCopy(response.body);
  else if (contentType.startsWith("text/html")) {
    const policy = headerValue(response.headers, "content-security-policy");
    const html = response.body.toString("utf8");
    if (!policy || NONCE_IN_POLICY.test(policy) || hasStreamedParts(html)) return null;
    body = ownedCopy(Buffer.from(withoutClientScripts(html)));
  } else return null;
  const etag = strongEtag(body);
  // Quality 5: within a few percent of the best size for pages this small, at about a millisecond, once per render. A
  // 256 kB window (the default is 4 MB) holds any page or feed whole and keeps each compression's working memory small.
  const brotli = ownedCopy(
    brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: 18, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  );
  const headers = response.headers.flatMap(([name, value]): Array<[string, string]> => {
    if (isTransferHeader(name) || name === "etag") return [];
    const links = name === "link" ? pageLinks(value) : value;
    return links === null ? [] : [[name, links]];
  });
  headers.push(["etag", etag]);
  const bytes = ENTRY_OVERHEAD_BYTES + brotli.length + headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  const lastModified = headerValue(response.headers, "last-modified");
  return { headers, brotli, etag, lastModified, keys: keysFromHeader(headerValue(response.headers, "surrogate-key")), bytes };
}

// What a kept entry costs besides its body and header text: the page object, its header arrays and its key. Measured
// with --expose-gc over 5,000 search pages: about 2.1 kB of heap each, of which about 0.9 kB is header text.
const ENTRY_OVERHEAD_BYTES = 1280;

/**
 * The bytes in a memory block of their own. Node serves buffers under 4 kB from shared 8 kB blocks, and one kept page
 * would hold its whole block alive: a 3.5 kB search page cost 8 kB that the budget did not see.
 */
function ownedCopy(buffer: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
}

/**
 * The stored page as one response: brotli-compressed when `acceptsBrotli`, else decompressed; 304 without a body when
 * the request's validators (`header` reads them) match. One ETag names the page in every encoding: it is the same
 * document, and each response says `Vary: Accept-Encoding`.
 */
export function renderStoredPage(
  page: StoredPage,
  header: (name: string) => string | null | undefined = () => undefined,
  acceptsBrotli = false,
): RenderedResponse {
  if (isNotModified(header, page.etag, page.lastModified)) {
    return { status: 304, headers: page.headers.filter(([name]) => name !== "content-type"), body: Buffer.alloc(0) };
  }
  if (acceptsBrotli) return { status: 200, headers: page.headers, body: page.brotli, encoding: "br" };
  return { status: 200, headers: page.headers, body: brotliDecompressSync(page.brotli) };
}

/**
 * Stored pages by key, the least recently used dropped first beyond `maxBytes` (made-up query strings cannot grow it
 * without bound). An invalidation drops the pages naming one of its keys (everything for `site`) and moves the epoch
 * on: a page whose render began in an older epoch may show what changed, and is not kept.
 */
export class PageCache {
  private readonly pages: LRUCache<string, StoredPage>;
  private currentEpoch = 0;

  constructor(maxBytes: number) {
    // A page larger than the whole budget is not stored (lru-cache's maxEntrySize defaults to maxSize).
    this.pages = new LRUCache({ maxSize: maxBytes, sizeCalculation: (page) => page.bytes });
  }

  /** Changes with every invalidation; take it before rendering and hand it to set(). */
  get epoch(): number {
    return this.currentEpoch;
  }

  get(key: string): StoredPage | undefined {
    return this.pages.get(key);
  }

  /** Keeps the page unless an invalidation came after `epoch` (when its render began). */
  set(key: string, epoch: number, page: StoredPage): boolean {
    if (epoch !== this.currentEpoch) return false;
    this.pages.set(key, page);
    return true;
  }

  invalidate(keys: readonly string[]): void {
    this.currentEpoch += 1;
    if (keys.includes(SITE_KEY)) return this.pages.clear();
    const dropped = new Set(keys);
    for (const [key, page] of this.pages.entries()) if (page.keys.some((name) => dropped.has(name))) this.pages.delete(key);
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.pages.calculatedSize };
  }
}

export type PageCaches = { cacheFor(key: string): PageCache; invalidate(keys: readonly string[]): void };

/**
 * The page caches of one server within `totalBytes`: addresses with a query string (search words, tracking
 * parameters), which anyone can make up without end, share `queryBytes` of it, so a flood of made-up addresses
 * cannot push the site's pages out or take more memory than that.
 */
export function pageCachesWithin(totalBytes: number, queryBytes: number): PageCaches {
  const pages = new PageCache(totalBytes - queryBytes);
  const queryPages = new PageCache(queryBytes);
  return {
    cacheFor: (key) => (key.includes("?") ? queryPages : pages),
    invalidate(keys) {
      pages.invalidate(keys);
      queryPages.invalidate(keys);
    },
  };
}
