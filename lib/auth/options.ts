import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "@/lib/http/client-address";
import { signInSchema } from "./schema";
import { ensureAuthSecret } from "./secret";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { signIn } from "./sign-in";
import { sameSiteRedirect } from "./redirect";
import { SIGN_IN_ERROR_CODES } from "./sign-in-errors";

// Secure cookies when the public address is https, as next-auth decides by default; spelled out so that
// startSession (lib/auth/start-session.ts) writes the very cookie next-auth reads.
const useSecureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
export const SESSION_COOKIE = {
  name: `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`,
  options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: useSecureCookies },
};

// JWT sessions carry only the id of a Session row; every request re-reads that row and the user (lib/auth/session.ts),
// so a sign-out, deactivation or role change takes effect on the next request, not when a token expires.
export const authOptions: AuthOptions = {
  secret: ensureAuthSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  useSecureCookies,
  cookies: { sessionToken: SESSION_COOKIE },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const result = await signIn(parsed.data, { ip: clientIp((name) => headers[name]), userAgent: headers["user-agent"] });
        switch (result.status) {
          case "success":
            return { id: result.user.id, name: result.user.name, email: result.user.email, sessionId: result.user.sessionId };
          case "throttled":
            throw new Error(SIGN_IN_ERROR_CODES.tooMany);
          case "two_factor_required":
            throw new Error(SIGN_IN_ERROR_CODES.needsCode);
          case "two_factor_invalid":
            throw new Error(SIGN_IN_ERROR_CODES.wrongCode);
          default:
            return null;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "sessionId" in user) token.sid = user.sessionId as string;
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionId: typeof token.sid === "string" ? token.sid : undefined };
    },
    // Redirects after sign-in and sign-out stay on this site, whatever callbackUrl says.
    redirect({ url, baseUrl }) {
      return sameSiteRedirect(url, baseUrl);
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(token.sid);
    },
  },
};
