"use client";

import { useActionState } from "react";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { DataTable } from "@/components/ui/data-table";
import { FormNotice } from "@/components/ui/form-notice";
import { idleState, type ActionState, type FormAction } from "@/lib/action-state";
import { PostStatusBadge } from "./post-status-badge";

/** A trashed post as the list shows it, its dates already in words. */
export type TrashRow = {
  id: string;
  title: string;
  status: string;
  author: string | null;
  deletedBy: string | null;
  /** ISO instant and its words ("3 Dec 2026, 14:05 UTC"). */
  deletedAt: string;
  deletedAtText: string;
  daysLeft: number;
  canRestore: boolean;
};

type Actions = { restore: FormAction<ActionState>; purge: FormAction<ActionState> };

const daysLeftText = (days: number) => (days === 0 ? "Deleted for good today" : days === 1 ? "1 day" : `${days} days`);

function PurgeStep({ row, action, pending }: { row: TrashRow; action: (data: FormData) => void; pending: boolean }) {
  return (
    <ConfirmStep openLabel="Delete forever…" danger>
      {(cancel) => (
        <form action={action} className="confirm" aria-label={`Delete ${row.title} forever`}>
          <p>Delete “{row.title}” for good? It cannot be restored afterwards.</p>
          <input type="hidden" name="postId" value={row.id} />
          <button className="button button--danger-solid" type="submit" disabled={pending}>
            {pending ? "Deleting…" : "Yes, delete forever"}
          </button>{" "}
          <button className="button" type="button" onClick={cancel}>
            Cancel
          </button>
        </form>
      )}
    </ConfirmStep>
  );
}

/**
 * The trash: each post with who moved it there, when, and the days left before it is deleted for good; Restore for
 * those this person may restore, and (admins) Delete forever behind a confirmation.
 */
export function TrashList({ rows, canPurge, actions }: { rows: TrashRow[]; canPurge: boolean; actions: Actions }) {
  // One state per kind of action for all rows: a row that leaves the list takes its buttons, never the notice.
  const [restoreState, restore, restoring] = useActionState(actions.restore, idleState);
  const [purgeState, purge, purging] = useActionState(actions.purge, idleState);
  return (
    <>
      {[restoreState, purgeState].map((state, index) => (
        <FormNotice key={index} state={state} />
      ))}
      {rows.length === 0 ? (
        <p className="empty">The trash is empty.</p>
      ) : (
        <DataTable
          caption="Posts in the trash"
          columns={[
            "Title",
            "Status",
            "Author",
            "Deleted by",
            "Deleted",
            "Time left",
            <span key="actions" className="visually-hidden">
              Actions
            </span>,
          ]}
        >
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.title}</td>
              <td>
                <PostStatusBadge status={row.status} />
              </td>
              <td>{row.author ?? "—"}</td>
              <td>{row.deletedBy ?? "—"}</td>
              <td>
                <time dateTime={row.deletedAt}>{row.deletedAtText}</time>
              </td>
              <td>{daysLeftText(row.daysLeft)}</td>
              <td>
                <div className="button-row">
                  {row.canRestore && (
                    <form action={restore} aria-label={`Restore ${row.title}`}>
                      <input type="hidden" name="postId" value={row.id} />
                      <button className="button" type="submit" disabled={restoring}>
                        Restore
                      </button>
                    </form>
                  )}
                  {canPurge && <PurgeStep row={row} action={purge} pending={purging} />}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
