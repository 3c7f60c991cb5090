import { escapeHtml } from "@/lib/markup/escape";
import { el, renderXmlDocument, type XmlElement } from "@/lib/markup/xml";

/** One post as every feed format carries it. URLs are absolute. */
export type FeedEntry = {
  permalink: string;
  externalUrl: string;
  title: string;
  publishedAt: Date;
  updatedAt: Date;
  tldr: string;
  /** The item body: TL;DR, rendered summary and commentary, source and the link to the original (safe HTML). */
  contentHtml: string;
  tags: { name: string; url: string }[];
  source: { name: string; url: string; feedUrl: string } | null;
};

/** A feed of the site, a tag or a source. */
export type FeedChannel = {
  title: string;
  description: string;
  language: string;
  /** The page the feed mirrors (home, tag or source page). */
  homeUrl: string;
  siteTitle: string;
  siteUrl: string;
  /** Where each format of this feed lives, for self links. */
  feedUrls: { rss: string; atom: string; json: string };
  /** The WebSub hub readers may subscribe through (settings), or null. */
  hubUrl: string | null;
  /** The newest change among the entries; a feed's date is stable while its posts are. */
  updated: Date;
  entries: FeedEntry[];
};

function newestFirst(entries: FeedEntry[]): FeedEntry[] {
  return [...entries].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
}

// Every value below is plain text handed to the site's one XML writer, which escapes it and drops what XML cannot
// carry. No CDATA: a title is text (readers that treat RSS titles as HTML must not receive raw markup from it), and
// HTML bodies are escaped text, which says the same as CDATA and cannot be ended early by a "]]>".

function rssItem(entry: FeedEntry): XmlElement {
  return el("item", undefined, [
    el("title", undefined, entry.title),
    el("link", undefined, entry.permalink),
    el("guid", { isPermaLink: "true" }, entry.permalink),
    el("pubDate", undefined, entry.publishedAt.toUTCString()),
    // RSS descriptions are HTML, so the plain TL;DR is escaped as HTML first.
    ...(entry.tldr ? [el("description", undefined, escapeHtml(entry.tldr))] : []),
    el("content:encoded", undefined, entry.contentHtml),
    ...entry.tags.map((tag) => el("category", { domain: tag.url }, tag.name)),
    ...(entry.source ? [el("source", { url: entry.source.feedUrl }, entry.source.name)] : []),
  ]);
}

/** RSS 2.0: permalink as guid, tags as categories, the source as <source>. */
export function renderRss(channel: FeedChannel): string {
  return renderXmlDocument(
    el(
      "rss",
      {
        version: "2.0",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        "xmlns:atom": "http://www.w3.org/2005/Atom",
      },
      [
        el("channel", undefined, [
          el("title", undefined, channel.title),
          el("link", undefined, channel.homeUrl),
          el("description", undefined, channel.description),
          el("lastBuildDate", undefined, channel.updated.toUTCString()),
          el("docs", undefined, "https://validator.w3.org/feed/docs/rss2.html"),
          el("generator", undefined, "Linkpress"),
          el("language", undefined, channel.language),
          el("atom:link", { href: channel.feedUrls.rss, rel: "self", type: "application/rss+xml" }),
          ...(channel.hubUrl ? [el("atom:link", { href: channel.hubUrl, rel: "hub" })] : []),
          ...newestFirst(channel.entries).map(rssItem),
        ]),
      ],
    ),
  );
}

function atomEntry(entry: FeedEntry, siteUrl: string): XmlElement {
  return el("entry", undefined, [
    el("id", undefined, entry.permalink),
    el("title", { type: "text" }, entry.title),
    el("link", { rel: "alternate", type: "text/html", href: entry.permalink }),
    // The article this post is about.
    el("link", { rel: "related", type: "text/html", href: entry.externalUrl }),
    el("published", undefined, entry.publishedAt.toISOString()),
    el("updated", undefined, entry.updatedAt.toISOString()),
    ...(entry.tldr ? [el("summary", { type: "text" }, entry.tldr)] : []),
    el("content", { type: "html" }, entry.contentHtml),
    ...entry.tags.map((tag) => el("category", { term: tag.name, scheme: `${siteUrl}/tags/`, label: tag.name })),
    ...(entry.source ? [el("category", { term: entry.source.name, scheme: `${siteUrl}/sources/`, label: entry.source.name })] : []),
  ]);
}

/** Atom 1.0, with each entry's rel="related" link to the external article. */
export function renderAtom(channel: FeedChannel): string {
  return renderXmlDocument(
    el("feed", { xmlns: "http://www.w3.org/2005/Atom", "xml:lang": channel.language }, [
      el("id", undefined, channel.homeUrl),
      el("title", { type: "text" }, channel.title),
      ...(channel.description ? [el("subtitle", { type: "text" }, channel.description)] : []),
      el("updated", undefined, channel.updated.toISOString()),
      el("author", undefined, [el("name", undefined, channel.siteTitle), el("uri", undefined, channel.siteUrl)]),
      el("generator", undefined, "Linkpress"),
      el("link", { rel: "alternate", type: "text/html", href: channel.homeUrl }),
      el("link", { rel: "self", type: "application/atom+xml", href: channel.feedUrls.atom }),
      ...(channel.hubUrl ? [el("link", { rel: "hub", href: channel.hubUrl })] : []),
      ...newestFirst(channel.entries).map((entry) => atomEntry(entry, channel.siteUrl)),
    ]),
  );
}

/**
 * The HTTP Link header of one format of a feed: its own address and, when one is set, the WebSub hub (WebSub §4
 * "Discovery": subscribers look here first, and it works for every format alike).
 */
export function feedLinkHeader(channel: FeedChannel, format: keyof FeedChannel["feedUrls"]): string {
  const links = [`<${channel.feedUrls[format]}>; rel="self"`];
  if (channel.hubUrl) links.unshift(`<${channel.hubUrl}>; rel="hub"`);
  return links.join(", ");
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), built as an object and serialized by JSON.stringify. */
export function renderJsonFeed(channel: FeedChannel): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrls.json,
    ...(channel.hubUrl ? { hubs: [{ type: "WebSub", url: channel.hubUrl }] } : {}),
    ...(channel.description ? { description: channel.description } : {}),
    language: channel.language,
    authors: [{ name: channel.siteTitle, url: channel.siteUrl }],
    items: newestFirst(channel.entries).map((entry) => ({
      id: entry.permalink,
      url: entry.permalink,
      external_url: entry.externalUrl,
      title: entry.title,
      content_html: entry.contentHtml,
      ...(entry.tldr ? { summary: entry.tldr } : {}),
      date_published: entry.publishedAt.toISOString(),
      date_modified: entry.updatedAt.toISOString(),
      ...(entry.tags.length ? { tags: entry.tags.map((tag) => tag.name) } : {}),
      // Custom extensions start with an underscore (JSON Feed 1.1, "Extensions").
      ...(entry.source ? { _linkpress: { source: { name: entry.source.name, url: entry.source.url } } } : {}),
    })),
  });
}
