import { js2xml, type ElementCompact } from "xml-js";
import { escapeHtml } from "./escape";

// The two documents of the sitemap protocol (https://www.sitemaps.org/protocol.html), built with xml-js like the
// Atom feed: a <urlset> of addresses, and a <sitemapindex> of sitemap files. Pure, so unit tests parse them directly.

export const SITEMAP_XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** One address with its last change (left out when unknown: a site without posts). */
export type SitemapUrl = { loc: string; lastModified?: Date };
/** One sitemap file named by an index, with the last change among its addresses. */
export type SitemapReference = { loc: string; lastModified: Date };

// xml-js turns "&amp;" in a text back into "&" before escaping it, so an address containing "&amp;" would change. The
// hook escapes each element's own text (every text here is an element's only child) instead.
const exactText = (_escaped: string, _name: string, element: { _text?: unknown }) => escapeHtml(String(element._text ?? ""));

function render(root: ElementCompact): string {
  return js2xml({ _declaration: { _attributes: { version: "1.0", encoding: "UTF-8" } }, ...root }, { compact: true, spaces: 1, textFn: exactText as never });
}

const lastmod = (date: Date | undefined) => (date ? { lastmod: { _text: date.toISOString() } } : {});

/** A <urlset>: the addresses in the order given. */
export function renderUrlset(urls: SitemapUrl[]): string {
  return render({ urlset: { _attributes: { xmlns: SITEMAP_XMLNS }, url: urls.map((url) => ({ loc: { _text: url.loc }, ...lastmod(url.lastModified) })) } });
}

/** A <sitemapindex>: the sitemap files in the order given. */
export function renderSitemapIndex(sitemaps: SitemapReference[]): string {
  return render({
    sitemapindex: { _attributes: { xmlns: SITEMAP_XMLNS }, sitemap: sitemaps.map((file) => ({ loc: { _text: file.loc }, ...lastmod(file.lastModified) })) },
  });
}

/** The latest of the addresses' last changes, or null when none has one. */
export function newestChange(urls: SitemapUrl[]): Date | null {
  return urls.reduce<Date | null>((newest, url) => (url.lastModified && (!newest || url.lastModified > newest) ? url.lastModified : newest), null);
}
