// Query parameters that only track where a click came from; two links differing only in these are one article.
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "yclid",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "ref_src",
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("utm_") || TRACKING_PARAMS.has(lower);
}

/**
 * The form of a URL used to detect a second post for the same article: lower-case scheme and host (the URL parser
 * does both), no default port, no fragment, no tracking parameters, and no trailing slash on a non-root path.
 */
export function canonicalizeUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.hash = "";
  // Filter the raw name=value pieces: rebuilding through searchParams would re-encode the others (%20 → +).
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((piece) => piece && !isTrackingParam(decodeQueryName(piece.split("=")[0])));
  url.search = kept.length ? `?${kept.join("&")}` : "";
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, "") || "/";
  // A URL ending in a bare "?" keeps it even with search set to ""; drop it from the text.
  return url.toString().replace(/\?$/, "");
}

function decodeQueryName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

/**
 * The canonical forms under which the same article may have been posted: the URL itself, over http or https, with or
 * without "www.". Unparseable entries are skipped. Used to find an earlier post, never to store a URL.
 */
export function canonicalVariants(urls: Iterable<string>): string[] {
  const variants = new Set<string>();
  for (const raw of urls) {
    let canonical: URL;
    try {
      canonical = new URL(canonicalizeUrl(raw));
    } catch {
      continue;
    }
    if (canonical.protocol !== "http:" && canonical.protocol !== "https:") continue;
    const bareHost = canonical.hostname.replace(/^www\./, "");
    for (const protocol of ["https:", "http:"])
      for (const hostname of [bareHost, `www.${bareHost}`]) {
        const variant = new URL(canonical.href);
        variant.protocol = protocol;
        variant.hostname = hostname;
        variants.add(variant.toString().replace(/\?$/, ""));
      }
  }
  return [...variants];
}
