import "server-only";
// IndieAuth's codes: issued when a signed-in person allows a client on the consent screen, redeemed once by that
// client (with its PKCE verifier) for a personal access token, the same kind people create by hand, or at the
// authorization endpoint for the person's identity alone.
import { createHash, randomBytes } from "node:crypto";
import type { NamedActor } from "@/lib/auth/permissions";
import { hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db";
import { getSiteSettings } from "@/lib/settings/queries";
import { createApiToken, revokeApiTokenWithoutSession } from "@/lib/tokens/mutations";
import { TOKEN_NAME_MAX } from "@/lib/tokens/schema";
import type { ClientInfo } from "./client";
import { CODE_LIFETIME_MS, readScopeParameter, tokenScopesFor, type AuthorizationRequest, type CodeRedemption, type IndieAuthScope } from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An OAuth error answer (RFC 6749 §5.2): its code, words for the client's developer, and the HTTP status. */
export class IndieAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_grant" | "unsupported_grant_type",
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

/** The person's profile URL: the site's address, which a client signs in with. Every account shares it. */
export async function profileUrl(): Promise<string> {
  return `${(await getSiteSettings()).url}/`;
}

/** Issues a code for what the person allowed; the consent action sends the client back with it. */
export async function issueAuthorizationCode(
  person: NamedActor,
  grant: { request: AuthorizationRequest; client: ClientInfo; scopes: readonly IndieAuthScope[]; days: number | null },
  now = new Date(),
): Promise<string> {
  const code = randomBytes(32).toString("base64url");
  // Codes that can no longer be redeemed go as new ones come, so the table stays small (none is kept past a day).
  await prisma.indieAuthCode.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  await prisma.indieAuthCode.create({
    data: {
      codeHash: hashToken(code),
      userId: person.id,
      clientId: grant.request.client_id,
      clientName: grant.client.name,
      redirectUri: grant.request.redirect_uri,
      codeChallenge: grant.request.code_challenge,
      scope: grant.scopes.join(" "),
      tokenDays: grant.days,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    },
  });
  return code;
}

const badGrant = (description: string) => new IndieAuthError("invalid_grant", description);

function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** Marks the code used, once, after checking it belongs to this client and verifier; the code's row. */
async function consumeCode(input: CodeRedemption, now: Date) {
  const code = await prisma.indieAuthCode.findUnique({
    where: { codeHash: hashToken(input.code) },
    select: {
      id: true,
      clientId: true,
      clientName: true,
      redirectUri: true,
      codeChallenge: true,
      scope: true,
      tokenDays: true,
      expiresAt: true,
      usedAt: true,
      tokenId: true,
      user: { select: { id: true, name: true, email: true, isActive: true } },
    },
  });
  if (!code) throw badGrant("The authorization code is not recognised.");
  if (code.usedAt) {
    // A code presented twice may have been stolen: what was issued for it stops working (RFC 6749 §4.1.2).
    if (code.tokenId) await revokeApiTokenWithoutSession({ id: code.tokenId }, "its IndieAuth authorization code was presented again");
    throw badGrant("The authorization code was already used.");
  }
  if (code.expiresAt <= now) throw badGrant("The authorization code has expired (codes last ten minutes).");
  if (code.clientId !== input.client_id) throw badGrant("The authorization code was issued to another client_id.");
  if (code.redirectUri !== input.redirect_uri) throw badGrant("The redirect_uri does not match the one the code was issued for.");
  if (pkceChallenge(input.code_verifier) !== code.codeChallenge) throw badGrant("The code_verifier does not match the code_challenge.");
  if (!code.user.isActive) throw badGrant("The account that allowed this client is deactivated.");
  const { count } = await prisma.indieAuthCode.updateMany({ where: { id: code.id, usedAt: null }, data: { usedAt: now } });
  if (count === 0) throw badGrant("The authorization code was already used.");
  return code;
}

async function profileAnswer(scopes: readonly IndieAuthScope[], person: { name: string }) {
  const me = await profileUrl();
  return { me, ...(scopes.includes("profile") ? { profile: { name: person.name, url: me } } : {}) };
}

/** The authorization endpoint's redemption (§5.3.3): who signed in, without an access token. */
export async function redeemCodeForProfile(input: CodeRedemption, now = new Date()) {
  const code = await consumeCode(input, now);
  return profileAnswer(readScopeParameter(code.scope).known, code.user);
}

/** The token endpoint's redemption (§5.3.2): a personal access token for what the person allowed. */
export async function redeemCodeForToken(input: CodeRedemption, now = new Date()) {
  const code = await consumeCode(input, now);
  const scopes = readScopeParameter(code.scope).known;
  const tokenScopes = tokenScopesFor(scopes);
  if (tokenScopes.length === 0) throw badGrant("This code grants no access to posts; redeem it at the authorization endpoint for the profile alone.");
  const suffix = " (IndieAuth)";
  // Issued as if the person made it themselves, which they did on the consent screen.
  const token = await createApiToken(
    code.user,
    code.user.id,
    { name: `${code.clientName.slice(0, TOKEN_NAME_MAX - suffix.length)}${suffix}`, scopes: tokenScopes, days: code.tokenDays, clientId: code.clientId },
    now,
  );
  await prisma.indieAuthCode.update({ where: { id: code.id }, data: { tokenId: token.id } });
  return {
    access_token: token.secret,
    token_type: "Bearer",
    scope: scopes.join(" "),
    ...(token.expiresAt ? { expires_in: Math.round((token.expiresAt.getTime() - now.getTime()) / 1000) } : {}),
    ...(await profileAnswer(scopes, code.user)),
  };
}
