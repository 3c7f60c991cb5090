import { describe, expect, it } from "vitest";
import { readBuildAssets } from "@/lib/reader/build-assets";
import { postPageSlug } from "@/lib/server/post-page";

// The head of a post page as Next 16 renders it (cut to the tags the assets come from, and a few around them).
const PAGE = "http://localhost:3950/posts/a-post-0";
const head = (extra = "") =>
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/2y95j5t-5v3o8.css" data-precedence="next"/>` +
  `<title>A post · Linkpress</title><link rel="canonical" href="${PAGE}"/><meta property="og:url" content="${PAGE}"/>` +
  `<meta property="og:image" content="${PAGE}/opengraph-image-1tl6ux?134b94653307c394"/><meta property="og:image:type" content="image/png"/>` +
  `<meta property="og:image:width" content="1200"/><meta property="og:image:height" content="630"/>` +
  `<meta property="og:image:alt" content="The post&#x27;s title with its source &amp; tags"/>${extra}` +
  `<link rel="icon" href="/icon.svg?icon.22_07edvnj4g8.svg" sizes="any" type="image/svg+xml"/></head><body><link rel="stylesheet" href="/not-in-head.css"/></body></html>`;

describe("reading the build's assets from a post page Next rendered", () => {
  it("finds the stylesheets, the icon's attributes in order, and the share image's route and facts, unescaped", () => {
    const assets = readBuildAssets(head(`<link rel="stylesheet" href="/_next/static/chunks/second.css" data-precedence="next"/>`));
    expect(assets).toEqual({
      stylesheets: ["/_next/static/chunks/2y95j5t-5v3o8.css", "/_next/static/chunks/second.css"],
      icons: [{ href: "/icon.svg?icon.22_07edvnj4g8.svg", sizes: "any", type: "image/svg+xml" }],
      shareImage: {
        suffix: "opengraph-image-1tl6ux?134b94653307c394",
        type: "image/png",
        width: "1200",
        height: "630",
        alt: "The post's title with its source & tags",
      },
    });
    expect(Object.keys(assets!.icons[0])).toEqual(["href", "sizes", "type"]);
  });

  it("gives nothing when a page does not name them as expected, so Next keeps rendering post pages", () => {
    expect(readBuildAssets(head().replace(/<link rel="stylesheet"[^>]*>/, ""))).toBeNull();
    expect(readBuildAssets(head().replace(`${PAGE}/opengraph-image`, "http://elsewhere.example/opengraph-image"))).toBeNull();
    expect(readBuildAssets(head().replace(/<meta property="og:image:width"[^>]*>/, ""))).toBeNull();
    expect(readBuildAssets("<!DOCTYPE html><html><head></head><body></body></html>")).toBeNull();
  });
});

describe("which addresses the post page renderer answers", () => {
  it("takes a post's address as slugify writes it", () => {
    expect(postPageSlug("/posts/a-post-0")).toBe("a-post-0");
    expect(postPageSlug("/posts/2025-kubecon")).toBe("2025-kubecon");
  });

  it("leaves every other spelling to Next: a query, capitals, escapes, a trailing slash, deeper paths", () => {
    for (const url of [
      "/posts/a-post?utm_source=x",
      "/posts/A-Post",
      "/posts/a%2Dpost",
      "/posts/a-post/",
      "/posts/a-post/opengraph-image",
      "/posts/",
      "/posts/-a",
      "/posts/a--b",
      "/tags/a",
    ])
      expect(postPageSlug(url), url).toBeNull();
  });
});
