import "server-only";
// The API's authentication: a personal access token in `Authorization: Bearer lp_…` (Micropub also takes its
// `access_token` form field), never a cookie (so a browser holding a session cannot be made to call the API across
// sites). The owner and their role are read on every call, so deactivating or demoting someone, or revoking the
// token, applies from the next call.
import { prisma } from "@/lib/db";
import { clientIp } from "@/lib/http/client-address";
import { TOKEN_PATTERN, parseScopes } from "@/lib/tokens/schema";
import { isRole, tokenAllows, type ApiActor, type TokenScope } from "./permissions";
import { hashToken } from "./tokens";
import { mustEnrolTwoFactor } from "./two-factor";

/** "Last used" is written at most this often per token, not on every request. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Why a token was refused, as RFC 6750 tells them apart: none sent, not valid (both 401), lacking the scope, or the owner may not (both 403). */
export type BearerRefusalReason = "no-token" | "invalid-token" | "insufficient-scope" | "forbidden";
export type BearerRefusal = { ok: false; status: 401 | 403; reason: BearerRefusalReason; title: string; detail: string };
export type BearerResult = { ok: true; actor: ApiActor } | BearerRefusal;

const STATUS: Record<BearerRefusalReason, 401 | 403> = { "no-token": 401, "invalid-token": 401, "insufficient-scope": 403, forbidden: 403 };
const refuse = (reason: BearerRefusalReason, title: string, detail: string): BearerRefusal => ({ ok: false, status: STATUS[reason], reason, title, detail });
const invalidToken = (detail: string) => refuse("invalid-token", "Invalid token", detail);

/**
 * For the API's route handlers: the person a request's bearer token acts for, if the token is valid and both it and
 * the owner's current role allow `scope`. A refusal carries the status (401 unauthenticated, 403 not allowed) and
 * words for a problem+json answer.
 */
export async function authenticateBearer(request: Request, scope: TokenScope, now = new Date()): Promise<BearerResult> {
  const header = request.headers.get("authorization");
  if (!header) return refuse("no-token", "Authentication required", "Send a personal access token in the Authorization header: Bearer lp_….");
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) return refuse("no-token", "Authentication required", "Use the Bearer scheme with a personal access token: Authorization: Bearer lp_….");
  return authenticateToken(match[1], request, scope, now);
}

/**
 * The same check for a token a request carries elsewhere: Micropub clients may send it as the `access_token` form
 * field. The request gives the address "last used" records.
 */
export async function authenticateToken(secret: string, request: Request, scope: TokenScope, now = new Date()): Promise<BearerResult> {
  if (!TOKEN_PATTERN.test(secret)) return invalidToken("That is not a Linkpress personal access token.");
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: {
      id: true,
      name: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, email: true, role: true, isActive: true, totpEnabledAt: true } },
    },
  });
  if (!token) return invalidToken("The token is not recognised.");
  if (token.revokedAt) return invalidToken("The token was revoked.");
  if (token.expiresAt && token.expiresAt <= now) return invalidToken("The token has expired.");
  const { user } = token;
  if (!user.isActive || !isRole(user.role)) return invalidToken("The token's account is deactivated.");
  if (await mustEnrolTwoFactor({ role: user.role, twoFactorEnabled: user.totpEnabledAt !== null }))
    return refuse(
      "forbidden",
      "Two-factor authentication required",
      "Your role requires two-factor authentication: set it up in the admin before using the API.",
    );

  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) {
    // Best effort, and conditional so parallel calls write once: "last used" is informative and never fails a call.
    const since = new Date(now.getTime() - TOKEN_TOUCH_INTERVAL_MS);
    await prisma.apiToken
      .updateMany({
        where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: since } }] },
        data: { lastUsedAt: now, lastUsedIp: clientIp((name) => request.headers.get(name))?.slice(0, 64) ?? null },
      })
      .catch(() => undefined);
  }

  const actor: ApiActor = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    scopes: parseScopes(token.scopes),
    via: { tokenId: token.id, tokenName: token.name },
  };
  if (!actor.scopes.includes(scope)) return refuse("insufficient-scope", "Insufficient scope", `This token does not have the ${scope} scope.`);
  if (!tokenAllows(actor, scope)) return refuse("forbidden", "Not allowed", `Your role does not allow ${scope}, whatever the token's scopes.`);
  return { ok: true, actor };
}
