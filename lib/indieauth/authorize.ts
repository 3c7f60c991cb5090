import "server-only";
// An authorization request checked in full, as the consent page and its actions need it before showing anything or
// sending the browser anywhere: its parameters, then the client's own page, then the redirect URI against it (so
// Linkpress never becomes an open redirect).
import { describeClient, redirectAllowed, type ClientInfo } from "./client";
import { profileUrl } from "./mutations";
import { authorizationRequestSchema, readScopeParameter, type AuthorizationRequest, type IndieAuthScope } from "./schema";

export type CheckedAuthorization =
  { ok: true; request: AuthorizationRequest; client: ClientInfo; requested: IndieAuthScope[]; ignored: string[] } | { ok: false; problem: string };

export async function checkAuthorizationRequest(parameters: Record<string, unknown>): Promise<CheckedAuthorization> {
  const parsed = authorizationRequestSchema.safeParse(parameters);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? "The request is not a valid IndieAuth request." };
  const request = parsed.data;
  const client = await describeClient(request.client_id);
  if (!redirectAllowed(client, request.redirect_uri))
    return {
      ok: false,
      problem: `The redirect_uri ${request.redirect_uri} is not on the client's own site (${client.host}) and the client does not declare it${client.fetchProblem ? ` (its page could not be read: ${client.fetchProblem})` : ""}.`,
    };
  const { known, unknown } = readScopeParameter(request.scope);
  return { ok: true, request, client, requested: known, ignored: unknown };
}

/** Where the browser goes back to the client: its redirect_uri with the answer added, and `iss` (RFC 9207). */
export async function authorizationRedirect(request: AuthorizationRequest, answer: { code: string } | { error: "access_denied" }): Promise<string> {
  const target = new URL(request.redirect_uri);
  for (const [name, value] of Object.entries(answer)) target.searchParams.set(name, value);
  target.searchParams.set("state", request.state);
  target.searchParams.set("iss", await profileUrl());
  return target.href;
}
