"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { DEFAULT_TOKEN_DAYS, INDIEAUTH_SCOPE_LABELS, type IndieAuthScope } from "@/lib/indieauth/schema";

type ConsentState = ActionState<{ scopes: string[]; days: string }>;
const initialState: ConsentState = { status: "idle" };

const EXPIRY_LABELS = { "30": "30 days", "90": "90 days", "365": "a year", none: "until I revoke it" } as const;

/** The request, carried back to the server as it came (and checked there again). */
function RequestFields({ request }: { request: Record<string, string> }) {
  return Object.entries(request).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/**
 * Allow or deny an app: the scopes it asked for (each can be left out) and how long its access lasts. Both buttons
 * send the browser back to the app.
 */
export function ConsentForm({
  request,
  requested,
  clientName,
  allow,
  deny,
}: {
  request: Record<string, string>;
  requested: IndieAuthScope[];
  clientName: string;
  allow: FormAction<ConsentState>;
  deny: FormAction<ActionState>;
}) {
  const [state, allowAction, allowing] = useActionState(allow, initialState);
  const [denyState, denyAction, denying] = useActionState(deny, { status: "idle" } as ActionState);
  const errors = state.fieldErrors ?? {};
  const grantsAccess = requested.some((scope) => scope !== "profile");
  return (
    <>
      <FormNotice state={denyState} />
      <form action={allowAction} aria-label={`Allow ${clientName}`}>
        <FormNotice state={state} />
        <RequestFields request={request} />
        {requested.length > 0 && (
          <fieldset className="field">
            <legend className="field__label">{clientName} asks to</legend>
            {requested.map((scope) => (
              <label key={scope}>
                <input type="checkbox" name="scopes" value={scope} defaultChecked={state.values?.scopes?.includes(scope) ?? true} />{" "}
                {INDIEAUTH_SCOPE_LABELS[scope]} (<code>{scope}</code>)
              </label>
            ))}
          </fieldset>
        )}
        {grantsAccess && (
          <Field label="Access lasts" name="days" errors={errors.days}>
            {(props) => (
              <select className="input" {...props} defaultValue={state.values?.days || DEFAULT_TOKEN_DAYS}>
                {Object.entries(EXPIRY_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {!grantsAccess && <input type="hidden" name="days" value={DEFAULT_TOKEN_DAYS} />}
        <button className="button button--primary" type="submit" disabled={allowing || denying}>
          {allowing ? "Allowing…" : `Allow ${clientName}`}
        </button>
      </form>
      <form action={denyAction} aria-label={`Deny ${clientName}`}>
        <RequestFields request={request} />
        <button className="button" type="submit" disabled={allowing || denying}>
          Deny
        </button>
      </form>
    </>
  );
}
