import "server-only";
// /micropub over HTTP. The token comes from `Authorization: Bearer` or a form's `access_token` field (never both, never
// in the address, never a cookie); calls count against the REST API's per-token limit and bodies share its 1 MiB cap
// (lib/api/route.ts); a body is read as a form (urlencoded or multipart) or as JSON; every answer says no-store, and
// every refusal is Micropub's JSON error.
import { countApiCall, readRequestBody } from "@/lib/api/route";
import { authenticateBearer, authenticateToken, type BearerRefusal } from "@/lib/auth/api-tokens";
import type { ApiActor, TokenScope } from "@/lib/auth/permissions";
import {
  createFromMicropub,
  deleteFromMicropub,
  invalidRequest,
  micropubErrorOf,
  MicropubError,
  orInvalid,
  queryMicropub,
  undeleteFromMicropub,
  updateFromMicropub,
} from "./micropub";
import { parseMicropubForm, parseMicropubJson, type MicropubRequest } from "./schema";

type Body = { kind: "form"; entries: [string, string][] } | { kind: "json"; text: string } | { kind: "other" };

const CHALLENGE = 'Bearer realm="linkpress"';

// RFC 6750's challenge: on every 401, and naming the scope needed on an insufficient_scope.
function challengeFor(error: MicropubError): string | null {
  if (error.status === 401) return CHALLENGE;
  return error.code === "insufficient_scope" ? `${CHALLENGE}, error="insufficient_scope", scope="${error.scope}"` : null;
}

function errorResponse(error: MicropubError, challenge = challengeFor(error)): Response {
  const body = { error: error.code, error_description: error.description, ...(error.scope ? { scope: error.scope } : {}) };
  const response = Response.json(body, { status: error.status });
  if (challenge) response.headers.set("WWW-Authenticate", challenge);
  return response;
}

function finish(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set("cache-control", "no-store");
  return response;
}

async function readBody(request: Request): Promise<Body> {
  const bytes = await readRequestBody(request);
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return { kind: "form", entries: [...new URLSearchParams(bytes.toString("utf8"))] };
  if (type === "multipart/form-data") {
    const data = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData().catch(() => null);
    if (!data) throw invalidRequest("The multipart/form-data body could not be read.");
    // A file sent with the post (a photo) is left out: Linkpress posts hold no media.
    return { kind: "form", entries: [...data].flatMap(([name, value]): [string, string][] => (typeof value === "string" ? [[name, value]] : [])) };
  }
  if (type === "application/json") return { kind: "json", text: bytes.toString("utf8") };
  return { kind: "other" };
}

/** The token's owner if the token (in the header or the form, once) allows `scope`, or the refusal as Micropub words it. */
async function authenticate(request: Request, scope: TokenScope, body: Body | null): Promise<ApiActor | Response> {
  const inForm = body?.kind === "form" ? body.entries.filter(([name]) => name === "access_token").map(([, value]) => value) : [];
  if (inForm.length > 1 || (inForm.length === 1 && request.headers.has("authorization")))
    throw invalidRequest("Send the access token once: in the Authorization header or in the access_token field, not both.");
  const result = inForm.length ? await authenticateToken(inForm[0], request, scope) : await authenticateBearer(request, scope);
  return result.ok ? result.actor : refusal(result, scope);
}

function refusal(result: BearerRefusal, scope: TokenScope): Response {
  switch (result.reason) {
    case "no-token":
      return errorResponse(
        new MicropubError(401, "unauthorized", "Send a personal access token: Authorization: Bearer lp_…, or the access_token field of a form."),
      );
    case "invalid-token":
      return errorResponse(new MicropubError(401, "unauthorized", result.detail), `${CHALLENGE}, error="invalid_token"`);
    case "insufficient-scope":
      return errorResponse(new MicropubError(403, "insufficient_scope", result.detail, scope));
    case "forbidden":
      return errorResponse(new MicropubError(403, "forbidden", result.detail));
  }
}

/** Authenticates for `scope`, counts the call, runs, and answers every refusal in Micropub's words. */
async function micropubCall(request: Request, scope: TokenScope, run: (actor: ApiActor, body: Body | null) => Promise<Response>): Promise<Response> {
  let headers: Record<string, string> = {};
  try {
    // Addresses end up in logs and browser histories.
    if (new URL(request.url).searchParams.has("access_token"))
      throw invalidRequest("Send the access token in the Authorization header (or a form's access_token field), never in the address.");
    const body = request.method === "POST" ? await readBody(request) : null;
    const actor = await authenticate(request, scope, body);
    if (actor instanceof Response) return finish(actor, {});
    const count = await countApiCall(actor.via.tokenId);
    if (!count.allowed) return finish(errorResponse(new MicropubError(429, "rate_limited", count.detail)), count.headers);
    headers = count.headers;
    return finish(await run(actor, body), headers);
  } catch (error) {
    const known = micropubErrorOf(error);
    if (known) return finish(errorResponse(known), headers);
    console.error("Micropub request failed", request.method, error);
    return finish(errorResponse(new MicropubError(500, "server_error", "Something went wrong on the server. The error has been logged.")), headers);
  }
}

function requestOf(body: Body | null): MicropubRequest {
  if (body?.kind === "form") return orInvalid(parseMicropubForm(body.entries));
  if (body?.kind !== "json")
    throw invalidRequest("Send the request as a form (application/x-www-form-urlencoded or multipart/form-data) or as JSON (application/json).");
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    throw invalidRequest("The request body is not valid JSON.");
  }
  return orInvalid(parseMicropubJson(json));
}

const created = (location: string) => new Response(null, { status: 201, headers: { location } });
// Micropub's answer for a post that is not yet what was asked: a contributor's submission, published once an editor agrees.
const accepted = (location: string) => new Response(null, { status: 202, headers: { location } });
const noContent = () => new Response(null, { status: 204 });

async function act(actor: ApiActor, request: MicropubRequest): Promise<Response> {
  switch (request.action) {
    case "create": {
      const { location, inReview } = await createFromMicropub(actor, request.properties);
      return inReview ? accepted(location) : created(location);
    }
    case "update": {
      const movedTo = await updateFromMicropub(actor, request.url, request);
      return movedTo ? created(movedTo) : noContent();
    }
    case "delete":
      await deleteFromMicropub(actor, request.url);
      return noContent();
    case "undelete":
      await undeleteFromMicropub(actor, request.url);
      return noContent();
  }
}

/** GET /micropub?q=…: needs posts:read. */
export function micropubGet(request: Request): Promise<Response> {
  return micropubCall(request, "posts:read", async (actor) => Response.json(await queryMicropub(actor, new URL(request.url).searchParams)));
}

/** POST /micropub: create, update, delete (to the trash) and undelete; needs posts:write, and posts:publish to publish. */
export function micropubPost(request: Request): Promise<Response> {
  return micropubCall(request, "posts:write", (actor, body) => act(actor, requestOf(body)));
}
