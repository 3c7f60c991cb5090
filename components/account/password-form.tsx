"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { PasswordChangeValues } from "@/lib/users/schema";

/** Change the password; the current one is required, and every other session signs out. */
export function PasswordForm({ action }: { action: FormAction<ActionState<PasswordChangeValues>> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as ActionState<PasswordChangeValues>);
  return (
    <form action={formAction} noValidate aria-label="Change password">
      <FormNotice state={state} />
      <Field label="Current password" name="currentPassword" errors={state.fieldErrors?.currentPassword}>
        {(props) => <input className="input" {...props} type="password" autoComplete="current-password" required />}
      </Field>
      <Field
        label="New password"
        name="newPassword"
        errors={state.fieldErrors?.newPassword}
        hint="8 to 128 characters. A few unrelated words make a strong one."
      >
        {(props) => <input className="input" {...props} type="password" autoComplete="new-password" required minLength={8} maxLength={128} />}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
