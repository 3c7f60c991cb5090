"use client";

import { useActionState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { DataTable } from "@/components/ui/data-table";

export type SessionRow = {
  id: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

const idle: ActionState = { status: "idle" };
const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

function RevokeButton({ session, action, pending }: { session: SessionRow; action: (data: FormData) => void; pending: boolean }) {
  return (
    // Not a named landmark: two sessions in the same browser would make two landmarks of one name. The row says which.
    <form action={action}>
      <input type="hidden" name="sessionId" value={session.id} />
      <button className="button" type="submit" disabled={pending}>
        Sign out this session
      </button>
    </form>
  );
}

/** The signed-in sessions of this account, with "sign out" for each other one and for all of them at once. */
export function SessionsList({
  sessions,
  actions,
}: {
  sessions: SessionRow[];
  actions: { revoke: FormAction<ActionState>; revokeOthers: FormAction<ActionState> };
}) {
  // One state for all rows: a signed-out row disappears, its notice must not.
  const [revokeState, revokeAction, revokePending] = useActionState(actions.revoke, idle);
  const [state, formAction, pending] = useActionState(actions.revokeOthers, idle);
  return (
    <>
      <FormNotice state={revokeState} />
      <DataTable
        caption="Signed-in sessions"
        columns={[
          "Device",
          "Address",
          "Signed in",
          "Last seen",
          <span key="action" className="visually-hidden">
            Action
          </span>,
        ]}
      >
        {sessions.map((session) => (
          <tr key={session.id}>
            <td>
              {session.device}
              {session.current && <strong> (this session)</strong>}
            </td>
            <td>{session.ip ?? "unknown"}</td>
            <td>{when(session.createdAt)}</td>
            <td>{when(session.lastSeenAt)}</td>
            <td>{session.current ? "—" : <RevokeButton session={session} action={revokeAction} pending={revokePending} />}</td>
          </tr>
        ))}
      </DataTable>
      <form action={formAction} aria-label="Sign out everywhere else">
        <FormNotice state={state} />
        <button className="button" type="submit" disabled={pending || sessions.length < 2}>
          Sign out everywhere else
        </button>
      </form>
    </>
  );
}
