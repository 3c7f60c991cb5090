// What the outer HTTP server (./http-server.ts) does to every request before Next.js or the page cache sees it.

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { securityHeaders } from "../auth/request-safety";
import { canonicalRequestPath, hasMalformedEscape } from "../http/paths";

// Next buffers a request body for proxy.ts up to the import upload's limit (next.config.js), so every other address is
// held to what its forms can send (a Server Action's own limit is 1 MB). The upload route bounds its own body
// (MAX_UPLOAD_REQUEST_BYTES) and words the refusal for the import form.
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const UPLOAD_PATH = "/admin/import/upload";

/** The answer for a request whose body this server will not take, or null: too long, or of no declared length. */
function bodyRefusal(request: IncomingMessage): { status: number; message: string } | null {
  if (request.method === "GET" || request.method === "HEAD" || canonicalRequestPath(request.url ?? "/") === UPLOAD_PATH) return null;
  const declared = request.headers["content-length"];
  if (declared !== undefined) return Number(declared) > BODY_LIMIT_BYTES ? { status: 413, message: "The request body is larger than 2 MiB." } : null;
  // A body of unknown length (chunked) could only be counted after Next had buffered it. Next sends one itself, over
  // loopback, when it forwards a Server Action to the page that defines it; a proxy in front (nginx) sends a length.
  if (request.headers["transfer-encoding"] === undefined || isLoopback(request.socket.remoteAddress)) return null;
  return { status: 411, message: "Length required: send the body with a Content-Length." };
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === "::1" || /^(::ffff:)?127\./.test(address));
}

/**
 * Prepares a request for Next, or answers it here; false when it was answered. The connection's address goes into
 * the private client-address header, replacing any copy the client sent, so lib/http/client-address.ts can tell the
 * real address from a made-up X-Forwarded-For. A path whose %-escapes do not decode gets a 400 with the usual
 * security headers (Next would fail on it with a bare 500), and a body over its address's limit a 413 (411 when its
 * length is not declared) before Next buffers any of it.
 */
export function admitRequest(request: IncomingMessage, response: ServerResponse): boolean {
  delete request.headers[CLIENT_ADDRESS_HEADER];
  for (let i = request.rawHeaders.length - 2; i >= 0; i -= 2)
    if (request.rawHeaders[i].toLowerCase() === CLIENT_ADDRESS_HEADER) request.rawHeaders.splice(i, 2);
  const address = request.socket.remoteAddress ?? "";
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  request.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);

  const refusal = hasMalformedEscape(request.url ?? "/")
    ? { status: 400, message: "Bad request: the address has a malformed %-escape." }
    : bodyRefusal(request);
  if (!refusal) return true;
  const siteUrl = process.env.SITE_URL || process.env.NEXTAUTH_URL || "";
  const headers = securityHeaders(randomBytes(16).toString("base64"), {
    https: siteUrl.startsWith("https://"),
    production: process.env.NODE_ENV === "production",
  });
  response.writeHead(refusal.status, {
    ...headers,
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    ...(refusal.status === 400 ? {} : { connection: "close" }),
  });
  response.end(`${refusal.message}\n`);
  return false;
}
