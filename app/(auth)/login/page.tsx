import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/session";
import { isMailConfigured } from "@/lib/mail/send";
import { hasAnyUser } from "@/lib/users/queries";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; setup?: string; password?: string }> };

const NOTICES: Record<string, string> = {
  accepted: "Your password is set. Sign in with your email and new password.",
  reset: "Your password has been changed and every session signed out. Sign in with the new password.",
};

// GET /login: the sign-in form; first-run setup when nobody has an account yet.
export default async function LoginPage({ searchParams }: Props) {
  await connection();
  if (!(await hasAnyUser())) redirect("/setup");
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  const notice =
    params.setup === "done"
      ? "Your owner account is ready. Sign in with the email and password you chose."
      : params.password
        ? NOTICES[params.password]
        : undefined;
  return (
    <main className="auth-card">
      <h1>Sign in</h1>
      {notice && (
        <div className="notice notice--success" role="status">
          <p>{notice}</p>
        </div>
      )}
      <LoginForm callbackPath={callbackPath} initialError={params.error ? signInMessage(params.error) : undefined} />
      <p className="field__hint">
        {isMailConfigured() ? <Link href="/forgot-password">Forgot your password?</Link> : "Forgot your password? Ask an admin for a reset link."} After 5
        failed attempts an account is locked for 15 minutes.
      </p>
    </main>
  );
}
