"use client";

import { useActionState, useEffect } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import { idleState, type ActionState, type FormAction } from "@/lib/action-state";
import type { BulkAction } from "@/lib/posts/schema";

/** The bulk action's outcome: its summary, and each refused post with the reason. */
export type BulkActionState = ActionState & { refused?: { title: string; detail: string }[] };

/** The id of the bulk form; each row's checkbox names it (form="…"), as the rows sit in the table outside it. */
export const BULK_FORM_ID = "posts-bulk";

const ACTION_LABELS: Record<BulkAction, string> = {
  publish: "Publish",
  unpublish: "Unpublish",
  trash: "Move to trash",
  add_tag: "Add tag",
  remove_tag: "Remove tag",
  set_source: "Set source",
};

const rowBoxes = () => document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${BULK_FORM_ID}"]`);

/** "Select all on this page": ticks or clears every row's checkbox. */
export function SelectAllPosts() {
  return (
    <input
      type="checkbox"
      aria-label="Select all on this page"
      onChange={(event) => {
        for (const box of rowBoxes()) box.checked = event.target.checked;
      }}
    />
  );
}

/**
 * The bulk actions for the ticked rows, offered as this person's role allows (each post is checked again on the
 * server). The result is announced with a count per reason; the list keeps its filters, as the URL does not change.
 */
export function PostBulkActions({ action, actions, hasRows }: { action: FormAction<BulkActionState>; actions: readonly BulkAction[]; hasRows: boolean }) {
  const [state, run, pending] = useActionState(action, idleState);
  // After a run the rows show the posts as they are now: nothing stays ticked for a second run by accident.
  useEffect(() => {
    if (state.status === "idle") return;
    for (const box of rowBoxes()) box.checked = false;
    const all = document.querySelector<HTMLInputElement>('input[aria-label="Select all on this page"]');
    if (all) all.checked = false;
  }, [state]);
  const report = (
    <div className="bulk-report">
      <FormNotice state={state} />
      {state.refused && state.refused.length > 0 && (
        <details>
          <summary>Refused posts</summary>
          <ul>
            {state.refused.map((post, index) => (
              <li key={index}>
                “{post.title}”: {post.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
  if (!hasRows) return report;
  return (
    <form id={BULK_FORM_ID} action={run} className="admin-toolbar" aria-label="Bulk actions">
      <div className="field">
        <label htmlFor="bulk-action">Bulk action</label>
        <select className="input" id="bulk-action" name="action" defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {actions.map((value) => (
            <option key={value} value={value}>
              {ACTION_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bulk-tag">Tag to add or remove</label>
        <input className="input" id="bulk-tag" name="tag" />
      </div>
      <div className="field">
        <label htmlFor="bulk-source">Source to set</label>
        <input className="input" id="bulk-source" name="source" />
      </div>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Applying…" : "Apply to selected posts"}
      </button>
      {report}
    </form>
  );
}
