import type { Metadata } from "next";
import { TokenPage } from "../../token-page";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false }, referrer: "no-referrer" };

// GET /reset-password/<token>: choose a new password with a one-time reset link.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <TokenPage token={(await params).token} kind="reset" />;
}
