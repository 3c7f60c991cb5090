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
