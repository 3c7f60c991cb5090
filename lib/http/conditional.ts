// Conditional GET (RFC 9110 §13): shared by the feed route handlers and the server's page cache.

/**
 * True when the client's copy (named by If-None-Match, or else dated by If-Modified-Since) is still current.
 * `header` reads one request header by its lower-case name.
 */
export function isNotModified(header: (name: string) => string | null | undefined, etag: string | undefined, lastModified: string | undefined): boolean {
  const ifNoneMatch = header("if-none-match");
  if (ifNoneMatch != null) {
    return ifNoneMatch.split(",").some((tag) => {
      const candidate = tag.trim();
      return candidate === "*" || (etag !== undefined && candidate.replace(/^W\//, "") === etag);
    });
  }
  const ifModifiedSince = Date.parse(header("if-modified-since") ?? "");
  return lastModified !== undefined && Number.isFinite(ifModifiedSince) && Date.parse(lastModified) <= ifModifiedSince;
}
