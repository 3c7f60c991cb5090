import { Feed } from "feed";
import { js2xml, type ElementCompact } from "xml-js";
import { escapeHtml } from "@/lib/seo/escape";

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
  /** The newest change among the entries; a feed's date is stable while its posts are. */
  updated: Date;
  entries: FeedEntry[];
};

// XML 1.0 cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF, even escaped.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe to place in an XML document (escaping is the serializer's job). */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, "");
}

function newestFirst(entries: FeedEntry[]): FeedEntry[] {
  return [...entries].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
}

/** RSS 2.0 through the `feed` library: permalink as guid, tags as categories, the source as <source>. */
export function renderRss(channel: FeedChannel): string {
  const feed = new Feed({
    title: xmlText(channel.title),
    description: xmlText(channel.description),
    id: channel.homeUrl,
    link: channel.homeUrl,
    language: channel.language,
    updated: channel.updated,
    generator: "Linkpress",
    feedLinks: { rss: channel.feedUrls.rss },
  });
  for (const entry of newestFirst(channel.entries)) {
    feed.addItem({
      // The library writes the title as CDATA and splits only the first "]]>"; readers treat RSS titles as HTML
      // text, so any further ones are written as the entity.
      title: xmlText(entry.title).replace(/(?<=\]\]>[\s\S]*)\]\]>/g, "]]&gt;"),
      // No id or guid given: the library then writes the link as <guid isPermaLink="true">.
      link: entry.permalink,
      date: entry.publishedAt,
      // RSS descriptions are HTML; escaped text also never contains the "]]>" that would end the CDATA section.
      description: entry.tldr ? escapeHtml(xmlText(entry.tldr)) : undefined,
      content: xmlText(entry.contentHtml),
      category: entry.tags.map((tag) => ({ name: xmlText(tag.name), domain: tag.url })),
      extensions: entry.source ? [{ name: "source", objects: { _attributes: { url: entry.source.feedUrl }, _text: xmlText(entry.source.name) } }] : undefined,
    });
  }
  return feed.rss2();
}

// xml-js escapes only quotes in attribute values and only the first "]]>" of a CDATA section; these hooks make
// both exact. Human text goes into CDATA, so the quirks of its text escaping never apply to it.
const escapeAttributes = (attributes: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      String(value)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`),
    ]),
  );
const splitCdata = (text: string) => text.replace(/\]\]>/g, "]]]]><![CDATA[>");

function atomEntry(entry: FeedEntry, siteUrl: string): ElementCompact {
  return {
    id: { _text: entry.permalink },
    title: { _attributes: { type: "text" }, _cdata: xmlText(entry.title) },
    link: [
      { _attributes: { rel: "alternate", type: "text/html", href: entry.permalink } },
      // The article this post is about.
      { _attributes: { rel: "related", type: "text/html", href: entry.externalUrl } },
    ],
    published: { _text: entry.publishedAt.toISOString() },
    updated: { _text: entry.updatedAt.toISOString() },
    ...(entry.tldr ? { summary: { _attributes: { type: "text" }, _cdata: xmlText(entry.tldr) } } : {}),
    content: { _attributes: { type: "html" }, _cdata: xmlText(entry.contentHtml) },
    category: [
      ...entry.tags.map((tag) => ({ _attributes: { term: xmlText(tag.name), scheme: `${siteUrl}/tags/`, label: xmlText(tag.name) } })),
      ...(entry.source ? [{ _attributes: { term: xmlText(entry.source.name), scheme: `${siteUrl}/sources/`, label: xmlText(entry.source.name) } }] : []),
    ],
  };
}

/**
 * Atom 1.0. The `feed` library cannot write an entry's rel="related" link (the external article) and leaves "<" in
 * attribute values unescaped, so this document is built with xml-js, the serializer `feed` itself uses.
 */
export function renderAtom(channel: FeedChannel): string {
  const document: ElementCompact = {
    _declaration: { _attributes: { version: "1.0", encoding: "utf-8" } },
    feed: {
      _attributes: { xmlns: "http://www.w3.org/2005/Atom", "xml:lang": channel.language },
      id: { _text: channel.homeUrl },
      title: { _attributes: { type: "text" }, _cdata: xmlText(channel.title) },
      ...(channel.description ? { subtitle: { _attributes: { type: "text" }, _cdata: xmlText(channel.description) } } : {}),
      updated: { _text: channel.updated.toISOString() },
      author: { name: { _cdata: xmlText(channel.siteTitle) }, uri: { _text: channel.siteUrl } },
      generator: { _text: "Linkpress" },
      link: [
        { _attributes: { rel: "alternate", type: "text/html", href: channel.homeUrl } },
        { _attributes: { rel: "self", type: "application/atom+xml", href: channel.feedUrls.atom } },
      ],
      entry: newestFirst(channel.entries).map((entry) => atomEntry(entry, channel.siteUrl)),
    },
  };
  return js2xml(document, {
    compact: true,
    spaces: 2,
    attributesFn: escapeAttributes as never,
    cdataFn: splitCdata as never,
  });
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), built as an object and serialized by JSON.stringify. */
export function renderJsonFeed(channel: FeedChannel): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrls.json,
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
