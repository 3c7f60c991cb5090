import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isCrossSiteRequest, isUnusableCallbackUrl, readerContentSecurityPolicy } from "@/lib/auth/request-safety";
import { cacheKeyHeaders, PUBLIC_CACHE_CONTROL, readerCacheKeys } from "@/lib/http/cache-policy";
import { CAPTURE_PATH, isCaptureSubmission, isCookielessEndpoint, isPrivatePath, isSecretLinkPath, readerPathKind } from "@/lib/http/paths";

// Next.js 16 runs this file (its new name for middleware) before every matched request; it must live at the project
// root. It does cheap things only and never touches the database: refuses cross-site state-changing requests and
// unusable callbackUrl values, and gives each response its Content-Security-Policy: on reader pages and documents a
// fixed one that allows no script (any cache may keep them), elsewhere one with a fresh nonce, which Next reads from
// the request header and puts on its own scripts.

// Runs for pages, route handlers and Server Actions; not for build assets.
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const development = process.env.NODE_ENV === "development";
  const https = (process.env.SITE_URL || process.env.NEXTAUTH_URL || "").startsWith("https://");
  // Decided on the path the router routes (normalised by Next), so no spelling of an admin address counts as a reader's.
  const readerKind = readerPathKind(path);
  // The development server's reader pages keep the nonce policy: its hot reloading runs scripts.
  const nonce = readerKind && !development ? null : btoa(crypto.randomUUID());
  const policy = nonce === null ? readerContentSecurityPolicy({ https }) : contentSecurityPolicy(nonce, { development, https });
  // Refusals carry the policy too (next.config.js adds the other security headers to every response).
  const refuse = (status: number, message: string) =>
    new NextResponse(message, {
      status,
      headers: { "content-type": "text/plain; charset=utf-8", "content-security-policy": policy, "cache-control": "no-store" },
    });

  const capture = isCaptureSubmission({
    method: request.method,
    pathname: path,
    contentType: request.headers.get("content-type"),
    nextAction: request.headers.get("next-action"),
  });
  const crossSite = isCrossSiteRequest({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
    siteUrl: process.env.SITE_URL || process.env.NEXTAUTH_URL,
  });
  if (crossSite && !capture && !isCookielessEndpoint(path)) return refuse(403, "Cross-site request refused.");
  // The sign-in page, next-auth's endpoints and any page reading it would otherwise fail on it (a 500).
  if (request.nextUrl.searchParams.getAll("callbackUrl").some(isUnusableCallbackUrl)) return refuse(400, "Bad request: callbackUrl is not a valid address.");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  if (nonce !== null) requestHeaders.set("x-nonce", nonce);
  const response = capture
    ? NextResponse.rewrite(new URL(CAPTURE_PATH, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // Cache-Control only on pages: a header set here would replace the one a route handler (feed, sitemap) sets itself.
  if (isSecretLinkPath(path)) {
    // A preview link's token is its only lock: kept by no cache, indexed by no search engine, sent to no linked site.
    response.headers.set("cache-control", "private, no-store");
    response.headers.set("x-robots-tag", "noindex, nofollow");
    response.headers.set("referrer-policy", "no-referrer");
  } else if (isPrivatePath(path)) response.headers.set("cache-control", "no-store");
  else if (readerKind === "page") response.headers.set("cache-control", PUBLIC_CACHE_CONTROL);
  // What a reader response shows, for caches that purge by key (and the HTTP server's page cache).
  if (readerKind) for (const [name, value] of Object.entries(cacheKeyHeaders(readerCacheKeys(path)))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
