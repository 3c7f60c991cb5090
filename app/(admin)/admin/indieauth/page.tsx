import Link from "next/link";
import type { Metadata } from "next";
import { ConsentForm } from "@/components/indieauth/consent-form";
import { canPublish } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { checkAuthorizationRequest } from "@/lib/indieauth/authorize";
import { authorizationParameters, INDIEAUTH_PATHS } from "@/lib/indieauth/schema";
import { allowClientAction, denyClientAction } from "./actions";

export const metadata: Metadata = { title: "Allow an app" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /admin/indieauth: IndieAuth's consent screen. An app sent the person here (through /indieauth/authorize) to
// sign in with the site's address; they see which app, what it asks for, and allow or deny it.
export default async function ConsentPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const first = (name: string) => {
    const value = query[name];
    return typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? null) : null;
  };
  const request = authorizationParameters(first);
  const user = await requireAdminPageUser(`${INDIEAUTH_PATHS.consent}?${new URLSearchParams(request)}`);
  const checked = await checkAuthorizationRequest(request);
  if (!checked.ok)
    return (
      <>
        <h1 className="page-heading">This sign-in request cannot be used</h1>
        <div className="notice notice--error" role="alert">
          <p>{checked.problem}</p>
        </div>
        <p>Nothing was shared with the app. Go back to it and try again, or tell its developer.</p>
        <p>
          <Link href="/admin">Go to the admin</Link>
        </p>
      </>
    );
  const { client, requested, ignored } = checked;
  return (
    <>
      <h1 className="page-heading">Allow {client.name} to use your account?</h1>
      <p>
        <strong>{client.name}</strong> at <code>{client.clientId}</code> wants to sign in as <strong>{user.name}</strong> with this site&apos;s address
        {requested.some((scope) => scope !== "profile") ? " and act for you through the API" : ""}.
      </p>
      {client.fetchProblem && (
        <p>Its page could not be read ({client.fetchProblem}), so it is named by its address: allow it only if you started this sign-in.</p>
      )}
      {requested.includes("create") && !canPublish(user) && <p>As a contributor, what it creates stays a draft until an editor publishes it.</p>}
      {ignored.length > 0 && <p>It also asked for {ignored.map((scope) => `“${scope}”`).join(", ")}, which Linkpress does not offer; those are left out.</p>}
      <ConsentForm request={request} requested={requested} clientName={client.name} allow={allowClientAction} deny={denyClientAction} />
      <p>
        It will get a token you can see and revoke on <Link href="/admin/account/tokens">your API tokens page</Link>; it never sees your password.
      </p>
    </>
  );
}
