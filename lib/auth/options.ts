import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { loginSchema } from "@/lib/users/schema";
import { revokeSession, SESSION_MAX_AGE_SECONDS, signInWithPassword } from "@/lib/users/mutations";
import { ensureAuthSecret } from "./secret";
import { clientIp } from "./request-meta";

// JWT sessions carry only the id of a Session row; every request re-reads that row and the user (lib/auth/session.ts),
// so a sign-out, deactivation or role change takes effect on the next request, not when a token expires.
export const authOptions: AuthOptions = {
  secret: ensureAuthSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const user = await signInWithPassword(parsed.data.email, parsed.data.password, {
          ip: clientIp((name) => headers[name]),
          userAgent: headers["user-agent"],
        });
        return user ? { id: user.id, name: user.name, email: user.email, sessionId: user.sessionId } : null;
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
      if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        // An unparsable URL falls through to the home page.
      }
      return baseUrl;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(token.sid);
    },
  },
};
