import "server-only";
import type { PostEventSubscriber } from "@/lib/events/subscribers";
import { queueWebhookDeliveries } from "./mutations";
import { WEBHOOK_EVENTS } from "./schema";

/** Hears every post event (lib/events/subscribers.ts): the event's key names its deliveries. */
export const webhookSubscriber: PostEventSubscriber = {
  name: "webhooks",
  events: WEBHOOK_EVENTS,
  async handle(event, post, context) {
    await queueWebhookDeliveries({
      type: event.event,
      postId: post?.id ?? event.postId,
      occurredAt: new Date(event.occurredAt),
      eventId: context.idempotencyKey,
    });
  },
};
