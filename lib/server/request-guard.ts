// What the outer HTTP server (./http-server.ts) does to every request before Next.js or the page cache sees it.

import type { IncomingMessage } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../auth/request-meta";

/**
 * Writes the connection's address into the private client-address header, replacing any copy the client sent, so
 * lib/auth/request-meta.ts can tell the real address from a made-up X-Forwarded-For.
 */
export function admitRequest(request: IncomingMessage): void {
  delete request.headers[CLIENT_ADDRESS_HEADER];
  for (let i = request.rawHeaders.length - 2; i >= 0; i -= 2) if (request.rawHeaders[i].toLowerCase() === CLIENT_ADDRESS_HEADER) request.rawHeaders.splice(i, 2);
  const address = request.socket.remoteAddress ?? "";
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  request.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
}
