"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import { idleState, type ActionState } from "@/lib/action-state";
import { HOMEPAGE_MAX, SOURCE_NAME_MAX } from "@/lib/sources/schema";
import { TAG_NAME_MAX } from "@/lib/tags/schema";
import { TAXONOMY_WORDS, type TaxonomyFormValues, type TaxonomyKind, type TaxonomyWords } from "@/lib/taxonomy/kinds";
import { TAXONOMY_SLUG_MAX } from "@/lib/taxonomy/schema";

const NAME_MAX: Record<TaxonomyKind, number> = { tag: TAG_NAME_MAX, source: SOURCE_NAME_MAX };

type Props = {
  kind: TaxonomyKind;
  id: string;
  initialValues: TaxonomyFormValues;
  action: (state: ActionState<TaxonomyFormValues>, formData: FormData) => Promise<ActionState<TaxonomyFormValues>>;
};

/** Edit a tag (name, slug) or a source (also its homepage). A refused save keeps what was typed and puts each error beside its field. */
export function TaxonomyForm({ kind, id, initialValues, action }: Props) {
  const words: TaxonomyWords = TAXONOMY_WORDS[kind];
  const [state, formAction, pending] = useActionState(action, idleState);
  // React resets the form to its default values after the action, so those must be what was submitted (or saved).
  const values = { ...initialValues, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} aria-label={words.form.label} noValidate>
      <FormNotice state={state} />
      <input type="hidden" name={words.idField} value={id} />
      <Field label="Name" name="name" errors={errors.name} hint={words.form.nameHint}>
        {(props) => <input className="input" {...props} defaultValue={values.name} maxLength={NAME_MAX[kind]} autoComplete="off" required />}
      </Field>
      <Field
        label="Slug"
        name="slug"
        errors={errors.slug}
        hint={
          <>
            The {words.one}&apos;s address, now {words.publicBase}/{initialValues.slug}. Leave empty to make it from the name. After a change the old address
            leads to the new one, so links to it elsewhere keep working.{words.form.slugHint}
          </>
        }
      >
        {(props) => <input className="input" {...props} defaultValue={values.slug} maxLength={TAXONOMY_SLUG_MAX} autoComplete="off" spellCheck={false} />}
      </Field>
      {words.fields.includes("homepage") && (
        <Field
          label="Homepage"
          name="homepage"
          errors={errors.homepage}
          hint="The publication's own site, starting with https:// or http://. Empty for none. Its host becomes the domain."
        >
          {(props) => (
            <input className="input" {...props} type="url" inputMode="url" defaultValue={values.homepage} maxLength={HOMEPAGE_MAX} autoComplete="off" />
          )}
        </Field>
      )}
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Saving…" : words.form.submit}
      </button>
    </form>
  );
}
