import Link from "next/link";
import { connection } from "next/server";
import { ChoosePasswordForm } from "@/components/auth/choose-password-form";
import { describeToken } from "@/lib/users/queries";
import { tokenSchema } from "@/lib/users/schema";
import { choosePasswordAction } from "./choose-password-actions";

const PROBLEMS = {
  expired: "This link has expired.",
  used: "This link has already been used.",
  invalid: "This link is not valid.",
} as const;

/** The page behind an invitation or reset link: the password form, or a clear message when the link cannot be used. */
export async function TokenPage({ token, kind }: { token: string; kind: "invite" | "reset" }) {
  await connection();
  const state = tokenSchema.safeParse(token).success ? await describeToken(token, kind === "invite" ? "INVITE" : "RESET") : { state: "invalid" as const };
  const title = kind === "invite" ? "Accept your invitation" : "Choose a new password";
  if (state.state !== "valid") {
    return (
      <main className="auth-card">
        <h1>{title}</h1>
        <div className="notice notice--error" role="alert">
          <p>
            {PROBLEMS[state.state]} Ask an admin for a new one{kind === "reset" ? ", or use “Forgot your password?” on the sign-in page" : ""}.
          </p>
        </div>
        <p>
          <Link href="/login">Go to sign-in</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="auth-card">
      <h1>{title}</h1>
      <p>
        {kind === "invite"
          ? `Welcome, ${state.name}. Choose a password for ${state.email}; you sign in with it next.`
          : `Choose a new password for ${state.email}. Every session of the account will be signed out.`}
      </p>
      <ChoosePasswordForm token={token} kind={kind} email={state.email} action={choosePasswordAction} />
    </main>
  );
}
