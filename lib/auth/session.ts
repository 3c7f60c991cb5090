import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AppError, isAppError } from "@/lib/errors";
import { authOptions } from "./options";
import { isRole, type Actor, type Role } from "./permissions";
import { getSessionUser, type SessionUser } from "./sessions";
import { mustEnrolTwoFactor } from "./two-factor";

export type CurrentUser = Omit<SessionUser, "role"> & Actor & { mustEnrolTwoFactor: boolean };

/** Where someone who must set up two-factor is sent; the account pages stay open to them. */
const TWO_FACTOR_SETUP_PATH = "/admin/account/two-factor";

/** The signed-in, active person for this request, checked against the database; null otherwise. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const sessionId = (session as { sessionId?: string } | null)?.sessionId;
  if (!sessionId) return null;
  const user = await getSessionUser(sessionId);
  if (!user || !isRole(user.role)) return null;
  return { ...user, role: user.role, mustEnrolTwoFactor: await mustEnrolTwoFactor(user) };
});

/**
 * For Server Actions: the current user, or an AppError the caller turns into a refusal (route handlers use
 * requireRouteUser, which wraps this). Someone who
 * must still set up two-factor may only use the actions that do that (`allowPendingTwoFactor`).
 */
export async function requireUser(options: { allowPendingTwoFactor?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again; your input is kept on this page.");
  if (user.mustEnrolTwoFactor && !options.allowPendingTwoFactor)
    throw new AppError("FORBIDDEN", "Set up two-factor authentication first (Your account → Two-factor authentication).", {
      href: `${TWO_FACTOR_SETUP_PATH}?required=1`,
      hrefLabel: "Set up two-factor authentication",
    });
  return user;
}

export async function requireRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return user;
}

/**
 * For route handlers: the same guard as Server Actions (session, account state, two-factor enrolment, role), with a
 * refusal answered as a Response: JSON for callers that accept it, else a redirect to sign in or to two-factor set-up,
 * or a 403. `returnTo` is where sign-in sends the person back to.
 */
export async function requireRouteUser(request: Request, options: { returnTo: string; roles?: Role[] }): Promise<CurrentUser | Response> {
  try {
    return options.roles ? await requireRole(...options.roles) : await requireUser();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const status = error.code === "UNAUTHENTICATED" ? 401 : 403;
    if (request.headers.get("accept")?.includes("application/json")) return Response.json({ error: error.userMessage }, { status });
    const location = status === 401 ? `/login?callbackUrl=${encodeURIComponent(options.returnTo)}` : error.details.href;
    if (location) return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
    return new Response(error.userMessage, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
}

/** For admin pages: the current user, or a redirect to sign in (or to first-run setup when nobody has an account). */
export async function requireAdminPageUser(callbackPath: string, roles?: Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (user.mustEnrolTwoFactor && !callbackPath.startsWith("/admin/account")) redirect(`${TWO_FACTOR_SETUP_PATH}?required=1`);
  if (roles && !roles.includes(user.role)) redirect("/admin/posts?denied=1");
  return user;
}
