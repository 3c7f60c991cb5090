import Link from "next/link";
import type { Metadata } from "next";
import { TokenCreateForm } from "@/components/tokens/token-create-form";
import { TokenList } from "@/components/tokens/token-list";
import { canManageWebhooks, canPublish } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { listApiTokenRows } from "@/lib/tokens/queries";
import { MAX_ACTIVE_TOKENS } from "@/lib/tokens/schema";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

// GET /admin/account/tokens: one's personal access tokens for the API: create, list, revoke.
export default async function TokensPage() {
  const user = await requireAdminPageUser("/admin/account/tokens");
  const tokens = await listApiTokenRows(user.id);
  return (
    <>
      <p>
        <Link href="/admin/account">← Your account</Link>
      </p>
      <h1 className="page-heading">API tokens</h1>
      <p>
        A personal access token lets an app or script act as you through the API, within the scopes you choose and never beyond what your role allows. At most{" "}
        {MAX_ACTIVE_TOKENS} active tokens.
      </p>
      <section aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New token</h2>
        <TokenCreateForm action={createTokenAction} canPublish={canPublish(user)} isAdmin={canManageWebhooks(user)} />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        <TokenList tokens={tokens} revoke={revokeTokenAction} caption="Your API tokens" />
      </section>
    </>
  );
}
