import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { DeleteWebhookStep, RecordButton, RotateSecretForm, WebhookCreateForm, WebhookEventsForm } from "@/components/webhooks/webhook-forms";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { listWebhookDeliveries, listWebhooks } from "@/lib/webhooks/queries";
import { DELIVERY_STATUS_LABELS } from "@/lib/webhooks/schema";
import {
  createWebhookAction,
  deleteWebhookAction,
  disableWebhookAction,
  enableWebhookAction,
  resendDeliveryAction,
  rotateWebhookSecretAction,
  testWebhookAction,
  updateWebhookEventsAction,
} from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

// GET /admin/webhooks: the webhooks, each with its events, its buttons and its delivery log; for admins only (others
// are sent back to the posts list, as from every admin-only page).
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireAdminPageUser("/admin/webhooks", ["ADMIN"]);
  const [webhooks, timeZone, { deleted }] = await Promise.all([listWebhooks(), getSiteTimeZone(), searchParams]);
  const logs = await Promise.all(webhooks.map((webhook) => listWebhookDeliveries(webhook.id)));
  return (
    <>
      <h1 className="page-heading">Webhooks</h1>
      {deleted && (
        <div className="notice notice--success" role="status">
          <p>Webhook deleted. No more events are sent to it.</p>
        </div>
      )}
      <p>
        Each event a webhook picks is POSTed to its URL as JSON, signed per the Standard Webhooks specification; a delivery that fails is retried for 3 days,
        then the webhook is disabled and admins are told.
      </p>
      <section aria-labelledby="new-webhook">
        <h2 id="new-webhook">Add a webhook</h2>
        <WebhookCreateForm action={createWebhookAction} />
      </section>
      {webhooks.length === 0 && <p className="empty">No webhooks yet.</p>}
      {webhooks.map((webhook, index) => (
        <section key={webhook.id} aria-labelledby={`webhook-${webhook.id}`}>
          <h2 id={`webhook-${webhook.id}`}>Webhook to {webhook.url}</h2>
          <p>
            {webhook.enabled
              ? "Enabled."
              : `Disabled${webhook.disabledAt ? ` on ${formatDateTime(webhook.disabledAt, timeZone)}` : ""}: ${webhook.disabledReason ?? ""}`}{" "}
            Added {formatDateTime(webhook.createdAt, timeZone)}
            {webhook.createdBy ? ` by ${webhook.createdBy}` : ""}.
            {webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > new Date()
              ? ` The previous secret signs too until ${formatDateTime(webhook.previousSecretExpiresAt, timeZone)}.`
              : ""}
          </p>
          <WebhookEventsForm webhookId={webhook.id} events={webhook.events} action={updateWebhookEventsAction} />
          <div className="button-row" role="group" aria-label={`Actions for the webhook to ${webhook.url}`}>
            <RecordButton action={testWebhookAction} name="webhookId" value={webhook.id} label="Send test event" pendingLabel="Sending…" />
            {webhook.enabled ? (
              <RecordButton action={disableWebhookAction} name="webhookId" value={webhook.id} label="Disable" pendingLabel="Disabling…" />
            ) : (
              <RecordButton action={enableWebhookAction} name="webhookId" value={webhook.id} label="Enable" pendingLabel="Enabling…" />
            )}
            <RotateSecretForm webhookId={webhook.id} action={rotateWebhookSecretAction} />
            <DeleteWebhookStep webhookId={webhook.id} url={webhook.url} action={deleteWebhookAction} />
          </div>
          <h3>Deliveries</h3>
          {logs[index].length === 0 ? (
            <p className="empty">Nothing sent yet.</p>
          ) : (
            <DataTable caption={`Deliveries to ${webhook.url}`} columns={["Event", "Status", "Time", "Response code", "Answer (first 2 KB)", "Attempts", ""]}>
              {logs[index].map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <code>{delivery.eventType}</code>
                  </td>
                  <td>{DELIVERY_STATUS_LABELS[delivery.status] ?? delivery.status}</td>
                  <td>
                    <time dateTime={(delivery.lastAttemptAt ?? delivery.createdAt).toISOString()}>
                      {formatDateTime(delivery.lastAttemptAt ?? delivery.createdAt, timeZone)}
                    </time>
                  </td>
                  <td>{delivery.responseStatus ?? "None"}</td>
                  <td>
                    <pre className="webhook-answer">{delivery.responseBody ?? ""}</pre>
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.status !== "PENDING" && webhook.enabled && (
                      <RecordButton action={resendDeliveryAction} name="deliveryId" value={delivery.id} label="Resend" pendingLabel="Resending…" />
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </>
  );
}
