"use client";

import { useActionState } from "react";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { DataTable } from "@/components/ui/data-table";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";

export type TokenRow = {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  expired: boolean;
};

const idle: ActionState = { status: "idle" };
const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

function RevokeStep({ token, action, pending }: { token: TokenRow; action: (data: FormData) => void; pending: boolean }) {
  return (
    <ConfirmStep openLabel={`Revoke “${token.name}”…`} danger>
      {(cancel) => (
        <form action={action} aria-label={`Revoke ${token.name}`}>
          <input type="hidden" name="tokenId" value={token.id} />
          <p>Revoke “{token.name}”? Anything using it is refused from its next call. This cannot be undone.</p>
          <button className="button button--danger" type="submit" disabled={pending}>
            Revoke token
          </button>{" "}
          <button className="button" type="button" onClick={cancel}>
            Cancel
          </button>
        </form>
      )}
    </ConfirmStep>
  );
}

/** Personal access tokens that were not revoked, with when each was last used and a revoke step for each. */
export function TokenList({ tokens, revoke, caption }: { tokens: TokenRow[]; revoke: FormAction<ActionState>; caption: string }) {
  // One state for all rows: a revoked row disappears, its notice must not.
  const [state, action, pending] = useActionState(revoke, idle);
  return (
    <>
      <FormNotice state={state} />
      {tokens.length === 0 ? (
        <p>No tokens.</p>
      ) : (
        <DataTable
          caption={caption}
          columns={[
            "Name",
            "Scopes",
            "Created",
            "Last used",
            "Expires",
            <span key="action" className="visually-hidden">
              Action
            </span>,
          ]}
        >
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{token.scopes.join(", ")}</td>
              <td>{when(token.createdAt)}</td>
              <td>{token.lastUsedAt ? `${when(token.lastUsedAt)} from ${token.lastUsedIp ?? "an unknown address"}` : "Never"}</td>
              <td>{token.expiresAt ? `${token.expired ? "Expired " : ""}${when(token.expiresAt)}` : "Never"}</td>
              <td>
                <RevokeStep token={token} action={action} pending={pending} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
