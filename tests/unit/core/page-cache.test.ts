import { describe, expect, it } from "vitest";
import {
  freshNonce,
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

function htmlResponse(overrides: Partial<RenderedResponse> = {}): RenderedResponse {
  return {
    status: 200,
    headers: [
      ["content-type", "text/html; charset=utf-8"],
      ["content-security-policy", `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'nonce-${NONCE}'`],
      ["x-content-type-options", "nosniff"],
      ["cache-control", "public, no-cache"],
      ["content-length", "999"],
      ["date", "Thu, 26 Nov 2026 07:00:00 GMT"],
      ["connection", "keep-alive"],
    ],
    body: Buffer.from(
      `<html><head><link rel="stylesheet" href="/_next/a.css" nonce="${NONCE}"/><link rel="preload" as="script" nonce="${NONCE}" href="/_next/a.js"/>` +
        `<script nonce="${NONCE}" src="/_next/a.js" async=""></script></head><body><p>Ünïcode &amp; “text” &lt;script&gt;</p>` +
        `<script type="application/ld+json">{"@type":"SocialMediaPosting"}</script><style nonce="${NONCE}">p{}</style>` +
        `<script nonce="${NONCE}">self.__next_f.push([1,"\\u003c/script>"])</script></body></html>`,
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
  it("keeps an HTML page only with status 200, a nonce policy and no cookie", () => {
    expect(toStoredPage(htmlResponse())).not.toBeNull();
    expect(toStoredPage(htmlResponse({ status: 404 }))).toBeNull();
    expect(toStoredPage(htmlResponse({ status: 308 }))).toBeNull();
    expect(toStoredPage(htmlResponse({ headers: [...htmlResponse().headers, ["set-cookie", "a=b"]] }))).toBeNull();
    expect(toStoredPage(htmlResponse({ headers: htmlResponse().headers.filter(([name]) => name !== "content-security-policy") }))).toBeNull();
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

  it("gives each response its own nonce, in the policy and on every styled element, and nothing else changes", () => {
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
      expect(response.headers.find(([name]) => name === "content-security-policy")![1].match(/'nonce-[^']+'/g)).toEqual([
        `'nonce-${nonce}'`,
        `'nonce-${nonce}'`,
      ]);
      expect(body.replaceAll(nonce, NONCE)).toBe(withoutClientScripts(htmlResponse().body.toString("utf8")));
    }
  });

  it("keeps pages without the framework's scripts, and keeps structured data and text", () => {
    const body = renderStoredPage(toStoredPage(htmlResponse())!, freshNonce()).body.toString("utf8");
    expect(body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(body).not.toContain('as="script"');
    expect(body).not.toContain("__next_f");
    expect(body).toContain('<script type="application/ld+json">{"@type":"SocialMediaPosting"}</script>');
    expect(body).toContain("<p>Ünïcode &amp; “text” &lt;script&gt;</p>");
    expect(body).toContain('<link rel="stylesheet" href="/_next/a.css"');
    expect(body).toMatch(/<style nonce="[^"]+">p\{\}<\/style><\/body><\/html>$/);
  });

  it("leaves a page whose parts arrive by streaming whole, scripts included", () => {
    const streamed = `<html><body><template id="B:0"></template><div hidden id="S:0"><p>late</p></div><script>$RC("B:0","S:0")</script></body></html>`;
    expect(withoutClientScripts(streamed)).toBe(streamed);
  });

  it("keeps a feed whole and answers its validators with 304", () => {
    const feedBody = Buffer.from(`<?xml version="1.0"?><rss><channel><title>A &amp; B</title></channel></rss>`);
    const feed = toStoredPage({
      status: 200,
      headers: [
        ["content-type", "application/rss+xml; charset=utf-8"],
        ["etag", '"abc"'],
        ["last-modified", "Wed, 25 Nov 2026 10:00:00 GMT"],
        ["cache-control", "public, no-cache"],
        ["content-length", String(feedBody.length)],
      ],
      body: feedBody,
    })!;
    expect(renderStoredPage(feed, freshNonce())).toMatchObject({ status: 200, body: feedBody });
    const ask = (headers: Record<string, string>) => renderStoredPage(feed, freshNonce(), (name) => headers[name]);
    expect(ask({ "if-none-match": '"abc"' })).toMatchObject({ status: 304, body: Buffer.alloc(0) });
    expect(ask({ "if-none-match": 'W/"abc", "other"' }).status).toBe(304);
    expect(ask({ "if-none-match": '"stale"' }).status).toBe(200);
    expect(ask({ "if-modified-since": "Wed, 25 Nov 2026 10:00:00 GMT" }).status).toBe(304);
    expect(ask({ "if-modified-since": "Wed, 25 Nov 2026 09:59:59 GMT" }).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect(ask({ "if-none-match": '"stale"', "if-modified-since": "Thu, 26 Nov 2026 10:00:00 GMT" }).status).toBe(200);
    expect(ask({ "if-none-match": '"abc"' }).headers.map(([name]) => name)).toEqual(["etag", "last-modified", "cache-control"]);
  });

  it("does not keep a missing feed, an image or an HTML page without a nonce policy", () => {
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
    const names = renderStoredPage(toStoredPage(htmlResponse())!, freshNonce()).headers.map(([name]) => name);
    expect(names).toEqual(["content-type", "content-security-policy", "x-content-type-options", "cache-control"]);
    const withPreloads = htmlResponse({ headers: [...htmlResponse().headers, ["link", "</_next/a.js>; rel=preload; as=script"]] });
    expect(renderStoredPage(toStoredPage(withPreloads)!, freshNonce()).headers.map(([name]) => name)).not.toContain("link");
  });

  it("keeps the home page's discovery links and drops the resource hints beside them", () => {
    const links = [
      ["link", '</micropub>; rel="micropub"'],
      [
        "link",
        '</_next/static/media/font.woff2>; rel=preload; as="font"; crossorigin="", </_next/a.js>; rel="modulepreload", </auth>; rel="authorization_endpoint"',
      ],
    ] as Array<[string, string]>;
    const stored = renderStoredPage(toStoredPage(htmlResponse({ headers: [...htmlResponse().headers, ...links] }))!, freshNonce());
    expect(stored.headers.filter(([name]) => name === "link").map(([, value]) => value)).toEqual([
      '</micropub>; rel="micropub"',
      '</auth>; rel="authorization_endpoint"',
    ]);
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

describe("the page caches of one server", () => {
  const page = () => toStoredPage(htmlResponse())!;

  it("keeps addresses with a query string within their share, so made-up searches push no page out", () => {
    const one = page();
    const cacheFor = pageCachesWithin(one.bytes * 20, one.bytes * 4);
    const home = "blog.example/";
    cacheFor(home).set(home, 1, page());
    for (let i = 0; i < 1000; i++) {
      const key = `blog.example/search?q=made-up-${i}`;
      cacheFor(key).set(key, 1, page());
    }
    expect(cacheFor(home).get(home, 1)).toBeDefined();
    expect(cacheFor("blog.example/search?q=x").size).toEqual({ pages: 4, bytes: one.bytes * 4 });
    expect(cacheFor("blog.example/?utm_source=x")).toBe(cacheFor("blog.example/search?q=x"));
  });

  it("counts what a kept page really holds: its own copy of the body, not a shared 8 kB block", () => {
    const small = toStoredPage(htmlResponse({ body: Buffer.from("<html><body>tiny</body></html>") }))!;
    for (const piece of small.bodyPieces) expect(piece.buffer.byteLength).toBe(small.bodyPieces.reduce((sum, part) => sum + part.length, 0));
    expect(small.bytes).toBeGreaterThan(1024);
  });
});
