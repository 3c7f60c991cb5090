import "server-only";
// The endpoints clients call server to server (never with a cookie): the token endpoint, the authorization endpoint's
// profile redemption and the revocation endpoint. Form-encoded in, JSON out, errors as OAuth says (RFC 6749 §5.2).
import { revokeApiTokenWithoutSession } from "@/lib/tokens/mutations";
import { IndieAuthError, redeemCodeForProfile, redeemCodeForToken } from "./mutations";
import { codeRedemptionSchema } from "./schema";

/** These requests are a few hundred bytes; anything far larger is not one. */
const FORM_MAX_BYTES = 16 * 1024;

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

function oauthError(error: IndieAuthError): Response {
  return Response.json({ error: error.error, error_description: error.description }, { status: error.status, headers: NO_STORE });
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw new IndieAuthError("invalid_request", "Send the parameters form-encoded (application/x-www-form-urlencoded).");
  if (Number(request.headers.get("content-length") ?? 0) > FORM_MAX_BYTES) throw new IndieAuthError("invalid_request", "The request body is too large.", 413);
  const text = await request.text();
  if (text.length > FORM_MAX_BYTES) throw new IndieAuthError("invalid_request", "The request body is too large.", 413);
  return new URLSearchParams(text);
}

function readRedemption(form: URLSearchParams) {
  const parsed = codeRedemptionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "request";
    throw new IndieAuthError("invalid_request", `The ${field} parameter is missing or malformed.`);
  }
  return parsed.data;
}

async function answer(run: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await run(), { headers: NO_STORE });
  } catch (error) {
    if (error instanceof IndieAuthError) return oauthError(error);
    throw error;
  }
}

/** POST /indieauth/token: an authorization code and its PKCE verifier for an access token. */
export function tokenEndpoint(request: Request): Promise<Response> {
  return answer(async () => {
    const form = await readForm(request);
    const grantType = form.get("grant_type");
    if (grantType !== "authorization_code")
      throw new IndieAuthError("unsupported_grant_type", grantType ? `The grant_type ${grantType} is not supported.` : "Send grant_type=authorization_code.");
    return redeemCodeForToken(readRedemption(form));
  });
}

/** POST /indieauth/authorize: an authorization code redeemed for the person's identity alone (§5.3.3). */
export function profileEndpoint(request: Request): Promise<Response> {
  return answer(async () => redeemCodeForProfile(readRedemption(await readForm(request))));
}

/** POST /indieauth/revoke: revokes the token sent; answers 200 whatever it was, as RFC 7009 §2.2 asks. */
export function revocationEndpoint(request: Request): Promise<Response> {
  return answer(async () => {
    const token = (await readForm(request)).get("token");
    if (!token) throw new IndieAuthError("invalid_request", "Send the token to revoke as token=….");
    await revokeApiTokenWithoutSession({ secret: token }, "revoked by the app at the revocation endpoint");
    return {};
  });
}
