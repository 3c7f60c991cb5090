"use client";

import { ConfirmTaxonomyForm, type TaxonomyTarget } from "@/components/taxonomy/confirm-form";
import type { ActionState } from "@/lib/action-state";

type Props = TaxonomyTarget & { action: (state: ActionState, formData: FormData) => Promise<ActionState> };

/** Delete a tag or source with a confirmation step: the first button only asks, the second one deletes. */
export function DeleteTaxonomyForm({ noun, idField, id, name, explanation, action }: Props) {
  return (
    <ConfirmTaxonomyForm
      openLabel={`Delete ${noun}…`}
      danger
      label="Confirm deletion"
      explanation={explanation}
      idField={idField}
      id={id}
      submitLabel={`Yes, delete “${name}”`}
      pendingLabel="Deleting…"
      action={action}
    />
  );
}
