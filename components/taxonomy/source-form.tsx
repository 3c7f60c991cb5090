"use client";

import { useActionState } from "react";
import { updateSourceAction, type SourceFormState } from "@/app/(admin)/admin/sources/actions";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import { HOMEPAGE_MAX, SOURCE_NAME_MAX, type SourceFormValues } from "@/lib/sources/schema";
import { TAXONOMY_SLUG_MAX } from "@/lib/taxonomy/schema";

const idle: SourceFormState = { status: "idle" };

/** Edit a source: name, slug and homepage. A refused save keeps what was typed and puts each error beside its field. */
export function SourceForm({ sourceId, initialValues }: { sourceId: string; initialValues: SourceFormValues }) {
  const [state, formAction, pending] = useActionState(updateSourceAction, idle);
  const values = { ...initialValues, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} aria-label="Source details" noValidate>
      <FormNotice state={state} />
      <input type="hidden" name="sourceId" value={sourceId} />
      <Field label="Name" name="name" errors={errors.name} hint="The publication, as readers see it on posts.">
        {(props) => <input className="input" {...props} defaultValue={values.name} maxLength={SOURCE_NAME_MAX} autoComplete="off" required />}
      </Field>
      <Field
        label="Slug"
        name="slug"
        errors={errors.slug}
        hint={
          <>
            The source&apos;s address, now /sources/{initialValues.slug}. Leave empty to make it from the name. After a change the old address
            shows “not found”, so links to it elsewhere stop working.
          </>
        }
      >
        {(props) => <input className="input" {...props} defaultValue={values.slug} maxLength={TAXONOMY_SLUG_MAX} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field label="Homepage" name="homepage" errors={errors.homepage} hint="The publication's own site, starting with https:// or http://. Empty for none. Its host becomes the domain.">
        {(props) => <input className="input" {...props} type="url" inputMode="url" defaultValue={values.homepage} maxLength={HOMEPAGE_MAX} autoComplete="off" />}
      </Field>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Saving…" : "Save source"}
      </button>
    </form>
  );
}
