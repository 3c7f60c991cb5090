import Link from "next/link";
import type { Metadata } from "next";
import { ConfirmTwoFactorForm, ManageTwoFactorForms, StartTwoFactorForm } from "@/components/account/two-factor";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction, startTwoFactorAction } from "../actions";

export const metadata: Metadata = { title: "Two-factor authentication" };

// GET /admin/account/two-factor: set up, renew recovery codes for, or turn off sign-in with an authenticator app.
export default async function TwoFactorPage() {
  const user = await requireAdminPageUser("/admin/account/two-factor");
  const timeZone = await getSiteTimeZone();
  const status = await getTwoFactorStatus(user.id);
  return (
    <>
      <p>
        <Link href="/admin/account">← Your account</Link>
      </p>
      <h1 className="page-heading">Two-factor authentication</h1>
      {user.mustEnrolTwoFactor && (
        <div className="notice notice--error" role="alert">
          <p>Your role requires two-factor authentication. Set it up to continue to the rest of the admin area.</p>
        </div>
      )}
      {status.state === "on" ? (
        <>
          <p role="status">
            On since {formatDateTime(status.enabledAt, timeZone)}. {status.recoveryCodesLeft} of 10 recovery codes left.
          </p>
          <ManageTwoFactorForms actions={{ regenerateCodes: regenerateRecoveryCodesAction, disable: disableTwoFactorAction }} />
        </>
      ) : status.state === "pending" ? (
        <ConfirmTwoFactorForm qrCode={status.qrCode} secret={status.secret} action={confirmTwoFactorAction} />
      ) : (
        <>
          <p>Off. With it on, signing in also asks for a six-digit code from an app on your phone, so a stolen password alone is not enough.</p>
          <StartTwoFactorForm action={startTwoFactorAction} />
        </>
      )}
    </>
  );
}
