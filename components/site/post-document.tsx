/* eslint-disable @next/next/no-head-element -- a whole document rendered outside Next (see below) */
import { Suspense } from "react";
import type { Metadata } from "next";
import type { PublicPost } from "@/lib/posts/queries";
import type { BuildAssets } from "@/lib/reader/build-assets";
import { postJsonLd } from "@/lib/seo/json-ld";
import { pageTitle, postPageMetadata, SITE_VIEWPORT } from "@/lib/seo/metadata";
import type { SiteSettings } from "@/lib/settings/schema";
import { PostArticle } from "@/components/posts/post-article";
import { JsonLd } from "./json-ld";
import { SiteFrame } from "./site-frame";

/** A published post with its text rendered, as the post page reads it (readPublishedPost). */
export type PostDocumentPost = PublicPost & { tldrHtml: string; summaryHtml: string; commentaryHtml: string };

// React's markers of an empty Suspense boundary (<!--$--><!--/$-->), where Next's own tree has its metadata outlet
// and its not-found boundary: the document comes out byte for byte as Next renders the post page.
const EmptyBoundary = () => <Suspense fallback={null}>{null}</Suspense>;

/**
 * The post page as a whole HTML document, the same bytes Next's App Router renders for app/(site)/posts/[slug] once
 * the page cache has taken its scripts out, at a fraction of the cost: the same components (SiteFrame, PostArticle,
 * JsonLd) and the same metadata object (postPageMetadata), with the tags Next writes for it, in Next's order. What
 * only the build knows (stylesheets, icon, share-image route) comes from a page Next rendered (`assets`).
 * tests/e2e/post-renderer.spec.ts compares the two renderers' responses byte for byte.
 */
export function PostDocument({ settings, post, assets }: { settings: SiteSettings; post: PostDocumentPost; assets: BuildAssets }) {
  const metadata = postPageMetadata(settings, post);
  return (
    <html lang={settings.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {assets.stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} precedence="next" />
        ))}
        {SITE_VIEWPORT.themeColor.map(({ media, color }) => (
          <meta key={media} name="theme-color" content={color} media={media} />
        ))}
        <meta name="color-scheme" content={SITE_VIEWPORT.colorScheme} />
        <MetadataTags metadata={metadata} settings={settings} slug={post.slug} assets={assets} />
        {assets.icons.map((icon) => (
          <link key={icon.href} rel="icon" {...icon} />
        ))}
      </head>
      <body>
        <div hidden>
          <EmptyBoundary />
        </div>
        <SiteFrame settings={settings}>
          <PostArticle post={post} timeZone={settings.timeZone}>
            <JsonLd data={postJsonLd(settings, post)} />
          </PostArticle>
          <EmptyBoundary />
        </SiteFrame>
      </body>
    </html>
  );
}

type OpenGraphArticle = {
  title?: string;
  description?: string;
  url?: string;
  siteName?: string;
  locale?: string;
  type?: string;
  publishedTime?: string;
  modifiedTime?: string;
  tags?: string[];
};
type Twitter = { card?: string; title?: string; description?: string };

/** The tags Next writes for the metadata fields postPageMetadata sets (URLs made absolute on the site's address). */
function MetadataTags({ metadata, settings, slug, assets }: { metadata: Metadata; settings: SiteSettings; slug: string; assets: BuildAssets }) {
  const absolute = (path: string) => new URL(path, `${settings.url}/`).toString();
  const openGraph = (metadata.openGraph ?? {}) as OpenGraphArticle;
  const twitter = (metadata.twitter ?? {}) as Twitter;
  const feeds = Object.entries(metadata.alternates?.types ?? {}).flatMap(([type, links]) =>
    (Array.isArray(links) ? links : []).map((link) => ({ type, url: String(link.url), title: link.title })),
  );
  const image = assets.shareImage;
  const imageUrl = `${absolute(`/posts/${slug}`)}/${image.suffix}`;
  return (
    <>
      <title>{pageTitle(settings, String(metadata.title))}</title>
      {metadata.description && <meta name="description" content={metadata.description} />}
      <link rel="manifest" href="/manifest.webmanifest" />
      <link rel="canonical" href={absolute(String(metadata.alternates?.canonical))} />
      {feeds.map((feed) => (
        <link key={feed.url} rel="alternate" type={feed.type} href={absolute(feed.url)} title={feed.title} />
      ))}
      <meta property="og:title" content={openGraph.title} />
      {openGraph.description && <meta property="og:description" content={openGraph.description} />}
      <meta property="og:url" content={absolute(String(openGraph.url))} />
      <meta property="og:site_name" content={openGraph.siteName} />
      <meta property="og:locale" content={openGraph.locale} />
      <meta property="og:image" content={imageUrl} />
      <meta property="og:image:type" content={image.type} />
      <meta property="og:image:width" content={image.width} />
      <meta property="og:image:height" content={image.height} />
      <meta property="og:image:alt" content={image.alt} />
      <meta property="og:type" content={openGraph.type} />
      <meta property="article:published_time" content={openGraph.publishedTime} />
      <meta property="article:modified_time" content={openGraph.modifiedTime} />
      {openGraph.tags?.map((tag, index) => (
        <meta key={index} property="article:tag" content={tag} />
      ))}
      <meta name="twitter:card" content={twitter.card} />
      <meta name="twitter:title" content={twitter.title} />
      {twitter.description && <meta name="twitter:description" content={twitter.description} />}
      <meta name="twitter:image" content={imageUrl} />
      <meta name="twitter:image:alt" content={image.alt} />
      <meta name="twitter:image:type" content={image.type} />
      <meta name="twitter:image:width" content={image.width} />
      <meta name="twitter:image:height" content={image.height} />
    </>
  );
}
