import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Transform } from "node:stream";
import zlib from "node:zlib";
import { checkResolvedAddresses, checkUrl, parseFetchAllowList, type CheckedUrl, type FetchAllowList } from "./address";
import { decodeHtml, isHtmlMediaType, isJsonMediaType, looksLikeHtml, parseContentType } from "./decode";
import { FETCH_LIMITS } from "./limits";
import { networkRefusal, pinnedExchange, withinDeadline } from "./pinned-request";
import { refuse } from "./refusal";

// The one way Linkpress reads another site (ESLint keeps global fetch and node:http requests out of everything
// else). Each hop is checked before it is asked for: the URL (./address.ts), then every address its name resolves to,
// once; the socket is handed those checked addresses, so a second, different DNS answer (rebinding) is never used.

export type FetchedPage = {
  /** The URL asked for, as the URL parser normalised it. */
  requestedUrl: string;
  /** The URL that answered with the page. */
  finalUrl: string;
  /** Every URL visited after the first, in order (the last is finalUrl). */
  redirects: string[];
  status: number;
  /** The media type, lower case, without parameters ("text/html" too for a page sent without one and sniffed). */
  contentType: string;
  html: string;
  /** The body's size after decompression, before decoding to text. */
  bytes: number;
  /** The page's HTTP Link header (several joined by ", "), or null: where Webmention discovery looks first. */
  linkHeader: string | null;
};

const HTML_ACCEPT = "text/html,application/xhtml+xml";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Answer =
  | { kind: "redirect"; location: string }
  | { kind: "page"; status: number; mediaType: string | null; charset: string | undefined; body: Buffer; linkHeader: string | null }
  // A probe's answer: the status and headers, the body never read.
  | { kind: "status"; status: number; headers: IncomingHttpHeaders };

/** How one request is made: fetchPage reads an HTML (or JSON) body; a probe (./probe.ts) only wants the status. */
type RequestMode = { method: "GET" | "HEAD"; accept: string; readBody: boolean; acceptJson: boolean };

/** Where a walk along redirects ended: the first and last URLs, every hop, and the last answer. */
type Walk = { requestedUrl: string; finalUrl: string; redirects: string[]; answer: Exclude<Answer, { kind: "redirect" }> };

export type FetchPageOptions = {
  signal?: AbortSignal;
  /** Also take a JSON document (application/json or a +json type), as IndieAuth client metadata may be; `html` holds its text. */
  acceptJson?: boolean;
};

/**
 * Fetches one HTML page from another site for an editor, refusing (FetchRefusal) anything that is not a public web
 * page within the limits of FETCH_LIMITS. Aborting `signal` rejects with its reason.
 */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const { signal, acceptJson = false } = options;
  const mode: RequestMode = { method: "GET", accept: acceptJson ? `${HTML_ACCEPT},application/json` : HTML_ACCEPT, readBody: true, acceptJson };
  const { answer, ...walk } = await walkRedirects(url, mode, { signal });
  if (answer.kind !== "page") throw refuse.network("The site sent no page.");
  const { status, mediaType, charset, body, linkHeader } = answer;
  if (mediaType === null && !looksLikeHtml(body)) throw refuse.notHtml("unknown type");
  return { ...walk, status, contentType: mediaType ?? "text/html", html: decodeHtml(body, charset), bytes: body.length, linkHeader };
}

/**
 * Asks for `url` in `mode`, following redirects (each hop checked like the first) up to FETCH_LIMITS.maxRedirects,
 * all within `timeoutMs` (never more than FETCH_LIMITS.totalMs). Aborting `signal` rejects with its reason.
 */
export function walkRedirects(url: string, mode: RequestMode, options: { signal?: AbortSignal; timeoutMs?: number }): Promise<Walk> {
  return withinDeadline(options.signal, options.timeoutMs, async (signal) => {
    const allowList = readAllowList();
    let target = checkUrl(url, allowList);
    const requestedUrl = target.url.href;
    const redirects: string[] = [];
    for (;;) {
      const addresses = await resolveTarget(target, signal);
      const answer = await exchange(target, addresses, signal, mode);
      if (answer.kind !== "redirect") return { requestedUrl, finalUrl: target.url.href, redirects, answer };
      if (redirects.length >= FETCH_LIMITS.maxRedirects) throw refuse.tooManyRedirects();
      let next: URL;
      try {
        next = new URL(answer.location, target.url);
      } catch {
        throw refuse.badUrl("The site redirected to an address that is not valid.");
      }
      target = checkUrl(next, allowList);
      redirects.push(target.url.href);
    }
  });
}

// Read at every call, so an operator's change (and a test's) needs no restart.
let warnedAbout = "";
export function readAllowList(): FetchAllowList {
  const value = process.env.LINKPRESS_FETCH_ALLOW;
  const { allowed, invalid } = parseFetchAllowList(value);
  if (invalid.length > 0 && warnedAbout !== value) {
    warnedAbout = value ?? "";
    console.warn(`[fetch] LINKPRESS_FETCH_ALLOW: ignoring entries that are not host:port: ${invalid.join(", ")}`);
  }
  return allowed;
}

/** The addresses to connect to, each checked: the URL's own address, or its name looked up once. */
export async function resolveTarget(target: CheckedUrl, signal: AbortSignal): Promise<LookupAddress[]> {
  if (target.isAddress) return [{ address: target.host, family: target.host.includes(":") ? 6 : 4 }];
  const addresses = await abortable(
    new Promise<LookupAddress[]>((resolve, reject) => {
      dnsLookup(target.host, { all: true }, (error, found) => (error ? reject(refuse.notFound(target.host, error)) : resolve(found)));
    }),
    signal,
  );
  checkResolvedAddresses(
    target,
    addresses.map(({ address }) => address),
  );
  return addresses;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function decompressor(contentEncoding: string | undefined): Transform | null {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return null;
  if (encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate") return zlib.createUnzip();
  if (encoding === "br") return zlib.createBrotliDecompress();
  throw refuse.network(`The site sent the page compressed in a way Linkpress cannot read (${encoding}).`);
}

/** One request and its answer: a redirect's Location, a page's body within the limits, or (a probe) the status alone. */
function exchange(target: CheckedUrl, addresses: LookupAddress[], signal: AbortSignal, mode: RequestMode): Promise<Answer> {
  const { acceptJson } = mode;
  let decoder: Transform | null = null;
  const headers = { accept: mode.accept, "accept-encoding": "gzip, deflate, br" };
  return pinnedExchange<Answer>(
    target,
    addresses,
    signal,
    { method: mode.method, headers },
    (answer, settle) => {
      answer.on("error", (error) => settle(networkRefusal(error)));
      try {
        const page = readResponse(answer);
        if (page) page.then((result) => settle(undefined, result), settle);
        else settle(undefined, { kind: "redirect", location: answer.headers.location ?? "" });
      } catch (error) {
        settle(error);
      }
    },
    () => decoder?.destroy(),
  );

  /** Null for a redirect to follow; else the page's body, read within the limits. Throws a refusal. */
  function readResponse(answer: IncomingMessage): Promise<Answer> | null {
    const status = answer.statusCode ?? 0;
    if (REDIRECT_STATUSES.has(status) && answer.headers.location) return null;
    // A probe is answered by the status alone; settle() closes the connection without reading the body.
    if (!mode.readBody) return Promise.resolve({ kind: "status", status, headers: answer.headers });
    if (status < 200 || status > 299) throw refuse.httpStatus(status);
    if (Number(answer.headers["content-length"]) > FETCH_LIMITS.maxBytes) throw refuse.tooLarge();
    const contentType = parseContentType(answer.headers["content-type"]);
    if (contentType && !isHtmlMediaType(contentType.mediaType) && !(acceptJson && isJsonMediaType(contentType.mediaType)))
      throw refuse.notHtml(contentType.mediaType);
    decoder = decompressor(answer.headers["content-encoding"]);

    return new Promise<Answer>((resolvePage, rejectPage) => {
      const chunks: Buffer[] = [];
      let sent = 0;
      let decoded = 0;
      const keep = (chunk: Buffer) => {
        decoded += chunk.length;
        if (decoded > FETCH_LIMITS.maxBytes) return rejectPage(refuse.tooLarge());
        chunks.push(chunk);
      };
      const done = () =>
        resolvePage({
          kind: "page",
          status,
          mediaType: contentType?.mediaType ?? null,
          charset: contentType?.charset,
          body: Buffer.concat(chunks, decoded),
          linkHeader: [answer.headers.link ?? []].flat().join(", ") || null,
        });
      answer.on("data", (chunk: Buffer) => {
        sent += chunk.length;
        if (sent > FETCH_LIMITS.maxBytes) return rejectPage(refuse.tooLarge());
        if (decoder) decoder.write(chunk);
        else keep(chunk);
      });
      answer.on("end", () => (decoder ? decoder.end() : done()));
      answer.on("close", () => {
        if (!answer.complete) rejectPage(refuse.network("The site closed the connection before the page was complete."));
      });
      if (decoder) {
        decoder.on("data", keep);
        decoder.on("end", done);
        decoder.on("error", (error) => rejectPage(refuse.network("The page could not be decompressed.", error)));
      }
    });
  }
}
