import { el, renderXmlDocument, type XmlElement } from "@/lib/markup/xml";

// The two documents of the sitemap protocol (https://www.sitemaps.org/protocol.html), written by the site's one XML
// writer like the feeds: a <urlset> of addresses, and a <sitemapindex> of sitemap files. Pure, so unit tests parse
// them directly.

export const SITEMAP_XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** One address with its last change (left out when unknown: a site without posts). */
export type SitemapUrl = { loc: string; lastModified?: Date };
/** One sitemap file named by an index, with the last change among its addresses. */
export type SitemapReference = { loc: string; lastModified: Date };

function entry(name: string, loc: string, lastModified: Date | undefined): XmlElement {
  return el(name, undefined, [el("loc", undefined, loc), ...(lastModified ? [el("lastmod", undefined, lastModified.toISOString())] : [])]);
}

/** A <urlset>: the addresses in the order given. */
export function renderUrlset(urls: SitemapUrl[]): string {
  return renderXmlDocument(
    el(
      "urlset",
      { xmlns: SITEMAP_XMLNS },
      urls.map((url) => entry("url", url.loc, url.lastModified)),
    ),
  );
}

/** A <sitemapindex>: the sitemap files in the order given. */
export function renderSitemapIndex(sitemaps: SitemapReference[]): string {
  return renderXmlDocument(
    el(
      "sitemapindex",
      { xmlns: SITEMAP_XMLNS },
      sitemaps.map((file) => entry("sitemap", file.loc, file.lastModified)),
    ),
  );
}

/** The latest of the addresses' last changes, or null when none has one. */
export function newestChange(urls: SitemapUrl[]): Date | null {
  return urls.reduce<Date | null>((newest, url) => (url.lastModified && (!newest || url.lastModified > newest) ? url.lastModified : newest), null);
}
