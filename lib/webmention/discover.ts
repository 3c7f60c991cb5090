// Webmention endpoint discovery (W3C Webmention §3.1.2), pure so every case is unit-tested: the first HTTP Link
// header with rel=webmention, else the first <link> or <a> with rel=webmention in document order, resolved against
// the page's final URL (after redirects); an empty href is the page itself.
import { Parser } from "htmlparser2";

/** The page as the safe fetcher read it. */
export type DiscoveryPage = { finalUrl: string; linkHeader: string | null; html: string };

const hasWebmentionRel = (rel: string | undefined) => rel !== undefined && rel.toLowerCase().split(/\s+/).includes("webmention");

/** An href made absolute against the page, or null when it is no http(s) URL (the next candidate is tried). */
function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// One link of a Link header: its <target> and the parameters up to the next link ("<a>; rel=x, <b>; rel="y z"").
const HEADER_LINK = /<([^>]*)>([^<]*)/g;
const REL_PARAM = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i;

/** The targets of a Link header's links whose rel includes webmention, in order. */
export function webmentionLinksInHeader(header: string): string[] {
  const found: string[] = [];
  for (const [, target, params] of header.matchAll(HEADER_LINK)) {
    const rel = REL_PARAM.exec(params);
    if (rel && hasWebmentionRel(rel[1] ?? rel[2])) found.push(target);
  }
  return found;
}

/** The hrefs of <link> and <a> elements whose rel includes webmention, in document order (comments and text ignored). */
export function webmentionLinksInHtml(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if ((name === "link" || name === "a") && attributes.href !== undefined && hasWebmentionRel(attributes.rel)) found.push(attributes.href);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}

/** The page's Webmention endpoint as an absolute URL, or null when it names none. */
export function discoverWebmentionEndpoint(page: DiscoveryPage): string | null {
  const candidates = [...(page.linkHeader ? webmentionLinksInHeader(page.linkHeader) : []), ...webmentionLinksInHtml(page.html)];
  for (const href of candidates) {
    const endpoint = resolve(href, page.finalUrl);
    if (endpoint) return endpoint;
  }
  return null;
}
