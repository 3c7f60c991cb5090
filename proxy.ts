import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isCrossSiteRequest } from "@/lib/auth/request-safety";
import { isPrivatePath, readerPathKind } from "@/lib/http/paths";

// Next.js 16 runs this file (its new name for middleware) before every matched request; it must live at the project
// root. It does two cheap things and never touches the database: refuses cross-site state-changing requests, and gives
// each response a Content-Security-Policy with a fresh nonce, which Next reads from the request header and puts on
// its own scripts.

// Runs for pages, route handlers and Server Actions; not for build assets.
export function proxy(request: NextRequest) {
  const crossSite = isCrossSiteRequest({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
    siteUrl: process.env.SITE_URL || process.env.NEXTAUTH_URL,
  });
  if (crossSite) return new NextResponse("Cross-site request refused.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    https: (process.env.SITE_URL || process.env.NEXTAUTH_URL || "").startsWith("https://"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // Decided on the path the router routes (normalised by Next), so no spelling of an admin address is marked shareable.
  // Only pages are marked: a header set here would replace the one a route handler (feed, share image) sets itself.
  const path = request.nextUrl.pathname;
  if (isPrivatePath(path)) response.headers.set("cache-control", "no-store");
  else if (readerPathKind(path) === "page") response.headers.set("cache-control", "public, no-cache");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
