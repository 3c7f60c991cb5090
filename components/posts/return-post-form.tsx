"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import { idleState, type ActionState, type FormAction } from "@/lib/action-state";
import { LIMITS } from "@/lib/posts/schema";

type State = ActionState<{ note: string }>;

/** "Return to author": the post goes back to its author as a draft, with the note telling them what to change. */
export function ReturnPostForm({ postId, version, action }: { postId: string; version: number; action: FormAction<State> }) {
  const [state, formAction, pending] = useActionState(action, idleState as State);
  return (
    <form action={formAction} className="review-thread__form" aria-label="Return to author" noValidate>
      <FormNotice state={state} />
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="version" value={version} />
      <Field label="Note for the author" name="note" errors={state.fieldErrors?.note} hint="Required. What to change before it can be published.">
        {(props) => <textarea className="input" {...props} rows={3} maxLength={LIMITS.reviewNote} defaultValue={state.values?.note} required />}
      </Field>
      <div>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Returning…" : "Return to author"}
        </button>
      </div>
    </form>
  );
}
