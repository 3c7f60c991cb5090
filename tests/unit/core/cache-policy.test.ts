import { describe, expect, it } from "vitest";
import {
  cacheKeyHeaders,
  keysFromHeader,
  postCacheKeys,
  PUBLIC_CACHE_CONTROL,
  readerCacheKeys,
  SHARED_MAX_AGE_SECONDS,
  STALE_IF_ERROR_SECONDS,
  STALE_WHILE_REVALIDATE_SECONDS,
} from "@/lib/http/cache-policy";
import { strongEtag } from "@/lib/http/etag";
import { zonedYearMonth } from "@/lib/time-zone";

describe("Cache-Control of reader pages and feeds", () => {
  it("lets shared caches keep them briefly and serve them stale while revalidating or while the app fails; browsers always ask", () => {
    const directives = PUBLIC_CACHE_CONTROL.split(", ");
    expect(directives).toEqual([
      "public",
      "max-age=0",
      `s-maxage=${SHARED_MAX_AGE_SECONDS}`,
      `stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`,
      `stale-if-error=${STALE_IF_ERROR_SECONDS}`,
    ]);
    expect(SHARED_MAX_AGE_SECONDS).toBeGreaterThan(0);
    expect(STALE_WHILE_REVALIDATE_SECONDS).toBeGreaterThan(0);
  });
});

describe("the keys of a reader address", () => {
  it.each([
    ["/", ["site", "home"]],
    ["/page/3", ["site", "home"]],
    ["/posts/a-post", ["site", "post-a-post"]],
    ["/tags", ["site", "tags"]],
    ["/tags/ebpf", ["site", "tag-ebpf"]],
    ["/tags/ebpf/feed.xml", ["site", "tag-ebpf"]],
    ["/sources", ["site", "sources"]],
    ["/sources/lwn/atom.xml", ["site", "source-lwn"]],
    ["/archive", ["site", "archive"]],
    ["/archive/2026/3", ["site", "archive-2026-03"]],
    ["/archive/2026/11", ["site", "archive-2026-11"]],
    ["/feed.xml", ["site", "feeds"]],
    ["/atom.xml", ["site", "feeds"]],
    ["/feed.json", ["site", "feeds"]],
    ["/sitemap.xml", ["site", "sitemap"]],
    ["/sitemap/2.xml", ["site", "sitemap"]],
    ["/search", ["site", "search"]],
    ["/robots.txt", ["site"]],
    ["/some-new-page", ["site", "misc"]],
    ["/posts/a/b", ["site", "misc"]],
  ])("%s → %j", (path, keys) => {
    expect(readerCacheKeys(path)).toEqual(keys);
  });

  it("writes odd characters percent-encoded, so a key never holds a space or a comma", () => {
    expect(readerCacheKeys("/tags/a%20b,c")).toEqual(["site", "tag-a%20b%2Cc"]);
    expect(readerCacheKeys("/posts/k%C3%BCbernetes")).toEqual(["site", "post-k%C3%BCbernetes"]);
    expect(readerCacheKeys("/posts/%ZZ")).toEqual(["site", "post-%25ZZ"]);
  });
});

describe("the keys a post change invalidates", () => {
  const utc = (date: Date) => zonedYearMonth(date, "UTC");

  it("name exactly the pages that show the post: its page, its tags and source, its month and the lists, never site", () => {
    const keys = postCacheKeys({ slug: "new-post", publishedAt: new Date("2026-03-31T23:30:00Z"), tagSlugs: ["ebpf", "linux"], sourceSlug: "lwn" }, utc);
    expect(keys.sort()).toEqual(
      [
        "post-new-post",
        "tag-ebpf",
        "tag-linux",
        "source-lwn",
        "archive-2026-03",
        "home",
        "feeds",
        "sitemap",
        "archive",
        "tags",
        "sources",
        "search",
        "misc",
      ].sort(),
    );
    // Every page a reader reaches for the post carries one of them.
    for (const path of [
      "/posts/new-post",
      "/tags/ebpf",
      "/tags/linux/feed.json",
      "/sources/lwn",
      "/archive/2026/03",
      "/",
      "/page/2",
      "/feed.xml",
      "/sitemap.xml",
    ])
      expect(
        readerCacheKeys(path).some((key) => key !== "site" && keys.includes(key)),
        path,
      ).toBe(true);
    // And no other post's page, tag or month does.
    for (const path of ["/posts/other-post", "/tags/kubernetes", "/sources/cncf", "/archive/2026/02"])
      expect(
        readerCacheKeys(path).some((key) => keys.includes(key)),
        path,
      ).toBe(false);
  });

  it("place the archive month in the site's time zone", () => {
    const lateMarch = new Date("2026-03-31T23:30:00Z");
    expect(postCacheKeys({ slug: "a", publishedAt: lateMarch, tagSlugs: [], sourceSlug: null }, utc)).toContain("archive-2026-03");
    expect(postCacheKeys({ slug: "a", publishedAt: lateMarch, tagSlugs: [], sourceSlug: null }, (date) => zonedYearMonth(date, "Europe/Berlin"))).toContain(
      "archive-2026-04",
    );
  });
});

describe("key headers and the ETag", () => {
  it("say the same keys for Fastly/Varnish (spaces) and Cloudflare (commas), and read them back", () => {
    const headers = cacheKeyHeaders(["site", "post-a"]);
    expect(headers).toEqual({ "surrogate-key": "site post-a", "cache-tag": "site,post-a" });
    expect(keysFromHeader(headers["surrogate-key"])).toEqual(["site", "post-a"]);
    expect(keysFromHeader(undefined)).toEqual(["site", "misc"]);
  });

  it("is strong and follows the body", () => {
    expect(strongEtag("a")).toBe(strongEtag(Buffer.from("a")));
    expect(strongEtag("a")).not.toBe(strongEtag("b"));
    expect(strongEtag("a")).toMatch(/^"[^"]+"$/);
  });
});
