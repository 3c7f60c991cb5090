"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { SetupValues } from "@/lib/users/schema";

type SetupState = ActionState<SetupValues>;

const initialState: SetupState = { status: "idle" };

export function SetupForm({ action }: { action: FormAction<SetupState> }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  return (
    <form action={formAction} noValidate>
      <FormNotice state={state} />
      <Field label="Name" name="name" errors={state.fieldErrors?.name}>
        {(props) => <input className="input" {...props} autoComplete="name" defaultValue={state.values?.name} required />}
      </Field>
      <Field label="Email" name="email" errors={state.fieldErrors?.email}>
        {(props) => <input className="input" {...props} type="email" autoComplete="email" defaultValue={state.values?.email} required />}
      </Field>
      <Field label="Password" name="password" errors={state.fieldErrors?.password} hint="8 to 128 characters. A long passphrase is best.">
        {(props) => <input className="input" {...props} type="password" autoComplete="new-password" required minLength={8} maxLength={128} />}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create owner account"}
      </button>
    </form>
  );
}
