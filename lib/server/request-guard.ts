// What the outer HTTP server (./http-server.ts) does to every request before Next.js or the page cache sees it.

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../auth/request-meta";
import { hasMalformedEscape, securityHeaders } from "../auth/request-safety";

/**
 * Prepares a request for Next, or answers it here; false when it was answered. The connection's address goes into
 * the private client-address header, replacing any copy the client sent, so lib/auth/request-meta.ts can tell the
 * real address from a made-up X-Forwarded-For. A path whose %-escapes do not decode gets a 400 with the usual
 * security headers (Next would fail on it with a bare 500).
 */
export function admitRequest(request: IncomingMessage, response: ServerResponse): boolean {
  delete request.headers[CLIENT_ADDRESS_HEADER];
  for (let i = request.rawHeaders.length - 2; i >= 0; i -= 2) if (request.rawHeaders[i].toLowerCase() === CLIENT_ADDRESS_HEADER) request.rawHeaders.splice(i, 2);
  const address = request.socket.remoteAddress ?? "";
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  request.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);

  if (!hasMalformedEscape(request.url ?? "/")) return true;
  const siteUrl = process.env.SITE_URL || process.env.NEXTAUTH_URL || "";
  const headers = securityHeaders(randomBytes(16).toString("base64"), { https: siteUrl.startsWith("https://"), production: process.env.NODE_ENV === "production" });
  response.writeHead(400, { ...headers, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  response.end("Bad request: the address has a malformed %-escape.\n");
  return false;
}
