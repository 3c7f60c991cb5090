// Old addresses of posts, tags and sources answer 301 (lib/redirects/moved.ts). Next can only say 308 from a page
// (permanentRedirect()); for a GET or HEAD the two mean the same, and 301 is what crawlers and feed readers have always
// understood. So this server sends a reader page's 308 as 301: only redirects change, other answers pass untouched.

import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { canonicalRequestPath, readerPathKind } from "../http/paths";

/** True for a GET or HEAD of a public page, whose permanent redirect may be sent as 301. */
export function isReaderPageRead(request: Pick<IncomingMessage, "method" | "url">): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url ? canonicalRequestPath(request.url) : null;
  return path !== null && readerPathKind(path) === "page";
}

/** Makes `response` send 301 where it would send 308, however the status is written (writeHead, or statusCode). */
export function sendPermanentRedirectsAs301(response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (status: number, ...rest: unknown[]) => ServerResponse;
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status !== 308) return writeHead(status, ...rest);
    response.statusMessage = STATUS_CODES[301]!;
    // A reason phrase given with the status belongs to 308; the headers, if given, are kept.
    return writeHead(301, ...rest.filter((argument) => typeof argument !== "string"));
  }) as ServerResponse["writeHead"];
}
