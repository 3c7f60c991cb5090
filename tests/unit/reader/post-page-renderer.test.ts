import { afterEach, describe, expect, it } from "vitest";
import type { PostDocumentPost } from "@/components/site/post-document";
import { registerPostPageReads } from "@/lib/reader/post-page-reads";
import type { RenderedResponse } from "@/lib/server/page-cache";
import { PostPageRenderer } from "@/lib/server/post-page";
import type { SiteSettings } from "@/lib/settings/schema";

// What Next sends for a post page (cut to what the renderer reads): the renderer learns the build's assets and the
// common headers from it, then renders post pages itself. tests/e2e/post-renderer.spec.ts compares whole documents.
const SITE = "https://links.example";
const nextPage = (extraHeaders: Array<[string, string]> = []): RenderedResponse => ({
  status: 200,
  headers: [
    ["content-type", "text/html; charset=utf-8"],
    ["cache-control", "public, max-age=0, s-maxage=10"],
    ["content-security-policy", "default-src 'none'; script-src 'none'"],
    ["x-content-type-options", "nosniff"],
    ["surrogate-key", "site post-first"],
    ["cache-tag", "site,post-first"],
    ["etag", '"first"'],
    ["content-length", "999"],
    ...extraHeaders,
  ],
  body: Buffer.from(
    `<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>` +
      `<meta property="og:url" content="${SITE}/posts/first"/><meta property="og:image" content="${SITE}/posts/first/opengraph-image-x1?v1"/>` +
      `<meta property="og:image:type" content="image/png"/><meta property="og:image:width" content="1200"/><meta property="og:image:height" content="630"/>` +
      `<meta property="og:image:alt" content="A card"/><link rel="icon" href="/icon.svg?v" sizes="any" type="image/svg+xml"/></head><body></body></html>`,
  ),
});

const settings: SiteSettings = {
  title: "Links",
  description: "",
  url: SITE,
  language: "en",
  postsPerPage: 20,
  revisionsPerPost: null,
  timeZone: "UTC",
  websubHubUrl: null,
  sendWebmentions: false,
};
const post: PostDocumentPost = {
  title: "Gateway API <1.4>",
  slug: "gateway-api-1-4",
  externalUrl: "https://kubernetes.io/blog/gateway",
  viaUrl: null,
  tldr: "New **features**.",
  tldrHtml: "<p>New <strong>features</strong>.</p>\n",
  summary: "",
  summaryHtml: "",
  commentary: "",
  commentaryHtml: "",
  publishedAt: new Date("2025-11-01T10:00:00Z"),
  updatedAt: new Date("2025-11-02T10:00:00Z"),
  source: { name: "Kubernetes Blog", slug: "kubernetes-blog" },
  tags: [{ name: "kubernetes", slug: "kubernetes" }],
  kind: "link",
  archiveUrl: null,
};

afterEach(() => registerPostPageReads(async () => null));

describe("the post page renderer", () => {
  it("leaves post pages to Next until it has learned from one", async () => {
    registerPostPageReads(async () => ({ settings, post }));
    expect(await new PostPageRenderer(true).render(post.slug)).toBeNull();
  });

  it("then renders a published post whole, with Next's common headers and the post's own cache keys", async () => {
    registerPostPageReads(async (slug) => (slug === post.slug ? { settings, post } : null));
    const renderer = new PostPageRenderer(true);
    renderer.learnFrom(nextPage());
    const rendered = (await renderer.render(post.slug))!;
    const html = rendered.body.toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"\/>/);
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>');
    expect(html).toContain("<title>Gateway API &lt;1.4&gt; · Links</title>");
    expect(html).toContain(`<meta property="og:image" content="${SITE}/posts/gateway-api-1-4/opengraph-image-x1?v1"/>`);
    expect(html).toContain('<link rel="icon" href="/icon.svg?v" sizes="any" type="image/svg+xml"/>');
    expect(html).toContain("<h1>Gateway API &lt;1.4&gt;</h1>");
    expect(rendered.headers).toEqual([
      ["content-type", "text/html; charset=utf-8"],
      ["cache-control", "public, max-age=0, s-maxage=10"],
      ["content-security-policy", "default-src 'none'; script-src 'none'"],
      ["x-content-type-options", "nosniff"],
      ["surrogate-key", "site post-gateway-api-1-4"],
      ["cache-tag", "site,post-gateway-api-1-4"],
    ]);
    // No such published post: Next answers (its 404 page, or a moved post's redirect).
    expect(await renderer.render("no-such-post")).toBeNull();
  });

  it("learns only from a page any cache may keep, and not at all when switched off", async () => {
    registerPostPageReads(async () => ({ settings, post }));
    const fromCookie = new PostPageRenderer(true);
    fromCookie.learnFrom(nextPage([["set-cookie", "a=b"]]));
    expect(await fromCookie.render(post.slug)).toBeNull();
    const off = new PostPageRenderer(false);
    off.learnFrom(nextPage());
    expect(await off.render(post.slug)).toBeNull();
  });
});
