// What an address is: private (the admin, sign-in and account pages, the APIs: for signed-in people; secret links:
// for whoever holds one), a reader's page or a reader's document (feeds, sitemap, robots). proxy.ts marks private
// responses `no-store` and reader pages shareable; the page cache in lib/server keeps only what is marked shareable,
// and considers only requests whose path it can classify safely.

// Secret-link pages (a post's preview link, /preview/<token>): open to anyone holding the address, so no cache may keep
// them, no search engine index them and no Referer carry the token to the pages they link to.
const SECRET_LINK_PREFIXES = ["/preview"];

const PRIVATE_PREFIXES = [
  "/admin",
  "/login",
  "/setup",
  "/invite",
  "/reset-password",
  "/forgot-password",
  "/api",
  "/indieauth",
  "/micropub",
  ...SECRET_LINK_PREFIXES,
];

// Compared decoded and without regard to case; an address that cannot be decoded counts as under every prefix.
function isUnderPrefix(pathname: string, prefixes: readonly string[]): boolean {
  let path: string;
  try {
    path = decodeURIComponent(pathname).toLowerCase();
  } catch {
    return true;
  }
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * True for a path under a private prefix. `pathname` is the normalised path the router routes (proxy.ts's
 * `nextUrl.pathname`, or canonicalRequestPath's result). It is compared decoded (`/%61dmin` is `/admin`) and without
 * regard to case; a path that cannot be decoded counts as private.
 */
export function isPrivatePath(pathname: string): boolean {
  return isUnderPrefix(pathname, PRIVATE_PREFIXES);
}

/** True for a secret-link page (also a private path), compared as isPrivatePath does. */
export function isSecretLinkPath(pathname: string): boolean {
  return isUnderPrefix(pathname, SECRET_LINK_PREFIXES);
}

// Endpoints that no cookie ever authenticates: a bearer token, an authorization code or nothing at all does. A request
// from another site borrows no one's session there (and apps and browser extensions send an Origin), so proxy.ts does
// not refuse them as cross-site.
const COOKIELESS_PREFIXES = ["/api/v1", "/micropub", "/indieauth/token", "/indieauth/revoke", "/indieauth/authorize"];

/** True for an endpoint of COOKIELESS_PREFIXES, on the path exactly as the router routes it. */
export function isCookielessEndpoint(pathname: string): boolean {
  return COOKIELESS_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

// Spellings that a router or a proxy may resolve to another path: dot segments (also percent-encoded), encoded
// slashes and backslashes, literal backslashes and doubled slashes.
const AMBIGUOUS_PATH = /%2e|%2f|%5c|\\|\/\/|(^|\/)\.\.?(\/|$)/i;

/** True when a request path has a %-escape that does not decode (`%ZZ`, a cut UTF-8 sequence): Next cannot route it. */
export function hasMalformedEscape(target: string): boolean {
  const queryStart = target.indexOf("?");
  try {
    decodeURIComponent(queryStart === -1 ? target : target.slice(0, queryStart));
    return false;
  } catch {
    return true;
  }
}

/**
 * The path of a request target (without its query) when it is written the one way the router reads it, or null when
 * it is not (dot segments, encoded dots, slashes or backslashes, doubled slashes, a malformed escape, no leading
 * slash): such a spelling could name a private page while looking public, so it is never classified as public.
 */
export function canonicalRequestPath(target: string): string | null {
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  if (!path.startsWith("/") || AMBIGUOUS_PATH.test(path)) return null;
  // The WHATWG parser (which Next uses) must see the same path: no fragment, no other normalisation.
  if (new URL(path, "http://canonical.invalid").pathname !== path || hasMalformedEscape(path)) return null;
  return path;
}

// Documents kept besides pages: feeds, the sitemap and robots.txt (not images, which are rendered once per share).
const DOCUMENT_EXTENSION = /\.(xml|json|txt)$/;

/**
 * What a reader's address serves: a page (no file extension), a document (.xml, .json, .txt) or neither (private
 * addresses, framework assets, images, share images). `pathname` is normalised, as for isPrivatePath.
 */
export function readerPathKind(pathname: string): "page" | "document" | null {
  if (isPrivatePath(pathname) || /^\/_next(\/|$)/.test(pathname) || /(opengraph|twitter)-image/.test(pathname)) return null;
  const lastSegment = pathname.slice(pathname.lastIndexOf("/") + 1);
  if (!lastSegment.includes(".")) return "page";
  return DOCUMENT_EXTENSION.test(lastSegment) ? "document" : null;
}

/** The new-post form. It opens prefilled from a query (url, title, selection, via) or a stored capture (?capture=). */
export const NEW_POST_PATH = "/admin/posts/new";
/** Where a capture sent by POST is kept before the form opens it (a route handler). */
export const CAPTURE_PATH = "/admin/capture/new";
/** A capture's largest request body: a 10,000-character selection, written as escaped UTF-8, and the other fields. */
export const CAPTURE_BODY_BYTES = 256 * 1024;

/**
 * A capture sent by POST from another site (the bookmarklet, a share target): a plain form (urlencoded) to the new-post
 * form's address or the capture address, and not a Server Action (those send a Next-Action header or a multipart
 * body). It writes no post, so proxy.ts lets it through cross-site and routes it to CAPTURE_PATH.
 */
export function isCaptureSubmission(request: { method: string; pathname: string; contentType: string | null; nextAction: string | null }): boolean {
  if (request.method.toUpperCase() !== "POST" || request.nextAction !== null) return false;
  if (request.pathname !== NEW_POST_PATH && request.pathname !== CAPTURE_PATH) return false;
  return (request.contentType ?? "").split(";")[0].trim().toLowerCase() === "application/x-www-form-urlencoded";
}
