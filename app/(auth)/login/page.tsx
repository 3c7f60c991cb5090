import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/users/queries";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; setup?: string }> };

// GET /login: the sign-in form; first-run setup when nobody has an account yet.
export default async function LoginPage({ searchParams }: Props) {
  await connection();
  if (!(await hasAnyUser())) redirect("/setup");
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  return (
    <main className="auth-card">
      <h1>Sign in</h1>
      {params.setup === "done" && (
        <div className="notice notice--success" role="status">
          <p>Your owner account is ready. Sign in with the email and password you chose.</p>
        </div>
      )}
      <LoginForm callbackPath={callbackPath} initialError={params.error ? "Email or password is incorrect." : undefined} />
    </main>
  );
}
