"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { ChoosePasswordValues } from "@/lib/users/schema";

type ChoosePasswordState = ActionState<ChoosePasswordValues>;

const initialState: ChoosePasswordState = { status: "idle" };

/** The password field of an invitation or reset link. */
export function ChoosePasswordForm({
  token,
  kind,
  email,
  action,
}: {
  token: string;
  kind: "invite" | "reset";
  email: string;
  action: FormAction<ChoosePasswordState>;
}) {
  const [state, formAction, pending] = useActionState(action, initialState);
  return (
    <form action={formAction} noValidate>
      <FormNotice state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="kind" value={kind} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field label="New password" name="password" errors={state.fieldErrors?.password} hint="8 to 128 characters. A few unrelated words make a strong one.">
        {(props) => <input className="input" {...props} type="password" autoComplete="new-password" required minLength={8} maxLength={128} />}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Saving…" : kind === "invite" ? "Set password and continue" : "Set new password"}
      </button>
    </form>
  );
}
