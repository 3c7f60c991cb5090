import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { feedLinkHeader, renderAtom, renderJsonFeed, renderRss, type FeedChannel, type FeedEntry } from "@/lib/feeds/formats";
import { escapeXml } from "@/lib/markup/xml";

const SITE = "https://links.example";
const NASTY_TITLES = [
  "Ampersands & <angle> brackets \"quoted\" 'single'",
  "Emoji 🚀👩🏽‍💻 and flags 🇩🇪",
  "שלום עולם: Kubernetes בעברית",
  "مرحبا بالعالم",
  "CDATA ends ]]> twice ]]> here",
  "Entities &amp; &lt;b&gt; stay text",
  "<script>alert(1)</script>",
];

function entry(title: string, index: number): FeedEntry {
  return {
    permalink: `${SITE}/posts/post-${index}`,
    externalUrl: `https://news.example/article?id=${index}&ref=a<b>`,
    title,
    publishedAt: new Date(Date.UTC(2025, 5, 17, 16, 26, index)),
    updatedAt: new Date(Date.UTC(2025, 5, 18, 9, 0, index)),
    tldr: `TL;DR for ${title}`,
    contentHtml: `<p>Summary &amp; more about ${index}</p><p><a href="https://news.example/article?id=${index}&amp;x=1">Read the original article</a></p>`,
    tags: [
      { name: "C<D & E", url: `${SITE}/tags/c-d-e` },
      { name: "Kubernetes", url: `${SITE}/tags/kubernetes` },
    ],
    source: { name: "Tigera & <Co>", url: `${SITE}/sources/tigera`, feedUrl: `${SITE}/sources/tigera/feed.xml` },
  };
}

function channel(entries: FeedEntry[], hubUrl: string | null = null): FeedChannel {
  return {
    title: "Links & <Things> 🚀",
    description: "Curated “links” & notes",
    language: "en",
    homeUrl: SITE,
    siteTitle: "Links & <Things> 🚀",
    siteUrl: SITE,
    feedUrls: { rss: `${SITE}/feed.xml`, atom: `${SITE}/atom.xml`, json: `${SITE}/feed.json` },
    hubUrl,
    updated: new Date(Date.UTC(2025, 5, 18, 9, 0, 59)),
    entries,
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  cdataPropName: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  isArray: (name, path) => ["item", "entry", "category"].includes(name) || path === "feed.link" || path === "feed.entry.link",
});

// fast-xml-parser's validator accepts some malformed markup, so these checks back it up: no "<" inside an attribute
// value, no "]]>" outside a CDATA section, no character XML forbids.
function expectWellFormed(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(/="[^"]*</);
  expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")).not.toContain("]]>");
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
}

describe("RSS 2.0", () => {
  const entries = NASTY_TITLES.map(entry);
  const xml = renderRss(channel(entries));
  const rss = parser.parse(xml).rss;

  it("is well-formed XML with a channel", () => {
    expectWellFormed(xml);
    expect(rss["@version"]).toBe("2.0");
    expect(rss.channel.title).toBe("Links & <Things> 🚀");
    expect(rss.channel.language).toBe("en");
  });

  it("carries each title exactly, including &, <, emoji and right-to-left text", () => {
    const titles = rss.channel.item.map((item: { title: string }) => item.title);
    expect([...titles].sort()).toEqual([...NASTY_TITLES].sort());
  });

  it("uses the permalink as guid, tags as categories, the source as <source> and keeps the original link in the content", () => {
    const item = rss.channel.item.find((candidate: { title: string }) => candidate.title === NASTY_TITLES[0]);
    expect(item.link).toBe(`${SITE}/posts/post-0`);
    expect(item.guid["#text"]).toBe(`${SITE}/posts/post-0`);
    expect(item.guid["@isPermaLink"]).toBe("true");
    expect(item.category.map((category: { "#text": string }) => category["#text"])).toEqual(["C<D & E", "Kubernetes"]);
    expect(item.category[0]["@domain"]).toBe(`${SITE}/tags/c-d-e`);
    expect(item.source["#text"]).toBe("Tigera & <Co>");
    expect(item.source["@url"]).toBe(`${SITE}/sources/tigera/feed.xml`);
    // Descriptions are HTML, so the TL;DR arrives escaped once more.
    expect(item.description).toBe("TL;DR for Ampersands &amp; &lt;angle&gt; brackets &quot;quoted&quot; &#39;single&#39;");
    expect(item["content:encoded"]).toContain('href="https://news.example/article?id=0&amp;x=1"');
    expect(new Date(item.pubDate).toISOString()).toBe("2025-06-17T16:26:00.000Z");
  });
});

describe("Atom 1.0", () => {
  const entries = NASTY_TITLES.map(entry);
  const xml = renderAtom(channel(entries));
  const feed = parser.parse(xml).feed;

  it("is well-formed XML in the Atom namespace with the required feed elements", () => {
    expectWellFormed(xml);
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(SITE);
    expect(feed.title["#text"]).toBe("Links & <Things> 🚀");
    expect(feed.updated).toBe("2025-06-18T09:00:59.000Z");
    expect(feed.author.name).toBe("Links & <Things> 🚀");
    expect(feed.link.map((link: { "@rel": string }) => link["@rel"])).toEqual(["alternate", "self"]);
  });

  it("carries every title exactly, even with several ]]>", () => {
    expect(feed.entry.map((item: { title: { "#text": string } }) => item.title["#text"]).sort()).toEqual([...NASTY_TITLES].sort());
  });

  it("links the post page as alternate and the external article as related, with escaped categories", () => {
    const item = feed.entry.find((candidate: { title: { "#text": string } }) => candidate.title["#text"] === NASTY_TITLES[0]);
    expect(item.id).toBe(`${SITE}/posts/post-0`);
    const links = Object.fromEntries(item.link.map((link: { "@rel": string; "@href": string }) => [link["@rel"], link["@href"]]));
    expect(links).toEqual({ alternate: `${SITE}/posts/post-0`, related: "https://news.example/article?id=0&ref=a<b>" });
    expect(item.category.map((category: { "@term": string }) => category["@term"])).toEqual(["C<D & E", "Kubernetes", "Tigera & <Co>"]);
    expect(item.category[2]["@scheme"]).toBe(`${SITE}/sources/`);
    expect(item.summary["#text"]).toBe(`TL;DR for ${NASTY_TITLES[0]}`);
    expect(item.content["@type"]).toBe("html");
    expect(item.content["#text"]).toContain("Read the original article");
    expect(item.published).toBe("2025-06-17T16:26:00.000Z");
    expect(item.updated).toBe("2025-06-18T09:00:00.000Z");
  });
});

describe("JSON Feed 1.1", () => {
  const entries = NASTY_TITLES.map(entry);
  const feed = JSON.parse(renderJsonFeed(channel(entries)));

  it("has the version and every required field of the spec", () => {
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(typeof feed.title).toBe("string");
    expect(feed.home_page_url).toBe(SITE);
    expect(feed.feed_url).toBe(`${SITE}/feed.json`);
    expect(feed.language).toBe("en");
    expect(feed.authors).toEqual([{ name: "Links & <Things> 🚀", url: SITE }]);
    expect(Array.isArray(feed.items)).toBe(true);
    for (const item of feed.items) {
      // An item needs an id and content_html or content_text.
      expect(typeof item.id).toBe("string");
      expect(typeof item.content_html).toBe("string");
      expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
    }
  });

  it("carries the permalink, the external URL, the exact title, summary, tags and source", () => {
    expect(feed.items.map((item: { title: string }) => item.title).sort()).toEqual([...NASTY_TITLES].sort());
    const item = feed.items.find((candidate: { title: string }) => candidate.title === NASTY_TITLES[0]);
    expect(item).toMatchObject({
      id: `${SITE}/posts/post-0`,
      url: `${SITE}/posts/post-0`,
      external_url: "https://news.example/article?id=0&ref=a<b>",
      summary: `TL;DR for ${NASTY_TITLES[0]}`,
      tags: ["C<D & E", "Kubernetes"],
      _linkpress: { source: { name: "Tigera & <Co>", url: `${SITE}/sources/tigera` } },
    });
  });

  it("lists items newest first in every format", () => {
    const newestFirst = [...entries].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).map((item) => item.permalink);
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(newestFirst);
    expect(parser.parse(renderAtom(channel(entries))).feed.entry.map((item: { id: string }) => item.id)).toEqual(newestFirst);
    expect(parser.parse(renderRss(channel(entries))).rss.channel.item.map((item: { link: string }) => item.link)).toEqual(newestFirst);
  });
});

describe("titles are plain text in every format, never markup", () => {
  const attack = "<img src=x onerror=alert(1)>";
  const only = channel([entry(attack, 1)]);

  it("RSS and Atom write the title as escaped text, not as CDATA holding raw markup", () => {
    for (const xml of [renderRss(only), renderAtom(only)]) {
      expectWellFormed(xml);
      expect(xml).not.toContain("<![CDATA[");
      expect(xml).not.toContain("<img");
      expect(xml).toMatch(/<title[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/title>/);
    }
    expect(parser.parse(renderRss(only)).rss.channel.item[0].title).toBe(attack);
    expect(parser.parse(renderAtom(only)).feed.entry[0].title).toMatchObject({ "@type": "text", "#text": attack });
  });

  it("JSON Feed carries it as the plain title string", () => {
    expect(JSON.parse(renderJsonFeed(only)).items[0].title).toBe(attack);
  });
});

describe("characters XML cannot carry", () => {
  it("are dropped by the one XML escaping function, while emoji (surrogate pairs) stay", () => {
    expect(escapeXml("a\u0000b\u0008c\u000Bd\uFFFEe\uD800f 🚀\tg\nh")).toBe("abcdef 🚀\tg\nh");
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  });

  it("never make a feed malformed, in text or in attributes", () => {
    const broken = {
      ...entry("Control \u0001\u001F characters \uDC00 lone", 1),
      externalUrl: "https://news.example/a\u0000",
      permalink: `${SITE}/posts/a\u0001`,
    };
    for (const xml of [renderRss(channel([broken])), renderAtom(channel([broken]))]) {
      expectWellFormed(xml);
      expect(xml).toContain("Control  characters  lone");
    }
  });
});

describe("WebSub discovery (rel=self always, rel=hub when a hub is set)", () => {
  const HUB = "https://hub.example/?a=1&b=<2>";
  const links = (nodes: unknown) => (Array.isArray(nodes) ? nodes : [nodes]) as Record<string, string>[];

  it("RSS names itself and the hub in atom:link elements", () => {
    const xml = renderRss(channel([entry("One", 1)], HUB));
    expectWellFormed(xml);
    const atomLinks = links(parser.parse(xml).rss.channel["atom:link"]);
    expect(atomLinks).toContainEqual(expect.objectContaining({ "@rel": "self", "@href": `${SITE}/feed.xml` }));
    expect(atomLinks).toContainEqual(expect.objectContaining({ "@rel": "hub", "@href": HUB }));
    const without = links(parser.parse(renderRss(channel([entry("One", 1)]))).rss.channel["atom:link"]);
    expect(without.map((link) => link["@rel"])).toEqual(["self"]);
  });

  it("Atom names itself and the hub in link elements", () => {
    const xml = renderAtom(channel([entry("One", 1)], HUB));
    expectWellFormed(xml);
    const feedLinks = links(parser.parse(xml).feed.link);
    expect(feedLinks).toContainEqual(expect.objectContaining({ "@rel": "self", "@href": `${SITE}/atom.xml` }));
    expect(feedLinks).toContainEqual(expect.objectContaining({ "@rel": "hub", "@href": HUB }));
    expect(links(parser.parse(renderAtom(channel([entry("One", 1)]))).feed.link).map((link) => link["@rel"])).not.toContain("hub");
  });

  it("JSON Feed lists the hub in hubs and itself as feed_url", () => {
    const feed = JSON.parse(renderJsonFeed(channel([entry("One", 1)], HUB)));
    expect(feed.feed_url).toBe(`${SITE}/feed.json`);
    expect(feed.hubs).toEqual([{ type: "WebSub", url: HUB }]);
    expect(JSON.parse(renderJsonFeed(channel([entry("One", 1)]))).hubs).toBeUndefined();
  });

  it("the Link header names the format's own address, and the hub only when there is one", () => {
    expect(feedLinkHeader(channel([], HUB), "atom")).toBe(`<${HUB}>; rel="hub", <${SITE}/atom.xml>; rel="self"`);
    expect(feedLinkHeader(channel([]), "json")).toBe(`<${SITE}/feed.json>; rel="self"`);
  });
});
