import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { POST_EVENTS, type PostEventName } from "@/lib/events/schema";
import { urlField } from "@/lib/posts/rules";

/** The events a webhook may pick: every post event the site emits (lib/events). */
export const WEBHOOK_EVENTS = POST_EVENTS;
export type WebhookEvent = PostEventName;
/** What "Send test event" sends; no webhook subscribes to it, it goes to the one asked for. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "post.published": "A post is published (at its publish time when scheduled)",
  "post.updated": "A published post is edited",
  "post.unpublished": "A published post is taken back",
  "post.deleted": "A published post is moved to the trash",
  "post.scheduled": "A post is scheduled",
};

export const DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED", "GAVE_UP"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  PENDING: "Sending",
  DELIVERED: "Delivered",
  FAILED: "Failed, will retry",
  GAVE_UP: "Gave up",
};

/** Webhooks one site may have: each event is a delivery to each. */
export const MAX_WEBHOOKS = 20;

/** The target: the one URL rule of the site (lib/posts/rules.ts); whether it may be reached is the fetcher's call. */
export const webhookUrlField = urlField({ required: "Enter the URL to send events to." });

export const webhookEventsField = z
  .array(z.string())
  .max(WEBHOOK_EVENTS.length * 2)
  .transform((events, context) => {
    const unknown = events.filter((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
    if (unknown.length) context.addIssue({ code: "custom", message: `Unknown event: ${unknown.join(", ")}. Choose from ${WEBHOOK_EVENTS.join(", ")}.` });
    return WEBHOOK_EVENTS.filter((event) => events.includes(event));
  })
  .refine((events) => events.length > 0, "Choose at least one event.");

export const webhookCreateSchema = z.object({ url: webhookUrlField, events: webhookEventsField });
export type WebhookCreateInput = z.output<typeof webhookCreateSchema>;
export const webhookEventsSchema = z.object({ webhookId: z.string().trim().min(1).max(64), events: webhookEventsField });
export const webhookIdSchema = z.object({ webhookId: z.string().trim().min(1).max(64) });
export const deliveryIdSchema = z.object({ deliveryId: z.string().trim().min(1).max(64) });

export type WebhookFormValues = { url: string; events: string[] };
/** The add form's state: on success, the secret to copy, shown this once. */
export type WebhookCreatedState = ActionState<WebhookFormValues> & { created?: { url: string; secret: string } };
/** "Rotate secret": the new secret, shown this once. */
export type WebhookRotatedState = ActionState & { secret?: string };

/** The stored comma list as known events (anything else is dropped). */
export function parseWebhookEvents(stored: string): WebhookEvent[] {
  const listed = stored.split(",");
  return WEBHOOK_EVENTS.filter((event) => listed.includes(event));
}
