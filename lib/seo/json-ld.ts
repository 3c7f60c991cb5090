import { markdownToText } from "@/lib/markdown/render";
import type { SiteSettings } from "@/lib/settings/schema";

type PostFacts = {
  slug: string;
  title: string;
  tldr: string;
  externalUrl: string;
  publishedAt: Date;
  updatedAt: Date;
  source: { name: string; slug: string } | null;
  tags: { name: string }[];
};

/**
 * schema.org data for a post page: a posting by this site that shares and cites the external article, so search
 * engines see it as commentary on that article rather than as the article itself.
 */
export function postJsonLd(settings: SiteSettings, post: PostFacts) {
  const permalink = `${settings.url}/posts/${post.slug}`;
  const site = { "@type": "Organization", name: settings.title, url: settings.url };
  const article = {
    "@type": "Article",
    url: post.externalUrl,
    ...(post.source ? { publisher: { "@type": "Organization", name: post.source.name } } : {}),
  };
  return {
    "@context": "https://schema.org",
    "@type": "SocialMediaPosting",
    "@id": permalink,
    url: permalink,
    mainEntityOfPage: permalink,
    headline: post.title,
    ...(post.tldr ? { description: markdownToText(post.tldr) } : {}),
    datePublished: post.publishedAt.toISOString(),
    dateModified: (post.updatedAt > post.publishedAt ? post.updatedAt : post.publishedAt).toISOString(),
    inLanguage: settings.language,
    ...(post.tags.length ? { keywords: post.tags.map((tag) => tag.name) } : {}),
    author: site,
    publisher: site,
    isPartOf: { "@type": "Blog", name: settings.title, url: settings.url },
    sharedContent: article,
    citation: article,
    isBasedOn: post.externalUrl,
  };
}

/** JSON for a <script type="application/ld+json"> block: "<" is escaped so no text can close the element. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
