"use client";

import { useActionState } from "react";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { FormNotice } from "@/components/ui/form-notice";
import { idleState, type ActionState } from "@/lib/action-state";

/** The tag or source a merge or delete form acts on, and what it says before acting. */
export type TaxonomyTarget = {
  /** "tag" or "source", as the words say it. */
  noun: string;
  /** The hidden field naming it (tagId, sourceId) and its value. */
  idField: string;
  id: string;
  name: string;
  /** What happens, said before it does: where the posts go, which address stops working. */
  explanation: string;
};

type Props<V extends Record<string, unknown>> = Pick<TaxonomyTarget, "idField" | "id" | "explanation"> & {
  /** The first button's words: it only opens the confirmation. */
  openLabel: string;
  /** Red first button, for a step that deletes straight away. */
  danger?: boolean;
  /** The confirmation form's accessible name. */
  label: string;
  /** Leave checking the fields to the server, which answers beside each field. */
  noValidate?: boolean;
  submitLabel: string;
  pendingLabel: string;
  action: (state: ActionState<V>, formData: FormData) => Promise<ActionState<V>>;
  /** The fields to fill in before confirming, given the last answer (its errors and the values sent). */
  children?: (state: ActionState<V>) => React.ReactNode;
};

/** A tag's or source's destructive step (merge, delete) behind a confirmation: explanation, fields, the red submit, Cancel. */
export function ConfirmTaxonomyForm<V extends Record<string, unknown>>(props: Props<V>) {
  const { openLabel, danger, label, noValidate, explanation, idField, id, submitLabel, pendingLabel, action, children } = props;
  const [state, formAction, pending] = useActionState(action, idleState);
  return (
    <ConfirmStep openLabel={openLabel} danger={danger}>
      {(cancel) => (
        <form action={formAction} className="confirm" aria-label={label} noValidate={noValidate}>
          <FormNotice state={state} />
          <p>{explanation}</p>
          <input type="hidden" name={idField} value={id} />
          {children?.(state)}
          <button type="submit" className="button button--danger-solid" disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </button>
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        </form>
      )}
    </ConfirmStep>
  );
}
