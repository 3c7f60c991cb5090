import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { strongEtag } from "@/lib/http/etag";
import {
  hasStreamedParts,
  isPublicPageRequest,
  PageCache,
  pageCacheKey,
  pageCachesWithin,
  renderStoredPage,
  toStoredPage,
  withoutClientScripts,
  type RenderedResponse,
} from "@/lib/server/page-cache";

const NONCE = "ZTk0YjU5ZTQtM2Y4Ny00YzQ1LWE0ZjAtN2E2ZDEyMzQ1Njc4";
const READER_POLICY = "default-src 'none'; script-src 'none'; style-src 'self'";

function htmlResponse(overrides: Partial<RenderedResponse> = {}): RenderedResponse {
  return {
    status: 200,
    headers: [
      ["content-type", "text/html; charset=utf-8"],
      ["content-security-policy", READER_POLICY],
      ["x-content-type-options", "nosniff"],
      ["cache-control", "public, no-cache"],
      ["surrogate-key", "site post-a"],
      ["content-length", "999"],
      ["date", "Thu, 26 Nov 2026 07:00:00 GMT"],
      ["connection", "keep-alive"],
    ],
    body: Buffer.from(
      `<html><head><link rel="stylesheet" href="/_next/a.css"/><link rel="preload" as="script" href="/_next/a.js"/>` +
        `<script src="/_next/a.js" async=""></script></head><body><p>Ünïcode &amp; “text” &lt;script&gt;</p>` +
        `<script type="application/ld+json">{"@type":"SocialMediaPosting"}</script>` +
        `<script>self.__next_f.push([1,"\\u003c/script>"])</script></body></html>`,
    ),
    ...overrides,
  };
}

function get(url: string, headers: Record<string, string> = {}) {
  return { method: "GET", url, headers: { host: "blog.example", ...headers } };
}

describe("which requests the page cache may answer", () => {
  it.each([
    "/",
    "/page/2",
    "/posts/some-post",
    "/tags/kubernetes",
    "/sources/cncf",
    "/archive/2026/11",
    "/search?q=ebpf",
    "/tags",
    "/feed.xml",
    "/tags/kubernetes/feed.json",
    "/sources/cncf/atom.xml",
    "/sitemap.xml",
    "/robots.txt",
  ])("a public page or document: %s", (url) => {
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
    "/api/auth/providers.json",
    "/favicon.ico",
    "/icon.svg",
    "/posts/some-post/opengraph-image-1x2y3z",
    "/tags/kubernetes?_rsc=abc12",
    // A preview link: its token is its only lock, so no copy of it may be kept for others.
    "/preview/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "/Preview/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  ])("not a cached page: %s", (url) => {
    expect(isPublicPageRequest(get(url))).toBe(false);
  });

  // An attack test stored /./admin/users, rendered with an admin's cookie, and served it to anyone afterwards.
  it.each([
    "/./admin/users",
    "/x/../admin/users",
    "/%2e%2e/admin/audit",
    "/%2E/admin/users",
    "/.%2e/admin/users",
    "/%2e/admin",
    "/admin%2fusers",
    "/%2fadmin/users",
    "/x%2f..%2fadmin/users",
    "/%5cadmin/users",
    "/\\admin/users",
    "//admin/users",
    "/tags//../admin/users",
    "/%61dmin/users",
    "/ADMIN/users",
    "/Admin",
    "/Login",
    "/api/v1/posts",
    "/posts/a%ZZ",
    "/posts/a%",
    "admin/users",
    "/tags/a#/../../admin",
    "/_next",
  ])("never a public page, however the path is spelled: %s", (url) => {
    expect(isPublicPageRequest(get(url))).toBe(false);
  });

  it("still serves public pages whose path has ordinary escapes", () => {
    expect(isPublicPageRequest(get("/tags/k%C3%BCbernetes"))).toBe(true);
    expect(isPublicPageRequest(get("/search?q=..%2F..%2Fadmin"))).toBe(true);
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
  it("keeps an HTML page only with status 200, the fixed reader policy and no cookie", () => {
    expect(toStoredPage(htmlResponse())).not.toBeNull();
    expect(toStoredPage(htmlResponse({ status: 404 }))).toBeNull();
    expect(toStoredPage(htmlResponse({ status: 308 }))).toBeNull();
    expect(toStoredPage(htmlResponse({ headers: [...htmlResponse().headers, ["set-cookie", "a=b"]] }))).toBeNull();
    expect(toStoredPage(htmlResponse({ headers: htmlResponse().headers.filter(([name]) => name !== "content-security-policy") }))).toBeNull();
  });

  it("never keeps a page whose policy has a nonce: that nonce belongs to one response", () => {
    const withNonce = htmlResponse({
      headers: htmlResponse().headers.map(([name, value]): [string, string] =>
        name === "content-security-policy" ? [name, `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`] : [name, value],
      ),
    });
    expect(toStoredPage(withNonce)).toBeNull();
  });

  it("sends a stored page as it was rendered (less the scripts), with a strong ETag of its body, and answers it with 304", () => {
    const stored = toStoredPage(htmlResponse())!;
    const first = renderStoredPage(stored);
    expect(renderStoredPage(stored).body.equals(first.body)).toBe(true);
    expect(first.headers.find(([name]) => name === "content-security-policy")?.[1]).toBe(READER_POLICY);
    const etag = first.headers.find(([name]) => name === "etag")![1];
    expect(etag).toBe(strongEtag(first.body));
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = renderStoredPage(stored, (name) => (name === "if-none-match" ? etag : undefined));
    expect(again).toMatchObject({ status: 304, body: Buffer.alloc(0) });
    expect(again.headers.map(([name]) => name)).toContain("etag");
    expect(renderStoredPage(stored, (name) => (name === "if-none-match" ? '"other"' : undefined)).status).toBe(200);
    // A different body, a different tag.
    const other = toStoredPage(htmlResponse({ body: Buffer.from("<html><body><p>Another page</p></body></html>") }))!;
    expect(other.etag).not.toBe(stored.etag);
  });

  it("keeps the page compressed with brotli, sends it so to readers that accept it and decompressed to others", () => {
    const stored = toStoredPage(htmlResponse())!;
    const plain = renderStoredPage(stored);
    const compressed = renderStoredPage(stored, () => undefined, true);
    expect(plain.encoding).toBeUndefined();
    expect(compressed.encoding).toBe("br");
    expect(brotliDecompressSync(compressed.body).equals(plain.body)).toBe(true);
    expect(compressed.headers.find(([name]) => name === "etag")).toEqual(plain.headers.find(([name]) => name === "etag"));
    const big = toStoredPage(htmlResponse({ body: Buffer.from(`<html><body>${"<p>A paragraph of a post.</p>".repeat(700)}</body></html>`) }))!;
    expect(big.bytes).toBeLessThan(5000);
  });

  it("keeps the keys the page names in its Surrogate-Key header, and site and misc when it names none", () => {
    expect(toStoredPage(htmlResponse())!.keys).toEqual(["site", "post-a"]);
    expect(toStoredPage(htmlResponse({ headers: htmlResponse().headers.filter(([name]) => name !== "surrogate-key") }))!.keys).toEqual(["site", "misc"]);
  });

  it("keeps only what the response itself says a shared cache may keep", () => {
    const withCacheControl = (value: string | null) =>
      htmlResponse({
        headers: [
          ...htmlResponse().headers.filter(([name]) => name !== "cache-control"),
          ...(value === null ? [] : [["cache-control", value] as [string, string]]),
        ],
      });
    // Admin and sign-in pages say no-store (proxy.ts); Next marks every dynamic render private.
    for (const value of [
      "no-store",
      "private, no-cache, no-store, max-age=0, must-revalidate",
      "public, no-store",
      "private",
      "Private, max-age=60",
      null,
      "no-cache",
      "private, no-store",
    ])
      expect(toStoredPage(withCacheControl(value))).toBeNull();
    for (const value of ["public, no-cache", "public, max-age=300", "Public"]) expect(toStoredPage(withCacheControl(value))).not.toBeNull();
    expect(toStoredPage(htmlResponse({ headers: [...htmlResponse().headers, ["set-cookie", "next-auth.csrf-token=x; Path=/"]] }))).toBeNull();
  });

  it("keeps pages without the framework's scripts, and keeps structured data and text", () => {
    const body = renderStoredPage(toStoredPage(htmlResponse())!).body.toString("utf8");
    expect(body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(body).not.toContain('as="script"');
    expect(body).not.toContain("__next_f");
    expect(body).toContain('<script type="application/ld+json">{"@type":"SocialMediaPosting"}</script>');
    expect(body).toContain("<p>Ünïcode &amp; “text” &lt;script&gt;</p>");
    expect(body).toContain('<link rel="stylesheet" href="/_next/a.css"');
    expect(body).toMatch(/<\/script><\/body><\/html>$/);
  });

  it("does not keep a page whose parts arrive by streaming: the reader policy runs no script to put them in place", () => {
    const streamed = `<html><body><template id="B:0"></template><div hidden id="S:0"><p>late</p></div><script>$RC("B:0","S:0")</script></body></html>`;
    expect(hasStreamedParts(streamed)).toBe(true);
    expect(hasStreamedParts(htmlResponse().body.toString("utf8"))).toBe(false);
    expect(toStoredPage(htmlResponse({ body: Buffer.from(streamed) }))).toBeNull();
    expect(withoutClientScripts(htmlResponse().body.toString("utf8"))).not.toContain("__next_f");
  });

  it("keeps a feed whole and answers its validators with 304", () => {
    const feedBody = Buffer.from(`<?xml version="1.0"?><rss><channel><title>A &amp; B</title></channel></rss>`);
    const feed = toStoredPage({
      status: 200,
      headers: [
        ["content-type", "application/rss+xml; charset=utf-8"],
        ["etag", strongEtag(feedBody)],
        ["last-modified", "Wed, 25 Nov 2026 10:00:00 GMT"],
        ["cache-control", "public, no-cache"],
        ["content-length", String(feedBody.length)],
      ],
      body: feedBody,
    })!;
    expect(renderStoredPage(feed)).toMatchObject({ status: 200, body: feedBody });
    const ask = (headers: Record<string, string>) => renderStoredPage(feed, (name) => headers[name]);
    const etag = strongEtag(feedBody);
    expect(ask({ "if-none-match": etag })).toMatchObject({ status: 304, body: Buffer.alloc(0) });
    expect(ask({ "if-none-match": `W/${etag}, "other"` }).status).toBe(304);
    expect(ask({ "if-none-match": '"stale"' }).status).toBe(200);
    expect(ask({ "if-modified-since": "Wed, 25 Nov 2026 10:00:00 GMT" }).status).toBe(304);
    expect(ask({ "if-modified-since": "Wed, 25 Nov 2026 09:59:59 GMT" }).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect(ask({ "if-none-match": '"stale"', "if-modified-since": "Thu, 26 Nov 2026 10:00:00 GMT" }).status).toBe(200);
    expect(ask({ "if-none-match": etag }).headers.map(([name]) => name)).toEqual(["last-modified", "cache-control", "etag"]);
  });

  it("does not keep a missing feed, an image or an HTML page without a policy", () => {
    const document = (status: number, type: string) => ({
      status,
      headers: [
        ["content-type", type],
        ["cache-control", "public, no-cache"],
      ] as Array<[string, string]>,
      body: Buffer.from("x"),
    });
    expect(toStoredPage(document(404, "text/plain; charset=utf-8"))).toBeNull();
    expect(toStoredPage(document(200, "image/png"))).toBeNull();
    expect(toStoredPage(document(200, "text/html; charset=utf-8"))).toBeNull();
    expect(toStoredPage(document(200, "application/feed+json; charset=utf-8"))).not.toBeNull();
  });

  it("drops the headers of one transfer and keeps the page's own", () => {
    const names = renderStoredPage(toStoredPage(htmlResponse())!).headers.map(([name]) => name);
    expect(names).toEqual(["content-type", "content-security-policy", "x-content-type-options", "cache-control", "surrogate-key", "etag"]);
    const withPreloads = htmlResponse({ headers: [...htmlResponse().headers, ["link", "</_next/a.js>; rel=preload; as=script"]] });
    expect(renderStoredPage(toStoredPage(withPreloads)!).headers.map(([name]) => name)).not.toContain("link");
  });

  it("keeps the home page's discovery links and drops the resource hints beside them", () => {
    const links = [
      ["link", '</micropub>; rel="micropub"'],
      [
        "link",
        '</_next/static/media/font.woff2>; rel=preload; as="font"; crossorigin="", </_next/a.js>; rel="modulepreload", </auth>; rel="authorization_endpoint"',
      ],
    ] as Array<[string, string]>;
    const stored = renderStoredPage(toStoredPage(htmlResponse({ headers: [...htmlResponse().headers, ...links] }))!);
    expect(stored.headers.filter(([name]) => name === "link").map(([, value]) => value)).toEqual([
      '</micropub>; rel="micropub"',
      '</auth>; rel="authorization_endpoint"',
    ]);
  });
});

describe("PageCache", () => {
  const page = (keys = "site post-a") =>
    toStoredPage(htmlResponse({ headers: [...htmlResponse().headers.filter(([name]) => name !== "surrogate-key"), ["surrogate-key", keys]] }))!;

  it("drops only the pages that name an invalidated key, and everything for site", () => {
    const cache = new PageCache(1024 * 1024);
    cache.set("a", cache.epoch, page("site post-a"));
    cache.set("b", cache.epoch, page("site post-b"));
    cache.set("home", cache.epoch, page("site home"));
    cache.invalidate(["post-a", "home", "feeds"]);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("home")).toBeUndefined();
    expect(cache.get("b")).toBeDefined();
    cache.invalidate(["site"]);
    expect(cache.size.pages).toBe(0);
  });

  it("does not keep a page whose render began before an invalidation", () => {
    const cache = new PageCache(1024 * 1024);
    const epoch = cache.epoch;
    cache.invalidate(["post-z"]);
    expect(cache.set("a", epoch, page())).toBe(false);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.set("a", cache.epoch, page())).toBe(true);
  });

  it("stays within its byte limit, dropping the least recently used page", () => {
    const one = page();
    const cache = new PageCache(one.bytes * 2);
    cache.set("a", 0, one);
    cache.set("b", 0, page());
    expect(cache.get("a")).toBeDefined();
    cache.set("c", 0, page());
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(one.bytes * 2);
  });

  it("counts a replaced page once", () => {
    const cache = new PageCache(1024 * 1024);
    cache.set("a", 0, page());
    cache.set("a", 0, page());
    expect(cache.size).toEqual({ pages: 1, bytes: page().bytes });
  });
});

describe("the page caches of one server", () => {
  const page = () => toStoredPage(htmlResponse())!;

  it("keeps addresses with a query string within their share, so made-up searches push no page out", () => {
    const one = page();
    const caches = pageCachesWithin(one.bytes * 20, one.bytes * 4);
    const home = "blog.example/";
    caches.cacheFor(home).set(home, 0, page());
    for (let i = 0; i < 1000; i++) {
      const key = `blog.example/search?q=made-up-${i}`;
      caches.cacheFor(key).set(key, 0, page());
    }
    expect(caches.cacheFor(home).get(home)).toBeDefined();
    expect(caches.cacheFor("blog.example/search?q=x").size).toEqual({ pages: 4, bytes: one.bytes * 4 });
    expect(caches.cacheFor("blog.example/?utm_source=x")).toBe(caches.cacheFor("blog.example/search?q=x"));
  });

  it("invalidates both parts by key", () => {
    const caches = pageCachesWithin(1024 * 1024, 256 * 1024);
    for (const key of ["blog.example/posts/a", "blog.example/posts/a?utm_source=x"]) caches.cacheFor(key).set(key, 0, page());
    caches.invalidate(["post-a"]);
    expect(caches.cacheFor("blog.example/posts/a").size.pages).toBe(0);
    expect(caches.cacheFor("blog.example/?q").size.pages).toBe(0);
  });

  it("counts what a kept page really holds: its own copy of the body, not a shared 8 kB block", () => {
    const small = toStoredPage(htmlResponse({ body: Buffer.from("<html><body>tiny</body></html>") }))!;
    expect(small.brotli.buffer.byteLength).toBe(small.brotli.length);
    expect(small.bytes).toBeGreaterThan(1024);
  });
});
