"use client";

import { useActionState, useState } from "react";
import { FormNotice } from "@/components/ui/form-notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionState, FormAction } from "@/lib/action-state";
import { TRASH_DAYS } from "@/lib/posts/schema";

const initialState: ActionState = { status: "idle" };

/** Move to the trash with a confirmation step: the first button only asks, the second one moves the post. */
export function DeletePostForm({ postId, title, action }: { postId: string; title: string; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const [confirming, setConfirming] = useState(false);
  const hydrated = useHydrated();
  if (!confirming) {
    return (
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)} disabled={!hydrated}>
        Move to trash
      </button>
    );
  }
  return (
    <form action={formAction} className="confirm" aria-label="Confirm moving to the trash">
      <FormNotice state={state} />
      <p>
        Move “{title}” to the trash? It disappears from the site at once; it can be restored from the trash for {TRASH_DAYS} days, then it is deleted for good.
      </p>
      <input type="hidden" name="postId" value={postId} />
      <button type="submit" className="button button--danger-solid" disabled={pending}>
        {pending ? "Moving…" : "Yes, move it to the trash"}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
