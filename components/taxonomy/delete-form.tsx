"use client";

import { useActionState } from "react";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState } from "@/lib/action-state";

type Props = {
  noun: string;
  idField: string;
  id: string;
  name: string;
  /** What happens to the posts and the public address, said before it does. */
  explanation: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

const idle: ActionState = { status: "idle" };

/** Delete a tag or source with a confirmation step: the first button only asks, the second one deletes. */
export function DeleteTaxonomyForm({ noun, idField, id, name, explanation, action }: Props) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <ConfirmStep openLabel={`Delete ${noun}…`} danger>
      {(cancel) => (
        <form action={formAction} className="confirm" aria-label="Confirm deletion">
          <FormNotice state={state} />
          <p>{explanation}</p>
          <input type="hidden" name={idField} value={id} />
          <button type="submit" className="button button--danger-solid" disabled={pending}>
            {pending ? "Deleting…" : `Yes, delete “${name}”`}
          </button>
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        </form>
      )}
    </ConfirmStep>
  );
}
