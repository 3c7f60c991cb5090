import type { Metadata } from "next";
import { TokenPage } from "../../token-page";

export const metadata: Metadata = { title: "Accept invitation", robots: { index: false }, referrer: "no-referrer" };

// GET /invite/<token>: an invited person chooses their password.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  return <TokenPage token={(await params).token} kind="invite" />;
}
