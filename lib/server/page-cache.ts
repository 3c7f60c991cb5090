// Finished public pages, feeds and the sitemap, kept in memory by the HTTP server so that a reader's request costs no
// React render and no route handler.
//
// Every HTML response carries a Content-Security-Policy with a nonce of its own. A page is stored with the nonce it was
// rendered with cut out (the body is kept as the pieces between its occurrences), and each response joins the pieces
// with a fresh nonce and puts the same nonce in its policy. That nonce was random and unseen when the page was
// rendered, so only the places where Next put it (its script tags) carry it, never text from the database.
//
// Entries belong to a generation of public content (lib/cache/generation.ts): when anything readers see changes, or
// a scheduled post falls due, the generation moves on and every stored page is stale at once.

import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { isNotModified } from "../http/conditional";
import { canonicalRequestPath, readerPathKind } from "../http/paths";

export type RenderedResponse = { status: number; headers: Array<[string, string]>; body: Buffer };

export type StoredPage = {
  /** Response headers without the hop-by-hop and length headers; the nonce in the policy is cut out too. */
  headerPieces: Array<[string, string[]]>;
  /** The body split where the rendering nonce stood (one piece for a document without a nonce). */
  bodyPieces: Buffer[];
  /** The validators of a feed or sitemap, for conditional requests. */
  etag?: string;
  lastModified?: string;
  bytes: number;
};

// Headers that describe one transfer, not the page.
const TRANSFER_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date"]);

/** True for a header that belongs to one transfer (length, encoding, connection, date) rather than to the page. */
export function isTransferHeader(name: string): boolean {
  return TRANSFER_HEADERS.has(name);
}
const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9+/_=-]+)'/;

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

function splitBuffer(buffer: Buffer, separator: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  for (let at = buffer.indexOf(separator); at !== -1; at = buffer.indexOf(separator, start)) {
    pieces.push(buffer.subarray(start, at));
    start = at + separator.length;
  }
  pieces.push(buffer.subarray(start));
  return pieces;
}

// Reader pages are documents: none of their components runs in the browser, and they are tested to work with
// JavaScript off. Next still sends its runtime (about 135 kB compressed) and React's payload for client-side
// navigation; a kept page leaves them out, so readers download no JavaScript and half the HTML. React escapes "<"
// inside inline scripts and text, so "</script>" in its output is always a real end tag. Structured data
// (application/ld+json) is not executed and stays.
const EXECUTABLE_SCRIPT = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g;
const SCRIPT_PRELOAD = /<link\b[^>]*\b(?:as="script"|rel="modulepreload")[^>]*>/g;
// Parts streamed after the shell are put in place by React's inline scripts ($RC, $RS…, placeholders <template
// id="B:…">); such a page keeps its scripts.
const STREAMED_PARTS = /<template id="B:|\$R[A-Z]\s*[(=]/;

/** The page's HTML without the framework's scripts, or unchanged when it needs them to be whole. */
export function withoutClientScripts(html: string): string {
  if (STREAMED_PARTS.test(html)) return html;
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
 * page with a nonce policy or a shareable 200 feed, sitemap or text document.
 */
export function toStoredPage(response: RenderedResponse): StoredPage | null {
  if (response.status !== 200 || !isShareableResponse(response)) return null;
  const contentType = headerValue(response.headers, "content-type") ?? "";
  const kept = response.headers.flatMap(([name, value]): Array<[string, string]> => {
    if (isTransferHeader(name)) return [];
    const links = name === "link" ? pageLinks(value) : value;
    return links === null ? [] : [[name, links]];
  });
  const bytes = (body: Buffer) => ENTRY_OVERHEAD_BYTES + body.length + kept.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  if (DOCUMENT_TYPE.test(contentType)) {
    const etag = headerValue(response.headers, "etag");
    const lastModified = headerValue(response.headers, "last-modified");
    const body = ownedCopy(response.body);
    return { headerPieces: kept.map(([name, value]) => [name, [value]]), bodyPieces: [body], etag, lastModified, bytes: bytes(body) };
  }
  if (!contentType.startsWith("text/html")) return null;
  const nonce = NONCE_IN_POLICY.exec(headerValue(response.headers, "content-security-policy") ?? "")?.[1];
  if (!nonce) return null;
  const body = ownedCopy(Buffer.from(withoutClientScripts(response.body.toString("utf8"))));
  return { headerPieces: kept.map(([name, value]) => [name, value.split(nonce)]), bodyPieces: splitBuffer(body, Buffer.from(nonce)), bytes: bytes(body) };
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

/** A nonce in the form the CSP asks for: 128 random bits, base64. */
export function freshNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The stored page as one response, with `nonce` wherever the rendering nonce stood; 304 without a body when the
 * request's validators (`header` reads them) match a document's.
 */
export function renderStoredPage(page: StoredPage, nonce: string, header: (name: string) => string | null | undefined = () => undefined): RenderedResponse {
  if ((page.etag || page.lastModified) && isNotModified(header, page.etag, page.lastModified)) {
    return {
      status: 304,
      headers: page.headerPieces.filter(([name]) => name !== "content-type").map(([name, pieces]) => [name, pieces.join(nonce)]),
      body: Buffer.alloc(0),
    };
  }
  const nonceBytes = Buffer.from(nonce);
  const body: Buffer[] = [];
  page.bodyPieces.forEach((piece, index) => {
    if (index > 0) body.push(nonceBytes);
    body.push(piece);
  });
  return {
    status: 200,
    headers: page.headerPieces.map(([name, pieces]) => [name, pieces.join(nonce)]),
    body: Buffer.concat(body),
  };
}

/**
 * Stored pages by key for the current generation, the least recently used dropped first beyond `maxBytes` (made-up
 * query strings cannot grow it without bound). Generations only move forward: a newer one empties the cache, and a
 * page rendered under an older one is not kept.
 */
export class PageCache {
  private readonly pages: LRUCache<string, StoredPage>;
  private generation = -1;

  constructor(maxBytes: number) {
    // A page larger than the whole budget is not stored (lru-cache's maxEntrySize defaults to maxSize).
    this.pages = new LRUCache({ maxSize: maxBytes, sizeCalculation: (page) => page.bytes });
  }

  get(key: string, generation: number): StoredPage | undefined {
    return this.isCurrent(generation) ? this.pages.get(key) : undefined;
  }

  set(key: string, generation: number, page: StoredPage): void {
    if (this.isCurrent(generation)) this.pages.set(key, page);
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.pages.calculatedSize };
  }

  private isCurrent(generation: number): boolean {
    if (generation > this.generation) {
      this.pages.clear();
      this.generation = generation;
    }
    return generation === this.generation;
  }
}

/**
 * The page caches of one server within `totalBytes`: addresses with a query string (search words, tracking
 * parameters), which anyone can make up without end, share `queryBytes` of it, so a flood of made-up addresses
 * cannot push the site's pages out or take more memory than that. Gives the cache for a key.
 */
export function pageCachesWithin(totalBytes: number, queryBytes: number): (key: string) => PageCache {
  const pages = new PageCache(totalBytes - queryBytes);
  const queryPages = new PageCache(queryBytes);
  return (key) => (key.includes("?") ? queryPages : pages);
}
