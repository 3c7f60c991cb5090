import Link from "next/link";
import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { SessionsList } from "@/components/account/sessions-list";
import { listActiveSessions } from "@/lib/auth/sessions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { changePasswordAction, revokeOtherSessionsAction, revokeSessionAction, updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

// GET /admin/account: one's own details, password, signed-in sessions and two-factor state.
export default async function AccountPage() {
  const user = await requireAdminPageUser("/admin/account");
  const sessions = await listActiveSessions(user.id);
  return (
    <>
      <h1 className="page-heading">Your account</h1>
      {user.mustEnrolTwoFactor && (
        <div className="notice notice--error" role="alert">
          <p>
            Your role requires two-factor authentication. <Link href="/admin/account/two-factor">Set it up now</Link> to continue.
          </p>
        </div>
      )}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <ProfileForm name={user.name} email={user.email} action={updateProfileAction} />
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <PasswordForm action={changePasswordAction} />
      </section>
      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">Two-factor authentication</h2>
        <p>
          {user.twoFactorEnabled ? "On: signing in asks for a code from your authenticator app." : "Off."}{" "}
          <Link href="/admin/account/two-factor">Manage two-factor authentication</Link>
        </p>
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p>
          <Link href="/admin/account/tokens">Manage API tokens</Link> for apps and scripts that post for you.
        </p>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <SessionsList
          actions={{ revoke: revokeSessionAction, revokeOthers: revokeOtherSessionsAction }}
          sessions={sessions.map((session) => ({
            id: session.id,
            device: describeUserAgent(session.userAgent),
            ip: session.ip,
            createdAt: session.createdAt.toISOString(),
            lastSeenAt: session.lastSeenAt.toISOString(),
            current: session.id === user.sessionId,
          }))}
        />
      </section>
    </>
  );
}
