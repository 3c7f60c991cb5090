"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { canManageWebhooks } from "@/lib/auth/permissions";
import { redirectTo, userAction } from "@/lib/server/action";
import { createWebhook, deleteWebhook, resendWebhookDelivery, rotateWebhookSecret, sendWebhookTest, updateWebhook } from "@/lib/webhooks/mutations";
import {
  deliveryIdSchema,
  webhookCreateSchema,
  webhookEventsSchema,
  webhookIdSchema,
  type WebhookCreatedState,
  type WebhookFormValues,
  type WebhookRotatedState,
} from "@/lib/webhooks/schema";

// The actions of /admin/webhooks: admins only, checked here before the input is read and again by each mutation.
const adminsOnly = { allowed: canManageWebhooks, forbidden: "Only admins can manage webhooks." };
const refresh = () => revalidatePath("/admin/webhooks");
const idOf = (formData: FormData) => ({ webhookId: String(formData.get("webhookId") ?? "") });

// Add: a URL and its events; the secret comes back to be shown once.
export const createWebhookAction = userAction<z.output<typeof webhookCreateSchema>, WebhookFormValues, WebhookCreatedState>({
  ...adminsOnly,
  values: (formData) => ({ url: String(formData.get("url") ?? ""), events: formData.getAll("events").map(String) }),
  schema: webhookCreateSchema,
  run: async (user, input) => {
    const { secret } = await createWebhook(user, input);
    return { status: "success", message: "Webhook added. Copy its secret now: it is not shown again.", created: { url: input.url, secret } };
  },
  revalidate: refresh,
});

// Change the events a webhook hears.
export const updateWebhookEventsAction = userAction<z.output<typeof webhookEventsSchema>>({
  ...adminsOnly,
  input: (formData) => ({ ...idOf(formData), events: formData.getAll("events").map(String) }),
  schema: webhookEventsSchema,
  run: async (user, input) => {
    await updateWebhook(user, input.webhookId, { events: input.events });
    return { status: "success", message: "Events saved." };
  },
  revalidate: refresh,
});

/** The buttons that take only the webhook's id. */
function webhookButtonAction(run: (user: Parameters<typeof updateWebhook>[0], webhookId: string) => Promise<string>) {
  return userAction<{ webhookId: string }>({
    ...adminsOnly,
    input: idOf,
    schema: webhookIdSchema,
    run: async (user, input): Promise<ActionState> => ({ status: "success", message: await run(user, input.webhookId) }),
    revalidate: refresh,
  });
}

export const enableWebhookAction = webhookButtonAction(async (user, id) => (await updateWebhook(user, id, { enabled: true }), "Webhook enabled."));
export const disableWebhookAction = webhookButtonAction(async (user, id) => (await updateWebhook(user, id, { enabled: false }), "Webhook disabled."));
export const testWebhookAction = webhookButtonAction(async (user, id) => (await sendWebhookTest(user, id), "Test event queued: it appears in the log below."));
// Delete, after the confirmation step: its section (and the form's own notice) goes, so the page says it instead.
export const deleteWebhookAction = userAction<{ webhookId: string }>({
  ...adminsOnly,
  input: idOf,
  schema: webhookIdSchema,
  run: async (user, input) => (await deleteWebhook(user, input.webhookId), redirectTo("/admin/webhooks?deleted=1")),
  revalidate: refresh,
});

// A new secret, shown once; the old one keeps signing for 24 hours.
export const rotateWebhookSecretAction = userAction<{ webhookId: string }, Record<string, string>, WebhookRotatedState>({
  ...adminsOnly,
  input: idOf,
  schema: webhookIdSchema,
  run: async (user, input) => ({
    status: "success",
    message: "New secret made. Deliveries carry both signatures for 24 hours; update the receiver in that time.",
    secret: await rotateWebhookSecret(user, input.webhookId),
  }),
  revalidate: refresh,
});

// Resend one delivery: the same message, a new attempt.
export const resendDeliveryAction = userAction<{ deliveryId: string }>({
  ...adminsOnly,
  input: (formData) => ({ deliveryId: String(formData.get("deliveryId") ?? "") }),
  schema: deliveryIdSchema,
  run: async (user, input) => {
    await resendWebhookDelivery(user, input.deliveryId);
    return { status: "success", message: "Delivery queued again." };
  },
  revalidate: refresh,
});
