// The production HTTP server: Next.js behind a page cache for public pages, feeds and the sitemap (./page-cache.ts).
//
// Pages missing from the cache are rendered by Next on a second listener, a Unix socket in a private directory, so
// the whole response (status, headers, body) arrives as Next sends it, proxy.ts's headers included. Everything
// else (admin, sign-in, Server Actions, images, assets, client navigation) goes to Next directly. When public content
// changes, the pages naming an invalidated key are dropped, and a changed post's page and the home page are rendered
// again at once, so the first reader after a publish finds them kept.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { promisify } from "node:util";
import next from "next";
import { distDir } from "../cli/process";
import { metrics } from "../observability/metrics";
import { answerOperationsRequest, markDraining } from "../observability/operations";
import { logFormat, observeRequest } from "../observability/request-log";
import { builtRoutePatterns, routeMatcher } from "../observability/routes";
import { onPublicInvalidation, syncPublicContent } from "../cache/generation";
import { SITE_KEY } from "../http/cache-policy";
import { isReaderPageRead, sendPermanentRedirectsAs301 } from "./moved-permanently";
import { PostPageRenderer, postPageSlug } from "./post-page";
import { admitRequest } from "./request-guard";
import {
  isPublicPageRequest,
  isTransferHeader,
  pageCacheKey,
  pageCachesWithin,
  renderStoredPage,
  toStoredPage,
  type PageCache,
  type RenderedResponse,
  type StoredPage,
} from "./page-cache";

const PAGE_CACHE_BYTES = 32 * 1024 * 1024;
// The part of it for addresses with a query string: before this bound, 10,000 made-up searches took the server from
// 238 MB to 371 MB.
const QUERY_PAGE_BYTES = 4 * 1024 * 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|manifest\+json|rss\+xml|atom\+xml|feed\+json))/;
// Pages rendered again right after one invalidation, at most: a bulk change names many posts.
const WARM_UP_PAGES = 20;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// How long requests in flight may take to finish after SIGTERM before their connections are cut.
const SHUTDOWN_GRACE_MS = 10_000;

type ServerOptions = { port: number; hostname?: string; dir?: string };

export type RunningServer = { close(): Promise<void> };

/** Starts Next.js (production build) behind the page cache; resolves once it accepts connections. */
export async function startHttpServer({ port, hostname, dir = process.cwd() }: ServerOptions): Promise<RunningServer> {
  const app = next({ dev: false, dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const socketDir = mkdtempSync(path.join(tmpdir(), "linkpress-render-"));
  const socketPath = path.join(socketDir, "next.sock");
  const renderer = createServer((request, response) => void handle(request, response));
  await listen(renderer, socketPath);

  const pageCaches = pageCachesWithin(PAGE_CACHE_BYTES, QUERY_PAGE_BYTES);
  // Readers asking for the same missing page at once share one render, and the page is prepared and stored once.
  const rendering = new Map<string, Promise<{ rendered: RenderedResponse; page: StoredPage | null }>>();
  // The host readers last asked for: pages are kept by host, and a warm-up render is for the same one.
  let readersHost: string | undefined;
  const postPages = new PostPageRenderer();

  // A page for the cache: a post page by the post page renderer when it can, anything else (and the first post
  // page, which the renderer learns the build's assets from) by Next.
  async function renderForCache(target: RenderTarget): Promise<RenderedResponse> {
    const slug = postPageSlug(target.url);
    if (slug) {
      const rendered = await postPages.render(slug).catch((error: unknown) => {
        console.error("[post pages] rendering", target.url, "failed, Next renders it:", error instanceof Error ? error.message : error);
        return null;
      });
      if (rendered) {
        metrics().postPageRenders.inc({ renderer: "linkpress" });
        return rendered;
      }
    }
    const rendered = await renderThroughNext(target, socketPath);
    if (slug) {
      metrics().postPageRenders.inc({ renderer: "next" });
      postPages.learnFrom(rendered);
    }
    return rendered;
  }

  function renderShared(key: string, cache: PageCache, target: RenderTarget) {
    const epoch = cache.epoch;
    const renderKey = `${epoch} ${key}`;
    let render = rendering.get(renderKey);
    const first = !render;
    if (!render) {
      render = renderForCache(target)
        .then((rendered) => {
          const page = toStoredPage(rendered);
          if (page) cache.set(key, epoch, page);
          return { rendered, page };
        })
        .finally(() => rendering.delete(renderKey));
      rendering.set(renderKey, render);
    }
    return { render, first };
  }

  async function servePage(request: IncomingMessage, response: ServerResponse) {
    const key = pageCacheKey(request);
    const cache = pageCaches.cacheFor(key);
    const stored = cache.get(key);
    const validator = (name: string) => request.headers[name] as string | undefined;
    if (stored) return send(request, response, renderStoredPage(stored, validator, acceptsBrotli(request)), "hit");
    // Only an anonymous request renders for the cache: what is kept must be what anyone would be shown. A signed-in
    // reader's page is rendered for them alone, with their credentials.
    if (request.headers.cookie !== undefined || request.headers.authorization !== undefined) {
      return sendWhole(request, response, await renderThroughNext(readerTarget(request, { credentials: true }), socketPath));
    }
    const { render, first } = renderShared(key, cache, readerTarget(request));
    const { rendered, page } = await render;
    // Not shareable (a redirect, a 404, a cookie): only the request that rendered it may have it.
    if (!page) return sendWhole(request, response, first ? rendered : await renderThroughNext(readerTarget(request), socketPath));
    return send(request, response, renderStoredPage(page, validator, acceptsBrotli(request)), first ? "miss" : "hit");
  }

  // Next answers notFound() thrown by a page with an empty shell that its scripts fill in (vercel/next.js#62228).
  // Reader pages run no script, so the reader gets the site's 404 page whole, as Next renders it on the server.
  async function sendWhole(request: IncomingMessage, response: ServerResponse, rendered: RenderedResponse) {
    if (rendered.status !== 404 || !rendered.body.includes(CLIENT_RENDERED_SHELL)) return send(request, response, rendered);
    return send(request, response, await renderThroughNext({ ...readerTarget(request), url: NOT_FOUND_PATH }, socketPath));
  }

  // Logs, request ids and metrics (lib/observability); /healthz, /readyz and /metrics are answered here, before Next.
  const observing = { routes: routeMatcher(builtRoutePatterns(path.resolve(dir, distDir()))), format: logFormat() };

  // A changed post's page and the home page are rendered again in the background, one after another.
  function warmUp(keys: readonly string[]) {
    const host = readersHost;
    if (!host) return;
    const paths = keys.includes(SITE_KEY) || keys.includes("home") ? ["/"] : [];
    for (const key of keys) if (key.startsWith("post-") && paths.length < WARM_UP_PAGES) paths.push(`/posts/${key.slice("post-".length)}`);
    setTimeout(async () => {
      for (const url of paths) {
        const key = `${host}${url}`;
        const cache = pageCaches.cacheFor(key);
        if (cache.get(key)) continue;
        await renderShared(key, cache, {
          url,
          headers: { host, accept: "text/html", "user-agent": "Linkpress warm-up", "x-forwarded-for": "127.0.0.1" },
        }).render.catch((error: unknown) => console.error("[page cache] warm-up of", url, "failed:", error instanceof Error ? error.message : error));
      }
    }, 0);
  }
  const stopListening = onPublicInvalidation((keys) => {
    pageCaches.invalidate(keys);
    warmUp(keys);
  });

  const server = createServer((request, response) => {
    observeRequest(request, response, observing);
    if (!admitRequest(request, response)) return;
    if (answerOperationsRequest(request, response)) return;
    if (isReaderPageRead(request)) sendPermanentRedirectsAs301(response);
    if (!isPublicPageRequest(request)) return void handle(request, response);
    readersHost = request.headers.host;
    // Until Next has served a public page the content cache is not loaded, and there is nothing to bring up to date.
    const synced = syncPublicContent() ?? Promise.resolve();
    synced
      .then(() => servePage(request, response))
      .catch((error: unknown) => {
        console.error("[page cache]", error instanceof Error ? error.message : error);
        if (!response.headersSent) return handle(request, response);
        response.destroy();
      });
  });
  await listen(server, port, hostname);

  return {
    async close() {
      stopListening();
      markDraining();
      // The renderer serves the public server's requests in flight, so it closes after them.
      await drain(server, SHUTDOWN_GRACE_MS);
      await drain(renderer, 0);
      await app.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, portOrPath: number | string, hostname?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const ready = () => {
      server.off("error", reject);
      resolve();
    };
    if (typeof portOrPath === "string") server.listen(portOrPath, ready);
    else server.listen(portOrPath, hostname, ready);
  });
}

/**
 * Stops accepting connections, lets the requests in flight finish (idle keep-alive connections are closed as they
 * become idle), and cuts whatever is still open after `graceMs`.
 */
function drain(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

type RenderTarget = { url: string; headers: IncomingMessage["headers"] };

// The document Next sends when a page's render failed before its shell (notFound() among them), and Next's own route
// for the not-found page, which it renders whole on the server with status 404.
const CLIENT_RENDERED_SHELL = '<html id="__next_error__"';
const NOT_FOUND_PATH = "/_not-found";

/**
 * The page as this reader asked for it, to ask Next for uncompressed and whole (the validators are checked against
 * the stored copy instead); with the reader's credentials only for a page rendered for them alone.
 */
function readerTarget(request: IncomingMessage, { credentials = false } = {}): RenderTarget {
  const headers = { ...request.headers };
  for (const name of ["accept-encoding", "if-none-match", "if-modified-since"]) delete headers[name];
  // A page rendered for the cache is rendered for nobody in particular.
  if (!credentials) for (const name of ["cookie", "authorization"]) delete headers[name];
  headers["x-forwarded-for"] ??= request.socket.remoteAddress ?? "";
  return { url: request.url ?? "/", headers };
}

/** Asks Next, on its private socket, for a page. */
function renderThroughNext({ url, headers }: RenderTarget, socketPath: string): Promise<RenderedResponse> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest({ socketPath, method: "GET", path: url, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("error", reject);
      answer.on("end", () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < answer.rawHeaders.length; i += 2) pairs.push([answer.rawHeaders[i].toLowerCase(), answer.rawHeaders[i + 1]]);
        resolve({ status: answer.statusCode ?? 502, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    upstream.on("error", reject);
    upstream.end();
  });
}

function acceptsBrotli(request: IncomingMessage): boolean {
  return chooseEncoding(request.headers["accept-encoding"]) === "br";
}

/** Which compression the reader accepts, brotli first. */
function chooseEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  const accepted = (acceptEncoding ?? "").toLowerCase();
  if (/\bbr\b(?!;q=0(\.0*)?\b)/.test(accepted)) return "br";
  if (/\bgzip\b(?!;q=0(\.0*)?\b)/.test(accepted)) return "gzip";
  return null;
}

/**
 * Sends a response, compressed when the reader accepts it (a kept page is compressed already). A page
 * from the cache says so in `X-Linkpress-Cache` (hit, or miss when this request rendered it), for operators.
 */
async function send(request: IncomingMessage, response: ServerResponse, page: RenderedResponse, cacheStatus?: "hit" | "miss") {
  const contentType = page.headers.find(([name]) => name === "content-type")?.[1] ?? "";
  const encoding = page.encoding ?? (page.body.length >= 1024 && COMPRESSIBLE.test(contentType) ? chooseEncoding(request.headers["accept-encoding"]) : null);
  // Fast settings: the size is within a few percent of the slow ones at a fraction of the time.
  const body = page.encoding
    ? page.body
    : encoding === "br"
      ? await brotli(page.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1, [zlib.BROTLI_PARAM_SIZE_HINT]: page.body.length } })
      : encoding === "gzip"
        ? await gzipAsync(page.body, { level: 1 })
        : page.body;
  const vary = new Set<string>();
  for (const [name, value] of page.headers) {
    if (name === "vary") value.split(",").forEach((part) => vary.add(part.trim()));
    else if (name === "set-cookie") response.appendHeader(name, value);
    else if (!isTransferHeader(name)) response.setHeader(name, value);
  }
  if (COMPRESSIBLE.test(contentType)) vary.add("Accept-Encoding");
  if (vary.size) response.setHeader("vary", [...vary].join(", "));
  if (encoding) response.setHeader("content-encoding", encoding);
  if (cacheStatus) response.setHeader("x-linkpress-cache", cacheStatus);
  if (page.status !== 304) response.setHeader("content-length", body.length);
  response.writeHead(page.status);
  response.end(body);
}
