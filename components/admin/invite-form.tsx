"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { FormAction } from "@/lib/action-state";
import type { InviteValues, IssuedLinkState } from "@/lib/users/schema";
import { IssuedLink } from "./issued-link";
import { LabelledOptions, ROLE_LABELS } from "./role-labels";

const initialState: IssuedLinkState<InviteValues> = { status: "idle" };

/** Invite a person by name, email and role; the one-time link appears below for the admin to copy. */
export function InviteForm({ action }: { action: FormAction<IssuedLinkState<InviteValues>> }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  return (
    <form action={formAction} noValidate aria-label="Invite someone">
      <FormNotice state={state} />
      {state.issued && <IssuedLink issued={state.issued} label="Invitation link" />}
      <Field label="Name" name="name" errors={state.fieldErrors?.name}>
        {(props) => <input className="input" {...props} autoComplete="off" defaultValue={state.values?.name} required />}
      </Field>
      <Field label="Email" name="email" errors={state.fieldErrors?.email}>
        {(props) => <input className="input" {...props} type="email" autoComplete="off" defaultValue={state.values?.email} required />}
      </Field>
      <Field
        label="Role"
        name="role"
        errors={state.fieldErrors?.role}
        hint="Contributors write drafts; editors also publish; admins also manage people and settings."
      >
        {(props) => (
          <select className="input" {...props} defaultValue={state.values?.role || "CONTRIBUTOR"}>
            <LabelledOptions labels={ROLE_LABELS} />
          </select>
        )}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Inviting…" : "Send invitation"}
      </button>
    </form>
  );
}
