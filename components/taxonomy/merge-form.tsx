"use client";

import { useId } from "react";
import { ConfirmTaxonomyForm, type TaxonomyTarget } from "@/components/taxonomy/confirm-form";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/action-state";
import type { MergeValues } from "@/lib/taxonomy/schema";

type Props = TaxonomyTarget & {
  /** The names to pick from (this one left out). */
  suggestions: string[];
  action: (state: ActionState<MergeValues>, formData: FormData) => Promise<ActionState<MergeValues>>;
};

/** Merge this tag or source into another, behind a confirmation step; the one to keep is typed or picked by name. */
export function MergeForm({ noun, idField, id, name, explanation, suggestions, action }: Props) {
  const listId = useId();
  return (
    <ConfirmTaxonomyForm
      openLabel={`Merge into another ${noun}…`}
      label={`Merge ${noun}`}
      noValidate
      explanation={explanation}
      idField={idField}
      id={id}
      submitLabel={`Merge and delete “${name}”`}
      pendingLabel="Merging…"
      action={action}
    >
      {(state) => (
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
      )}
    </ConfirmTaxonomyForm>
  );
}
