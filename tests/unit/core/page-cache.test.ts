import { describe, expect, it } from "vitest";
import { freshNonce, isPublicPageRequest, PageCache, pageCacheKey, renderStoredPage, toStoredPage, type RenderedResponse } from "@/lib/server/page-cache";

const NONCE = "ZTk0YjU5ZTQtM2Y4Ny00YzQ1LWE0ZjAtN2E2ZDEyMzQ1Njc4";

function htmlResponse(overrides: Partial<RenderedResponse> = {}): RenderedResponse {
  return {
    status: 200,
    headers: [
      ["content-type", "text/html; charset=utf-8"],
      ["content-security-policy", `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'nonce-${NONCE}'`],
      ["x-content-type-options", "nosniff"],
      ["content-length", "999"],
      ["date", "Thu, 26 Nov 2026 07:00:00 GMT"],
      ["connection", "keep-alive"],
    ],
    body: Buffer.from(`<html><head><script nonce="${NONCE}" src="/_next/a.js"></script></head><body><p>Ünïcode &amp; “text”</p><script nonce="${NONCE}">self.__next_f.push([1])</script></body></html>`),
    ...overrides,
  };
}

function get(url: string, headers: Record<string, string> = {}) {
  return { method: "GET", url, headers: { host: "blog.example", ...headers } };
}

describe("which requests the page cache may answer", () => {
  it.each(["/", "/page/2", "/posts/some-post", "/tags/kubernetes", "/sources/cncf", "/archive/2026/11", "/search?q=ebpf", "/tags"])("a public page: %s", (url) => {
    expect(isPublicPageRequest(get(url))).toBe(true);
  });

  it.each([
    "/admin",
    "/admin/posts",
    "/login?callbackUrl=%2Fadmin",
    "/setup",
    "/invite/abc",
    "/reset-password/abc",
    "/forgot-password",
    "/api/auth/session",
    "/_next/static/chunks/main.js",
    "/feed.xml",
    "/tags/kubernetes/feed.json",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/posts/some-post/opengraph-image-1x2y3z",
    "/tags/kubernetes?_rsc=abc12",
  ])("not a cached page: %s", (url) => {
    expect(isPublicPageRequest(get(url))).toBe(false);
  });

  it("leaves client navigations, prefetches and non-GET methods to Next", () => {
    expect(isPublicPageRequest(get("/", { rsc: "1" }))).toBe(false);
    expect(isPublicPageRequest(get("/", { "next-router-prefetch": "1" }))).toBe(false);
    expect(isPublicPageRequest(get("/", { "next-action": "abc" }))).toBe(false);
    expect(isPublicPageRequest({ ...get("/"), method: "HEAD" })).toBe(false);
    expect(isPublicPageRequest({ ...get("/"), method: "POST" })).toBe(false);
  });

  it("keys pages by host, path and query", () => {
    expect(pageCacheKey(get("/search?q=a"))).not.toBe(pageCacheKey(get("/search?q=b")));
    expect(pageCacheKey(get("/"))).not.toBe(pageCacheKey({ ...get("/"), headers: { host: "other.example" } }));
  });
});

describe("storing a rendered page", () => {
  it("keeps only a 200 HTML page with a nonce policy and no cookie", () => {
    expect(toStoredPage(htmlResponse())).not.toBeNull();
    expect(toStoredPage(htmlResponse({ status: 404 }))).toBeNull();
    expect(toStoredPage(htmlResponse({ status: 308 }))).toBeNull();
    expect(toStoredPage(htmlResponse({ headers: [...htmlResponse().headers, ["set-cookie", "a=b"]] }))).toBeNull();
    expect(toStoredPage(htmlResponse({ headers: htmlResponse().headers.filter(([name]) => name !== "content-security-policy") }))).toBeNull();
    const feed = htmlResponse({ headers: htmlResponse().headers.map(([name, value]) => [name, name === "content-type" ? "application/rss+xml" : value]) });
    expect(toStoredPage(feed)).toBeNull();
  });

  it("gives each response its own nonce, in the policy and on every script, and nothing else changes", () => {
    const page = toStoredPage(htmlResponse())!;
    const first = renderStoredPage(page, freshNonce());
    const second = renderStoredPage(page, freshNonce());
    const nonceOf = (response: RenderedResponse) => /'nonce-([^']+)'/.exec(response.headers.find(([name]) => name === "content-security-policy")![1])![1];
    const [a, b] = [nonceOf(first), nonceOf(second)];
    expect(a).not.toBe(b);
    for (const [response, nonce] of [
      [first, a],
      [second, b],
    ] as const) {
      const body = response.body.toString("utf8");
      expect(body).not.toContain(NONCE);
      expect(body.match(/nonce="([^"]+)"/g)).toEqual([`nonce="${nonce}"`, `nonce="${nonce}"`]);
      expect(response.headers.find(([name]) => name === "content-security-policy")![1].match(/'nonce-[^']+'/g)).toEqual([`'nonce-${nonce}'`, `'nonce-${nonce}'`]);
      expect(body.replaceAll(nonce, NONCE)).toBe(htmlResponse().body.toString("utf8"));
    }
  });

  it("drops the headers of one transfer and keeps the page's own", () => {
    const names = renderStoredPage(toStoredPage(htmlResponse())!, freshNonce()).headers.map(([name]) => name);
    expect(names).toEqual(["content-type", "content-security-policy", "x-content-type-options"]);
  });

  it("makes nonces of 128 random bits in base64", () => {
    const nonces = new Set(Array.from({ length: 200 }, freshNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("PageCache", () => {
  const page = () => toStoredPage(htmlResponse())!;

  it("answers within a generation and forgets everything when the generation moves on", () => {
    const cache = new PageCache(1024 * 1024);
    cache.set("a", 1, page());
    expect(cache.get("a", 1)).toBeDefined();
    expect(cache.get("a", 2)).toBeUndefined();
    expect(cache.size.pages).toBe(0);
    expect(cache.get("a", 1)).toBeUndefined();
  });

  it("does not keep a page rendered under an older generation", () => {
    const cache = new PageCache(1024 * 1024);
    expect(cache.get("a", 5)).toBeUndefined();
    cache.set("a", 4, page());
    expect(cache.get("a", 5)).toBeUndefined();
  });

  it("stays within its byte limit, dropping the least recently used page", () => {
    const one = page();
    const cache = new PageCache(one.bytes * 2);
    cache.set("a", 1, one);
    cache.set("b", 1, page());
    expect(cache.get("a", 1)).toBeDefined();
    cache.set("c", 1, page());
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("a", 1)).toBeDefined();
    expect(cache.get("c", 1)).toBeDefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(one.bytes * 2);
  });

  it("counts a replaced page once", () => {
    const cache = new PageCache(1024 * 1024);
    cache.set("a", 1, page());
    cache.set("a", 1, page());
    expect(cache.size).toEqual({ pages: 1, bytes: page().bytes });
  });
});
