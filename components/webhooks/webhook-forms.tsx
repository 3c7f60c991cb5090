"use client";

import { useActionState } from "react";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { FormNotice } from "@/components/ui/form-notice";
import type { ActionState, FormAction } from "@/lib/action-state";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS, type WebhookCreatedState, type WebhookRotatedState } from "@/lib/webhooks/schema";

const idle: ActionState = { status: "idle" };

/** The events as checkboxes; `chosen` are ticked. */
function EventChoices({ chosen, errors, idPrefix }: { chosen: readonly string[]; errors?: string[]; idPrefix: string }) {
  return (
    // The key makes the checkboxes take the echoed choice after a refusal (defaultChecked is read once).
    <fieldset className="field" key={chosen.join(",")} aria-describedby={errors ? `${idPrefix}-events-error` : undefined}>
      <legend className="field__label">Events</legend>
      {WEBHOOK_EVENTS.map((event) => (
        <label key={event}>
          <input type="checkbox" name="events" value={event} defaultChecked={chosen.includes(event)} /> <code>{event}</code>: {WEBHOOK_EVENT_LABELS[event]}
        </label>
      ))}
      {errors && (
        <p className="field__error" id={`${idPrefix}-events-error`}>
          {errors.join(" ")}
        </p>
      )}
    </fieldset>
  );
}

const SECRET_HINT = "Copy it now: it is not shown again. The receiver verifies each delivery's webhook-signature with it.";

/** Add a webhook: its URL and events. The secret appears once, above the form. */
export function WebhookCreateForm({ action }: { action: FormAction<WebhookCreatedState> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as WebhookCreatedState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate aria-label="Add a webhook">
      <FormNotice state={state} />
      {state.created && <CopyField label="Signing secret" value={state.created.secret} hint={SECRET_HINT} />}
      <Field label="URL" name="url" errors={errors.url} hint="Where each event is POSTed, such as https://example.com/hooks/linkpress.">
        {(props) => (
          <input className="input" {...props} type="url" autoComplete="off" defaultValue={state.status === "error" ? state.values?.url : ""} required />
        )}
      </Field>
      <EventChoices chosen={state.status === "error" ? (state.values?.events ?? []) : ["post.published"]} errors={errors.events} idPrefix="new-webhook" />
      <button className="button button--primary" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add webhook"}
      </button>
    </form>
  );
}

/** Change the events a webhook hears. */
export function WebhookEventsForm({ webhookId, events, action }: { webhookId: string; events: readonly string[]; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} noValidate aria-label="Events">
      <FormNotice state={state} />
      <input type="hidden" name="webhookId" value={webhookId} />
      <EventChoices chosen={events} errors={state.fieldErrors?.events as string[] | undefined} idPrefix={webhookId} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save events"}
      </button>
    </form>
  );
}

/** One button that acts on a record by its id (enable, disable, test, delete, resend), with its outcome announced. */
export function RecordButton(props: { action: FormAction<ActionState>; name: string; value: string; label: string; pendingLabel: string }) {
  const [state, formAction, pending] = useActionState(props.action, idle);
  return (
    <form action={formAction} aria-label={props.label}>
      <FormNotice state={state} />
      <input type="hidden" name={props.name} value={props.value} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? props.pendingLabel : props.label}
      </button>
    </form>
  );
}

/** "Rotate secret": the new secret appears once. */
export function RotateSecretForm({ webhookId, action }: { webhookId: string; action: FormAction<WebhookRotatedState> }) {
  const [state, formAction, pending] = useActionState(action, idle as WebhookRotatedState);
  return (
    <form action={formAction} aria-label="Rotate secret">
      <FormNotice state={state} />
      {state.secret && <CopyField label="New signing secret" value={state.secret} hint={SECRET_HINT} />}
      <input type="hidden" name="webhookId" value={webhookId} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Rotating…" : "Rotate secret"}
      </button>
    </form>
  );
}

/** "Delete webhook…": asks first, since the webhook's secret and its delivery log go with it. */
export function DeleteWebhookStep({ webhookId, url, action }: { webhookId: string; url: string; action: FormAction<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <ConfirmStep openLabel="Delete webhook…" danger>
      {(cancel) => (
        <form action={formAction} aria-label={`Delete the webhook to ${url}`}>
          <FormNotice state={state} />
          <input type="hidden" name="webhookId" value={webhookId} />
          <p>
            Delete the webhook to {url}? Events stop reaching it at once, and its signing secret and delivery log are deleted with it. This cannot be undone.
          </p>
          <button className="button button--danger" type="submit" disabled={pending}>
            {pending ? "Deleting…" : "Delete webhook"}
          </button>{" "}
          <button className="button" type="button" onClick={cancel}>
            Cancel
          </button>
        </form>
      )}
    </ConfirmStep>
  );
}
