// Pure helpers for proxy.ts and the outer HTTP server (which run before every request, so nothing here touches the
// database).
import STATIC_SECURITY_HEADERS from "./security-headers.json";

/** The Content-Security-Policy for one response: scripts only with this request's nonce (and what they load). */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean; https?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce-bearing Next.js runtime load its own chunks; 'unsafe-eval' only for React's dev tooling.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes cannot run code; React components use a few.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The Content-Security-Policy of reader pages and documents: the same for every response, so any cache may keep them.
 * They run no script at all (Next's are left out of cached pages, and a page served straight from Next works without
 * them); structured data (application/ld+json) is not executed and needs no permission. Styles, images, fonts and
 * forms as in the nonce policy, without the nonce: Next links its stylesheets and inlines none on these pages.
 */
export function readerContentSecurityPolicy(options: { https?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

type PolicyOptions = { development?: boolean; https?: boolean; production?: boolean };

/**
 * Every security header of a response, the policy included: for answers that never reach Next.js (next.config.js
 * adds the same fixed list, from the same file, to everything Next sends). HSTS only in production.
 */
export function securityHeaders(nonce: string, options: PolicyOptions = {}): Record<string, string> {
  const headers: Record<string, string> = { ...STATIC_SECURITY_HEADERS, "Content-Security-Policy": contentSecurityPolicy(nonce, options) };
  if (!options.production) delete headers["Strict-Transport-Security"];
  return headers;
}

/**
 * True for a `callbackUrl` no page of this site could have produced: after decoding it holds anything but printable
 * ASCII (a real path arrives %-encoded). Such a value cannot go into a Location header, and next-auth refuses it.
 */
export function isUnusableCallbackUrl(value: string): boolean {
  return !/^[\x20-\x7e]*$/.test(value);
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type RequestOrigin = {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** X-Forwarded-Host when a proxy sets it, else Host: the name the browser used for this site. */
  host: string | null;
  /** The configured public URL (SITE_URL), also accepted as this site. */
  siteUrl?: string;
};

/**
 * True for a state-changing request a browser sent from another site (a foreign or `null` Origin, or
 * Sec-Fetch-Site: cross-site/same-site). Requests without either header come from non-browser clients, which cannot
 * carry a victim's cookies, so they pass and meet the normal session checks.
 */
export function isCrossSiteRequest(request: RequestOrigin): boolean {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return false;
  if (request.origin !== null) {
    if (request.origin === "null") return true;
    let originHost: string;
    try {
      originHost = new URL(request.origin).host;
    } catch {
      return true;
    }
    const allowed = [request.host, request.siteUrl ? hostOf(request.siteUrl) : null].filter(Boolean);
    return !allowed.includes(originHost);
  }
  return request.secFetchSite !== null && request.secFetchSite !== "same-origin" && request.secFetchSite !== "none";
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
