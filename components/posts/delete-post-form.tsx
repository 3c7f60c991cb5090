"use client";

import { useActionState, useState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";

const initialState: ActionState = { status: "idle" };

/** Delete with a confirmation step: the first button only asks, the second one deletes. */
export function DeletePostForm({ postId, title, action }: { postId: string; title: string; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <form action={formAction} className="confirm" aria-label="Confirm deletion">
      <FormNotice state={state} />
      <p>Delete “{title}” for good? It disappears from the site and cannot be restored.</p>
      <input type="hidden" name="postId" value={postId} />
      <button type="submit" className="button button--danger-solid" disabled={pending}>
        {pending ? "Deleting…" : "Yes, delete this post"}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
