// IndieAuth (https://indieauth.spec.indieweb.org/): the authorization request a client sends, the scopes it may ask
// for, and what each grants in Linkpress's own token scopes. Pure, so the consent page, its action, the endpoints and
// the unit tests share one reading.
import { z } from "zod";
import type { TokenScope } from "@/lib/auth/permissions";
import DISCOVERY_LINKS from "@/lib/http/discovery-links.json";
import { TOKEN_EXPIRY_CHOICES } from "@/lib/tokens/schema";

/** The scopes Linkpress grants; anything else a client asks for (media, email…) is left out of the grant and said so. */
export const INDIEAUTH_SCOPES = ["create", "draft", "update", "delete", "undelete", "profile"] as const;
export type IndieAuthScope = (typeof INDIEAUTH_SCOPES)[number];

export const INDIEAUTH_SCOPE_LABELS: Record<IndieAuthScope, string> = {
  create: "create and publish posts",
  draft: "create drafts only",
  update: "edit posts",
  delete: "move posts to the trash",
  undelete: "restore posts from the trash",
  profile: "see your name",
};

// What each IndieAuth scope needs of Linkpress's token scopes. Every call is still checked against the person's
// current role, so "create" never lets a contributor publish.
const GRANTS: Record<IndieAuthScope, readonly TokenScope[]> = {
  create: ["posts:read", "posts:write", "posts:publish"],
  draft: ["posts:read", "posts:write"],
  update: ["posts:read", "posts:write"],
  delete: ["posts:read", "posts:write"],
  undelete: ["posts:read", "posts:write"],
  profile: [],
};

/** The token scopes that a set of IndieAuth scopes grants; empty when they grant no API access (identity only). */
export function tokenScopesFor(scopes: readonly IndieAuthScope[]): TokenScope[] {
  return [...new Set(scopes.flatMap((scope) => GRANTS[scope]))];
}

export function isIndieAuthScope(value: string): value is IndieAuthScope {
  return (INDIEAUTH_SCOPES as readonly string[]).includes(value);
}

/** A space-separated scope parameter split into what Linkpress grants and what it does not know. */
export function readScopeParameter(scope: string | undefined): { known: IndieAuthScope[]; unknown: string[] } {
  const words = [...new Set((scope ?? "").split(/\s+/).filter(Boolean))];
  return { known: words.filter(isIndieAuthScope), unknown: words.filter((word) => !isIndieAuthScope(word)) };
}

/** Authorization codes last ten minutes and are good once. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** How long an IndieAuth token lasts unless the person picks otherwise on the consent screen. */
export const DEFAULT_TOKEN_DAYS = "365";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]"]);

/**
 * Why a client_id (or the URL part of a profile) is not one IndieAuth allows (§3.2): http(s), a path, no fragment,
 * no user or password, no dot segments, a host that is a name or the loopback address; null when it is fine.
 */
export function clientIdProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "The client_id is not a URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The client_id must be an http or https URL.";
  if (url.hash || value.includes("#")) return "The client_id must not have a fragment.";
  if (url.username || url.password) return "The client_id must not hold a user name or password.";
  // The parser resolves dot segments, so they are looked for in what was sent.
  if (/\/\.\.?(\/|$|\?)/.test(value.replace(/^[a-z]+:\/\/[^/]*/i, ""))) return "The client_id must not have . or .. path segments.";
  const host = url.hostname;
  const isAddress = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith("[");
  if (isAddress && !LOOPBACK_HOSTS.has(host)) return "The client_id must name its host, not an IP address (except 127.0.0.1 or [::1]).";
  return null;
}

// RFC 7636: a code challenge is the base64url SHA-256 of the verifier (43 characters); a verifier is 43 to 128.
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
export const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

const url = (what: string) =>
  z
    .string(`The ${what} is missing.`)
    .trim()
    .min(1, `The ${what} is missing.`)
    .max(2048, `The ${what} is too long.`)
    .refine((value) => URL.canParse(value), `The ${what} is not a URL.`);

/** The query of an authorization request (§5.2), as the client sent it; response_type defaults to code, as of old. */
export const authorizationRequestSchema = z.object({
  response_type: z.literal("code", "Only response_type=code is supported.").default("code"),
  client_id: url("client_id").superRefine((value, ctx) => {
    const problem = clientIdProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  redirect_uri: url("redirect_uri").refine((value) => /^https?:$/.test(new URL(value).protocol), "The redirect_uri must be an http or https URL."),
  state: z.string("The state parameter is missing.").min(1, "The state parameter is missing.").max(1000, "The state parameter is too long."),
  code_challenge: z.string("PKCE is required: send a code_challenge.").regex(CODE_CHALLENGE, "The code_challenge must be a base64url SHA-256 (43 characters)."),
  code_challenge_method: z.literal("S256", "Only the S256 code_challenge_method is supported."),
  scope: z.string().max(1000).optional(),
  me: z.string().max(2048).optional(),
});
export type AuthorizationRequest = z.output<typeof authorizationRequestSchema>;

/** The parameters of an authorization request, picked from a query or a form (repeated names: the first). */
export function authorizationParameters(read: (name: string) => string | null): Record<string, string> {
  const names = Object.keys(authorizationRequestSchema.shape);
  return Object.fromEntries(names.flatMap((name) => (read(name) === null ? [] : [[name, read(name) as string]])));
}

/** The consent form: the request again (hidden fields, checked in full by checkAuthorizationRequest) with the scopes the person kept and the token's lifetime. */
export const consentSchema = z.object({
  request: z.record(z.string(), z.string()),
  scopes: z.array(z.enum(INDIEAUTH_SCOPES)).max(INDIEAUTH_SCOPES.length),
  days: z.enum(TOKEN_EXPIRY_CHOICES, "Choose how long the access lasts."),
});

/** The token endpoint's form (§5.3.1): the code, who it was for and the PKCE verifier. */
export const codeRedemptionSchema = z.object({
  grant_type: z.literal("authorization_code").optional(),
  code: z.string().min(1).max(200),
  client_id: z.string().min(1).max(2048),
  redirect_uri: z.string().min(1).max(2048),
  code_verifier: z.string().regex(CODE_VERIFIER),
});
export type CodeRedemption = z.output<typeof codeRedemptionSchema>;

const discoveryHref = (rel: string) => {
  const link = DISCOVERY_LINKS.find((entry) => entry.rel === rel);
  if (!link) throw new Error(`lib/http/discovery-links.json names no ${rel}`);
  return link.href;
};

/**
 * Where IndieAuth lives on this site; the home page names the first three (lib/http/discovery-links.json). The
 * authorization endpoint sends the browser on to the consent page.
 */
export const INDIEAUTH_PATHS = {
  metadata: discoveryHref("indieauth-metadata"),
  authorization: discoveryHref("authorization_endpoint"),
  token: discoveryHref("token_endpoint"),
  revocation: "/indieauth/revoke",
  consent: "/admin/indieauth",
} as const;

/** The authorization server's metadata (§4.1.1, RFC 8414) for a site at `siteUrl` (no trailing slash). */
export function indieAuthMetadata(siteUrl: string) {
  return {
    issuer: `${siteUrl}/`,
    authorization_endpoint: `${siteUrl}${INDIEAUTH_PATHS.authorization}`,
    token_endpoint: `${siteUrl}${INDIEAUTH_PATHS.token}`,
    revocation_endpoint: `${siteUrl}${INDIEAUTH_PATHS.revocation}`,
    revocation_endpoint_auth_methods_supported: ["none"],
    scopes_supported: [...INDIEAUTH_SCOPES],
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
  };
}
