import type { Metadata, Viewport } from "next";
import { markdownToText } from "@/lib/markdown/render";
import { feedPath } from "@/lib/feeds/channel";
import type { FeedScope } from "@/lib/feeds/queries";
import type { SiteSettings } from "@/lib/settings/schema";

type FeedLink = { scope: FeedScope; title: string };

/** The feeds a page advertises: always the site's, plus its own tag's or source's. */
function feedAlternates(settings: SiteSettings, extra?: FeedLink) {
  const links: FeedLink[] = [{ scope: { kind: "site" }, title: settings.title }, ...(extra ? [extra] : [])];
  const format = (type: "rss" | "atom" | "json", label: string) =>
    links.map((link) => ({ url: feedPath(link.scope, type), title: `${link.title} (${label})` }));
  return {
    "application/rss+xml": format("rss", "RSS"),
    "application/atom+xml": format("atom", "Atom"),
    "application/feed+json": format("json", "JSON Feed"),
  };
}

// Search engines and link previews show about this much; longer text is cut at a word.
const DESCRIPTION_LENGTH = 200;
function shortDescription(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= DESCRIPTION_LENGTH) return clean;
  return `${clean.slice(0, DESCRIPTION_LENGTH).replace(/\s+\S*$/, "")}…`;
}

/** A page's <title>: its own title, then the site's (the root layout's template, and the post page's own renderer). */
export function pageTitle(settings: SiteSettings, title: string): string {
  return `${title} · ${settings.title}`;
}

/** The defaults of every page: absolute URLs on the public address, the title template and the site's feeds. */
export function siteMetadata(settings: SiteSettings): Metadata {
  return {
    metadataBase: new URL(`${settings.url}/`),
    title: { default: settings.title, template: pageTitle(settings, "%s") },
    description: settings.description,
    alternates: { types: feedAlternates(settings) },
    openGraph: {
      type: "website",
      siteName: settings.title,
      locale: settings.language.replace("-", "_"),
      title: settings.title,
      description: settings.description,
    },
    twitter: { card: "summary", title: settings.title, description: settings.description },
  };
}

export type PageMeta = {
  /** The page's own title; the site title is added by the root layout's template (absolute for the home page). */
  title: string;
  description?: string;
  /** The page's canonical path, such as "/posts/some-slug". */
  path: string;
  /** A tag's or source's own feeds, advertised beside the site's. */
  feed?: FeedLink;
  /** "article" for posts; everything else is a "website" page. */
  type?: "website" | "article";
  publishedTime?: Date;
  modifiedTime?: Date;
  tags?: string[];
  /** Search results and similar pages that should not be indexed. */
  noindex?: boolean;
};

/**
 * Canonical URL, OpenGraph and Twitter card tags and feed links for a public page. Relative URLs are made absolute
 * by the root layout's metadataBase, which is the site's public address from the settings.
 */
export function pageMetadata(settings: SiteSettings, page: PageMeta): Metadata {
  const description = shortDescription(page.description || settings.description);
  const isHome = page.path === "/";
  return {
    title: isHome ? { absolute: page.title } : page.title,
    description,
    alternates: { canonical: page.path, types: feedAlternates(settings, page.feed) },
    openGraph: {
      type: page.type ?? "website",
      siteName: settings.title,
      locale: settings.language.replace("-", "_"),
      url: page.path,
      title: page.title,
      description,
      ...(page.type === "article" ? { publishedTime: page.publishedTime?.toISOString(), modifiedTime: page.modifiedTime?.toISOString(), tags: page.tags } : {}),
    },
    // Posts have a generated share image (opengraph-image.tsx), which Next adds to both card types.
    twitter: { card: page.type === "article" ? "summary_large_image" : "summary", title: page.title, description },
    ...(page.noindex ? { robots: { index: false, follow: true } } : {}),
  };
}

/** What a post page's metadata is made of. */
type PostMetaFacts = { title: string; slug: string; tldr: string; publishedAt: Date; updatedAt: Date; tags: { name: string }[] };

/** A post page's metadata: Next's page (generateMetadata) and the post page's own renderer (lib/server/post-page.tsx). */
export function postPageMetadata(settings: SiteSettings, post: PostMetaFacts): Metadata {
  return pageMetadata(settings, {
    title: post.title,
    description: markdownToText(post.tldr),
    path: `/posts/${post.slug}`,
    type: "article",
    publishedTime: post.publishedAt,
    modifiedTime: post.updatedAt,
    tags: post.tags.map((tag) => tag.name),
  });
}

/** Every page's viewport: the root layout exports it, and the post page's own renderer writes the same tags. */
export const SITE_VIEWPORT = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#15171a" },
  ],
} satisfies Viewport;
