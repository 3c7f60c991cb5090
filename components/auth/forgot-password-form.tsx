"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { ForgotPasswordValues } from "@/lib/users/schema";

type ForgotPasswordState = ActionState<ForgotPasswordValues>;

const initialState: ForgotPasswordState = { status: "idle" };

/** Ask for a reset link by email. */
export function ForgotPasswordForm({ action }: { action: FormAction<ForgotPasswordState> }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  return (
    <form action={formAction} noValidate>
      <FormNotice state={state} />
      <Field label="Email" name="email" errors={state.fieldErrors?.email}>
        {(props) => <input className="input" {...props} type="email" autoComplete="username" defaultValue={state.values?.email} required />}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Sending…" : "Email me a reset link"}
      </button>
    </form>
  );
}
