"use client";

import { useActionState } from "react";
import { renameTagAction, type TagFormState } from "@/app/(admin)/admin/tags/actions";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import { TAG_NAME_MAX, type TagFormValues } from "@/lib/tags/schema";
import { TAXONOMY_SLUG_MAX } from "@/lib/taxonomy/schema";

const idle: TagFormState = { status: "idle" };

/** Rename a tag: name and slug. A refused save keeps what was typed and puts each error beside its field. */
export function TagForm({ tagId, initialValues }: { tagId: string; initialValues: TagFormValues }) {
  const [state, formAction, pending] = useActionState(renameTagAction, idle);
  // React resets the form to its default values after the action, so those must be what was submitted (or saved).
  const values = { ...initialValues, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} aria-label="Name and slug" noValidate>
      <FormNotice state={state} />
      <input type="hidden" name="tagId" value={tagId} />
      <Field label="Name" name="name" errors={errors.name} hint="As readers see it, after the #. No commas: posts list their tags separated by commas.">
        {(props) => <input className="input" {...props} defaultValue={values.name} maxLength={TAG_NAME_MAX} autoComplete="off" required />}
      </Field>
      <Field
        label="Slug"
        name="slug"
        errors={errors.slug}
        hint={
          <>
            The tag&apos;s address, now /tags/{initialValues.slug}. Leave empty to make it from the name. After a change the old address shows
            “not found”, so links to it elsewhere stop working. Posts find a typed tag by the slug its name makes, so keep the slug close to the
            name.
          </>
        }
      >
        {(props) => <input className="input" {...props} defaultValue={values.slug} maxLength={TAXONOMY_SLUG_MAX} autoComplete="off" spellCheck={false} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? "Saving…" : "Save name and slug"}
      </button>
    </form>
  );
}
