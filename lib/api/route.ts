import "server-only";
// The one wrapper every /api/v1 handler is built with: bearer token (never a cookie), rate limit per token, body cap,
// and every failure answered as application/problem+json, in that order. Micropub (lib/micropub/handler.ts) shares its
// call count and body cap.
import { createHash } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { authenticateBearer } from "@/lib/auth/api-tokens";
import type { ApiActor, TokenScope } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { sharedLimiter } from "@/lib/rate-limit/shared";
import { ApiProblem, appErrorProblem, problem } from "./problem";

/** Calls per token per window, reads and writes alike (documented in the README). */
export const API_RATE_LIMIT = 120;
export const API_RATE_WINDOW_SECONDS = 60;
/** The largest request body the API reads. */
export const API_MAX_BODY_BYTES = 1024 * 1024;

// Counted in the database, so a token's calls through every app instance add up to one limit.
const limiter = sharedLimiter({ points: API_RATE_LIMIT, duration: API_RATE_WINDOW_SECONDS, keyPrefix: "api-v1" });

export type ApiContext<P> = {
  request: Request;
  actor: ApiActor;
  params: P;
  /** The JSON body, at most API_MAX_BODY_BYTES; an empty body is `undefined`. */
  readJson: () => Promise<unknown>;
};

function rateHeaders(result: RateLimiterRes): Record<string, string> {
  return {
    "RateLimit-Limit": String(API_RATE_LIMIT),
    "RateLimit-Remaining": String(Math.max(0, result.remainingPoints)),
    "RateLimit-Reset": String(Math.ceil(result.msBeforeNext / 1000)),
  };
}

const tooLarge = () => new ApiProblem(413, "Request body too large", `The API takes request bodies of at most ${API_MAX_BODY_BYTES} bytes (1 MiB).`);

/** The body, read no further than the cap (API_MAX_BODY_BYTES), whatever Content-Length said: 413 beyond it. */
export async function readRequestBody(request: Request): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > API_MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > API_MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readJson(request: Request): Promise<unknown> {
  const text = (await readRequestBody(request)).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem(400, "Malformed JSON", "The request body is not valid JSON.");
  }
}

export type ApiCallCount = { allowed: true; headers: Record<string, string> } | { allowed: false; headers: Record<string, string>; detail: string };

/** Counts one call of a token against the limit the API and Micropub share; the RateLimit headers to send either way. */
export async function countApiCall(tokenId: string): Promise<ApiCallCount> {
  try {
    return { allowed: true, headers: rateHeaders(await limiter().consume(tokenId)) };
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const retryAfter = String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    const detail = `This token made more than ${API_RATE_LIMIT} calls in ${API_RATE_WINDOW_SECONDS} seconds; retry after ${retryAfter} seconds.`;
    return { allowed: false, headers: { ...rateHeaders(refusal), "Retry-After": retryAfter }, detail };
  }
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("cache-control", "no-store");
  return response;
}

/** Builds a route handler: authenticate the bearer token for `scope`, count the call, run, answer problems. */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(options: {
  scope: TokenScope;
  run: (context: ApiContext<P>) => Promise<Response>;
}): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    let headers: Record<string, string> = {};
    try {
      const auth = await authenticateBearer(request, options.scope);
      if (!auth.ok)
        return withHeaders(problem(auth.status, auth.title, auth.detail), auth.status === 401 ? { "WWW-Authenticate": 'Bearer realm="linkpress"' } : {});
      const count = await countApiCall(auth.actor.via.tokenId);
      if (!count.allowed) return withHeaders(problem(429, "Too many requests", count.detail), count.headers);
      headers = count.headers;
      const params = ((await context?.params) ?? {}) as P;
      return withHeaders(await options.run({ request, actor: auth.actor, params, readJson: () => readJson(request) }), headers);
    } catch (error) {
      const known = error instanceof ApiProblem ? error : isAppError(error) ? appErrorProblem(error) : null;
      if (known) return withHeaders(problem(known.status, known.title, known.detail, known.extra), { ...headers, ...known.headers });
      console.error("API request failed", request.method, new URL(request.url).pathname, error);
      return withHeaders(problem(500, "Internal error", "Something went wrong on the server. The error has been logged."), headers);
    }
  };
}

/** A JSON answer with a weak ETag of its body; 304 when the client already has it (If-None-Match). */
export function jsonWithEtag(request: Request, data: unknown): Response {
  const body = JSON.stringify(data);
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const held = (request.headers.get("if-none-match") ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (held.includes("*") || held.includes(etag.slice(2))) return new Response(null, { status: 304, headers: { etag } });
  return new Response(body, { status: 200, headers: { "content-type": "application/json", etag } });
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}
