import "server-only";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { RequestMeta } from "@/lib/http/request-context";
import { authOptions, SESSION_COOKIE } from "./options";
import type { SignInCredentials } from "./schema";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { signIn } from "./sign-in";

/**
 * Signs in, inside a Server Action, someone who has just chosen their password (the first-run owner, an accepted
 * invitation), so they land in the admin rather than on an empty sign-in form. It goes through the same signIn as the
 * sign-in form (throttle, Session row, audit entry) and then writes the session cookie next-auth itself would: a JWT
 * carrying the Session id, signed with the same secret. Done on the server, it needs no script in the browser and
 * never sends the password twice. False when sign-in was refused (a throttled address); the caller then sends the
 * person to the sign-in form.
 */
export async function startSession(credentials: SignInCredentials, meta: Partial<RequestMeta>): Promise<boolean> {
  const result = await signIn(credentials, meta);
  if (result.status !== "success") return false;
  const { user } = result;
  // The same claims next-auth's jwt callback (lib/auth/options.ts) gives a token at sign-in.
  const token = await encode({
    token: { name: user.name, email: user.email, sub: user.id, sid: user.sessionId },
    secret: authOptions.secret!,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const jar = await cookies();
  jar.set(SESSION_COOKIE.name, token, { ...SESSION_COOKIE.options, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  return true;
}

/**
 * Signs out the session of this request: its Session row is revoked (so the cookie is refused even if replayed) and
 * the cookie is deleted. Done in a Server Action, the "Sign out" button works before the page's script has loaded.
 */
export async function endSession(): Promise<void> {
  const session = await getServerSession(authOptions);
  const sessionId = (session as { sessionId?: string } | null)?.sessionId;
  if (sessionId) await revokeSession(sessionId);
  (await cookies()).delete(SESSION_COOKIE.name);
}
