"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";

/** Email and password sign-in through next-auth; one message for every failure, so it reveals no account. */
export function LoginForm({ callbackPath, initialError }: { callbackPath: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackPath);
      return;
    }
    setPending(false);
    setError(result?.status === 429 ? "Too many attempts. Wait a few minutes and try again." : "Email or password is incorrect.");
  }

  return (
    <form onSubmit={submit} noValidate>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input className="input" id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input className="input" id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
