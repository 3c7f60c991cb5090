import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { newestChange, renderSitemapIndex, renderUrlset, SITEMAP_XMLNS } from "@/lib/seo/sitemap-xml";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

describe("renderUrlset", () => {
  it("writes a well-formed <urlset> in the sitemap namespace, each address with its lastmod when known", () => {
    const xml = renderUrlset([{ loc: "https://blog.example/", lastModified: new Date("2025-06-01T10:00:00Z") }, { loc: "https://blog.example/posts/a" }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const { urlset } = parser.parse(xml);
    expect(urlset["@xmlns"]).toBe(SITEMAP_XMLNS);
    expect(urlset.url).toEqual([{ loc: "https://blog.example/", lastmod: "2025-06-01T10:00:00.000Z" }, { loc: "https://blog.example/posts/a" }]);
  });

  it("escapes every character the protocol names, exactly, even text that looks escaped already", () => {
    const loc = `https://blog.example/a&b/&amp;/<x>/"q"/'s'`;
    const xml = renderUrlset([{ loc }]);
    expect(xml).toContain("<loc>https://blog.example/a&amp;b/&amp;amp;/&lt;x&gt;/&quot;q&quot;/&apos;s&apos;</loc>");
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser({ processEntities: true, htmlEntities: true }).parse(xml).urlset.url.loc).toBe(loc);
  });

  it("keeps 50,000 addresses of the longest kind well under the protocol's 50 MB", () => {
    const longest = `https://${"a".repeat(280)}.example/posts/${"s".repeat(60)}-99`;
    const xml = renderUrlset(Array.from({ length: 50_000 }, () => ({ loc: longest, lastModified: new Date() })));
    expect(Buffer.byteLength(xml)).toBeLessThan(50 * 1024 * 1024);
  });
});

describe("renderSitemapIndex", () => {
  it("writes a <sitemapindex> naming each file with its lastmod", () => {
    const xml = renderSitemapIndex([
      { loc: "https://blog.example/sitemap/1.xml", lastModified: new Date("2025-01-01T00:00:00Z") },
      { loc: "https://blog.example/sitemap/2.xml", lastModified: new Date("2025-02-01T00:00:00Z") },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { sitemapindex } = parser.parse(xml);
    expect(sitemapindex["@xmlns"]).toBe(SITEMAP_XMLNS);
    expect(sitemapindex.sitemap).toEqual([
      { loc: "https://blog.example/sitemap/1.xml", lastmod: "2025-01-01T00:00:00.000Z" },
      { loc: "https://blog.example/sitemap/2.xml", lastmod: "2025-02-01T00:00:00.000Z" },
    ]);
  });
});

describe("newestChange", () => {
  it("is the latest lastmod, or null when none is known", () => {
    const dates = ["2025-03-01", "2025-05-01", "2025-04-01"].map((day) => new Date(`${day}T00:00:00Z`));
    expect(newestChange(dates.map((lastModified) => ({ loc: "x", lastModified })))).toEqual(dates[1]);
    expect(newestChange([{ loc: "x" }])).toBeNull();
    expect(newestChange([])).toBeNull();
  });
});
