import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_ERROR_CODES } from "@/lib/auth/sign-in-errors";
import { getSessionUser } from "@/lib/auth/sessions";

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// GET /api/auth/*: next-auth's session, CSRF and provider endpoints. next-auth answers /session from the signed
// cookie alone; here a revoked or expired session (or a deactivated account) answers as signed out, like every page.
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  const response: Response = await handler(request, context);
  if ((await context.params).nextauth?.[0] !== "session" || !response.ok) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { sessionId?: unknown } | null;
  if (!body || typeof body.sessionId !== "string" || (await getSessionUser(body.sessionId))) return response;
  return new Response("{}", { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

// POST /api/auth/*: sign-in and sign-out. A throttled sign-in answers 429 instead of next-auth's 401, so clients
// (and the login form) can tell "wait" from "wrong credentials".
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const response: Response = await handler(request, context);
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: string } | null;
  if (!body?.url?.includes(`error=${SIGN_IN_ERROR_CODES.tooMany}`)) return response;
  return new Response(JSON.stringify(body), { status: 429, headers: response.headers });
}
