"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { ProfileValues } from "@/lib/users/schema";

/** Name and email; changing the email asks for the current password. */
export function ProfileForm({ name, email, action }: { name: string; email: string; action: FormAction<ActionState<ProfileValues>> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ActionState<ProfileValues>);
  return (
    <form action={formAction} noValidate aria-label="Your details">
      <FormNotice state={state} />
      <Field label="Name" name="name" errors={state.fieldErrors?.name}>
        {(props) => <input className="input" {...props} autoComplete="name" defaultValue={state.values?.name ?? name} required />}
      </Field>
      <Field label="Email" name="email" errors={state.fieldErrors?.email}>
        {(props) => <input className="input" {...props} type="email" autoComplete="email" defaultValue={state.values?.email ?? email} required />}
      </Field>
      <Field label="Current password" name="currentPassword" errors={state.fieldErrors?.currentPassword} hint="Needed only when you change your email.">
        {(props) => <input className="input" {...props} type="password" autoComplete="current-password" />}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save details"}
      </button>
    </form>
  );
}
