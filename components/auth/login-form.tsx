"use client";

import { useRef, useState } from "react";
import { signIn } from "next-auth/react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SIGN_IN_ERROR_CODES, signInMessage } from "@/lib/auth/sign-in-errors";

/**
 * Email and password sign-in through next-auth, then a second step for the authentication code when the account has
 * two-factor on. One message for every password failure, so it reveals no account.
 */
export function LoginForm({ callbackPath, initialError }: { callbackPath: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  // After the password was accepted, it stays in memory only to send it again with the code.
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const [needsCode, setNeedsCode] = useState(false);
  // Sign-in runs in this script: a click before it runs would submit the plain form, so the button waits for it.
  const ready = useHydrated();

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get("code") ?? "").trim();
    const fields =
      needsCode && credentials.current ? credentials.current : { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { ...fields, ...(needsCode ? { code } : {}), redirect: false });
    if (result?.ok && !result.error) {
      credentials.current = null;
      window.location.assign(callbackPath);
      return;
    }
    setPending(false);
    if (result?.error === SIGN_IN_ERROR_CODES.needsCode) {
      credentials.current = fields;
      setNeedsCode(true);
      return;
    }
    if (result?.error !== SIGN_IN_ERROR_CODES.wrongCode) {
      // Anything but a wrong code (the password no longer works, the account got locked) starts again from the top.
      credentials.current = null;
      setNeedsCode(false);
    }
    setError(signInMessage(result?.error, result?.status));
  }

  return (
    // POST, never the default GET: a form sent before the script runs must not put the password in the address.
    <form method="post" onSubmit={submit} noValidate>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {needsCode ? (
        <div className="field">
          <label htmlFor="code">Authentication code</label>
          <input className="input" id="code" name="code" inputMode="text" autoComplete="one-time-code" autoFocus required aria-describedby="code-hint" />
          <p className="field__hint" id="code-hint">
            The six-digit code from your authenticator app, or one of your recovery codes.
          </p>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="email">Email</label>
            <input className="input" id="email" name="email" type="email" autoComplete="username" required />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input className="input" id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
        </>
      )}
      <noscript>
        <div className="field">
          <p className="field__hint">Signing in needs JavaScript, which is off in this browser.</p>
        </div>
      </noscript>
      <button className="button button--primary" type="submit" disabled={pending || !ready}>
        {pending ? "Signing in…" : needsCode ? "Verify code" : "Sign in"}
      </button>
    </form>
  );
}
