"use client";

import { useActionState, useId } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { FormAction } from "@/lib/action-state";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { SCOPE_LABELS, TOKEN_NAME_MAX, type IssuedTokenState } from "@/lib/tokens/schema";

const initialState: IssuedTokenState = { status: "idle" };

const EXPIRY_LABELS = { "30": "In 30 days", "90": "In 90 days", "365": "In a year", none: "Never" } as const;

/** The secret of a token just created, in a read-only field to copy: it is never shown again. */
function IssuedSecret({ issued }: { issued: NonNullable<IssuedTokenState["issued"]> }) {
  const id = useId();
  const expires = issued.expiresAt ? `It works until ${issued.expiresAt.replace("T", " ").slice(0, 16)} UTC.` : "It does not expire.";
  return (
    <div className="field">
      <label htmlFor={id}>Token “{issued.name}”</label>
      <input className="input" id={id} readOnly value={issued.secret} onFocus={(event) => event.currentTarget.select()} aria-describedby={`${id}-hint`} />
      <p className="field__hint" id={`${id}-hint`}>
        Copy it now: it is not shown again. {expires} Send it as <code>Authorization: Bearer …</code>.
      </p>
    </div>
  );
}

/** Create a personal access token: a name, its scopes and when it expires. The secret appears above the form once. */
export function TokenCreateForm({ action, canPublish, isAdmin }: { action: FormAction<IssuedTokenState>; canPublish: boolean; isAdmin: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const errors = state.fieldErrors ?? {};
  const chosen = state.values?.scopes ?? ["posts:read"];
  return (
    <form action={formAction} noValidate aria-label="Create a token">
      <FormNotice state={state} />
      {state.issued && <IssuedSecret issued={state.issued} />}
      <Field label="Name" name="name" errors={errors.name} hint={`What will use it, such as “Shortcut on my phone” (at most ${TOKEN_NAME_MAX} characters).`}>
        {(props) => <input className="input" {...props} autoComplete="off" maxLength={TOKEN_NAME_MAX} defaultValue={state.values?.name} required />}
      </Field>
      {/* The key makes the checkboxes take the echoed choice after a refusal (defaultChecked is read once). */}
      <fieldset className="field" key={chosen.join(",")} aria-describedby={errors.scopes ? "token-scopes-error" : "token-scopes-hint"}>
        <legend className="field__label">Scopes</legend>
        {/* webhooks:write is only ever issued to admins, so nobody else is offered it. */}
        {TOKEN_SCOPES.filter((scope) => isAdmin || scope !== "webhooks:write").map((scope) => (
          <label key={scope}>
            <input type="checkbox" name="scopes" value={scope} defaultChecked={chosen.includes(scope)} /> <code>{scope}</code>: {SCOPE_LABELS[scope]}
          </label>
        ))}
        <p className="field__hint" id="token-scopes-hint">
          A token never does more than your role allows{canPublish ? "" : ": as a contributor, publishing and managing tags and sources stay refused"}.
        </p>
        {errors.scopes && (
          <p className="field__error" id="token-scopes-error">
            {errors.scopes.join(" ")}
          </p>
        )}
      </fieldset>
      <Field label="Expires" name="days" errors={errors.days}>
        {(props) => (
          <select className="input" {...props} key={state.values?.days ?? "90"} defaultValue={state.values?.days || "90"}>
            {Object.entries(EXPIRY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
