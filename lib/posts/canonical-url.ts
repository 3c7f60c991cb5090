// Query parameters that only track where a click came from; two links differing only in these are one article.
const TRACKING_PARAMS = new Set(["fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src"]);

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
  for (const name of [...url.searchParams.keys()]) if (isTrackingParam(name)) url.searchParams.delete(name);
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, "") || "/";
  // An emptied query leaves a bare "?" behind in some URLs; drop it.
  if (url.search === "?") url.search = "";
  return url.toString();
}
