// Finished public pages, kept in memory by the HTTP server so that a reader's request costs no React render.
//
// Every HTML response carries a Content-Security-Policy with a nonce of its own. A page is stored with the nonce it was
// rendered with cut out (the body is kept as the pieces between its occurrences), and each response joins the pieces
// with a fresh nonce and puts the same nonce in its policy. That nonce was random and unseen when the page was
// rendered, so only the places where Next put it (its script tags) carry it, never text from the database.
//
// Entries belong to a generation of public content (lib/cache/generation.ts): when anything readers see changes, or
// a scheduled post falls due, the generation moves on and every stored page is stale at once.

import { randomBytes } from "node:crypto";

export type RenderedResponse = { status: number; headers: Array<[string, string]>; body: Buffer };

export type StoredPage = {
  /** Response headers without the hop-by-hop and length headers; the nonce in the policy is cut out too. */
  headerPieces: Array<[string, string[]]>;
  /** The body split where the rendering nonce stood. */
  bodyPieces: Buffer[];
  bytes: number;
};

// Addresses outside the public pages: sign-in, admin, auth API, framework assets.
const PRIVATE_PREFIXES = ["/admin", "/login", "/setup", "/invite", "/reset-password", "/forgot-password", "/api", "/_next"];
// Headers that describe one transfer, not the page.
const TRANSFER_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date"]);

/** True for a header that belongs to one transfer (length, encoding, connection, date) rather than to the page. */
export function isTransferHeader(name: string): boolean {
  return TRANSFER_HEADERS.has(name);
}
const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9+/_=-]+)'/;

type RequestShape = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

/**
 * True for a request that may be answered from the page cache: a plain GET of a public address without a file
 * extension (pages, not feeds, images or the sitemap), and not a client-side navigation or Server Action, which ask
 * for React's payload rather than HTML.
 */
export function isPublicPageRequest(request: RequestShape): boolean {
  if (request.method !== "GET" || !request.url?.startsWith("/")) return false;
  const queryStart = request.url.indexOf("?");
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  if (PRIVATE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  if (lastSegment.includes(".") || path.includes("opengraph-image")) return false;
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

/**
 * The response as a page to keep, or null when it must not be shared: anything but a 200 HTML page with a nonce
 * policy, and any response that sets a cookie.
 */
export function toStoredPage(response: RenderedResponse): StoredPage | null {
  if (response.status !== 200) return null;
  if (!headerValue(response.headers, "content-type")?.startsWith("text/html")) return null;
  if (headerValue(response.headers, "set-cookie") !== undefined) return null;
  const nonce = NONCE_IN_POLICY.exec(headerValue(response.headers, "content-security-policy") ?? "")?.[1];
  if (!nonce) return null;
  const kept = response.headers.filter(([name]) => !isTransferHeader(name));
  const headerPieces = kept.map(([name, value]): [string, string[]] => [name, value.split(nonce)]);
  const bodyPieces = splitBuffer(Buffer.from(response.body), Buffer.from(nonce));
  const bytes = bodyPieces.reduce((sum, piece) => sum + piece.length, 0) + kept.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  return { headerPieces, bodyPieces, bytes };
}

/** A nonce in the form the CSP asks for: 128 random bits, base64. */
export function freshNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The stored page as one response, with `nonce` wherever the rendering nonce stood. */
export function renderStoredPage(page: StoredPage, nonce: string): RenderedResponse {
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
  private readonly pages = new Map<string, StoredPage>();
  private bytes = 0;
  private generation = -1;

  constructor(private readonly maxBytes: number) {}

  get(key: string, generation: number): StoredPage | undefined {
    if (!this.isCurrent(generation)) return undefined;
    const page = this.pages.get(key);
    if (page) {
      // Map order is the eviction order: a hit becomes the newest entry.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, generation: number, page: StoredPage): void {
    if (!this.isCurrent(generation) || page.bytes > this.maxBytes) return;
    const previous = this.pages.get(key);
    if (previous) {
      this.pages.delete(key);
      this.bytes -= previous.bytes;
    }
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, stored] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= stored.bytes;
    }
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }

  private isCurrent(generation: number): boolean {
    if (generation > this.generation) {
      this.pages.clear();
      this.bytes = 0;
      this.generation = generation;
    }
    return generation === this.generation;
  }
}
