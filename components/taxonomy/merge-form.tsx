"use client";

import { useActionState, useId } from "react";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState } from "@/lib/action-state";
import type { MergeValues } from "@/lib/taxonomy/schema";

type Props = {
  /** "tag" or "source", as the words say it. */
  noun: string;
  /** The hidden field naming what is merged away (tagId, sourceId) and its value. */
  idField: string;
  id: string;
  name: string;
  /** What happens, said before it does: where the posts go, which address stops working. */
  explanation: string;
  /** The names to pick from (this one left out). */
  suggestions: string[];
  action: (state: ActionState<MergeValues>, formData: FormData) => Promise<ActionState<MergeValues>>;
};

const idle: ActionState<MergeValues> = { status: "idle" };

/** Merge this tag or source into another, behind a confirmation step; the one to keep is typed or picked by name. */
export function MergeForm({ noun, idField, id, name, explanation, suggestions, action }: Props) {
  const [state, formAction, pending] = useActionState(action, idle);
  const listId = useId();
  return (
    <ConfirmStep openLabel={`Merge into another ${noun}…`}>
      {(cancel) => (
        <form action={formAction} className="confirm" aria-label={`Merge ${noun}`} noValidate>
          <FormNotice state={state} />
          <p>{explanation}</p>
          <input type="hidden" name={idField} value={id} />
          <Field label={`Merge into ${noun}`} name="into" errors={state.fieldErrors?.into} hint={`Type or pick the name of the ${noun} to keep.`}>
            {(props) => (
              <>
                <input className="input" {...props} list={listId} defaultValue={state.values?.into ?? ""} autoComplete="off" required />
                <datalist id={listId}>
                  {suggestions.map((suggestion) => (
                    <option key={suggestion} value={suggestion} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <button type="submit" className="button button--danger-solid" disabled={pending}>
            {pending ? "Merging…" : `Merge and delete “${name}”`}
          </button>
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        </form>
      )}
    </ConfirmStep>
  );
}
