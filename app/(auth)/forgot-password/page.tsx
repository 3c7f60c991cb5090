import Link from "next/link";
import { connection } from "next/server";
import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { isMailConfigured } from "@/lib/mail/send";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Forgot password", robots: { index: false } };

// GET /forgot-password: a reset link by email when the site can send email; otherwise, whom to ask.
export default async function ForgotPasswordPage() {
  await connection();
  return (
    <main className="auth-card">
      <h1>Forgot your password?</h1>
      {isMailConfigured() ? (
        <>
          <p>Type the email address of your account. We send a link to choose a new password.</p>
          <ForgotPasswordForm action={forgotPasswordAction} />
        </>
      ) : (
        <p>This site cannot send email. Ask an admin for a password-reset link.</p>
      )}
      <p>
        <Link href="/login">Back to sign-in</Link>
      </p>
    </main>
  );
}
