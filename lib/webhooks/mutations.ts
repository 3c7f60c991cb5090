import "server-only";
// Webhooks: what admins do with them (add, change, rotate, delete, test, resend; each audited), and what the site does
// for them (a delivery per subscribed webhook when a post event runs, then a `webhook.deliver` job that sends it).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { toApiPost } from "@/lib/api/post-view";
import { recordAudit } from "@/lib/audit/mutations";
import { canManageWebhooks, type Actor } from "@/lib/auth/permissions";
import { openSealedSecret, sealSecret } from "@/lib/auth/seal";
import { prisma, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isFetchRefusal, sendJson } from "@/lib/fetch";
import { defineJobKind } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/mutations";
import { deliverMail } from "@/lib/mail/send";
import { webhookDisabledMail } from "@/lib/mail/messages";
import { createNotice } from "@/lib/notices/notices";
import { getPostForWebhook } from "@/lib/posts/queries";
import { site } from "@/lib/settings/defaults";
import { MAX_WEBHOOKS, WEBHOOK_TEST_EVENT, type WebhookCreateInput, type WebhookEvent } from "./schema";
import { DELIVERY_MAX_ATTEMPTS, ROTATION_GRACE_MS, deliveryBackoff, newWebhookSecret, signingSecrets, webhookBody, webhookHeaders } from "./signing";

const SECRET_SEAL = "webhook-secret-v1";
const ANSWER_BYTES = 2048;
export const GAVE_UP_REASON = "Its deliveries failed for 3 days.";

type AdminActor = Actor & { name?: string | null; email?: string | null; via?: { tokenId: string; tokenName: string } };

function requireWebhookAdmin(actor: Actor) {
  if (!canManageWebhooks(actor)) throw new AppError("FORBIDDEN", "Only admins can manage webhooks.");
}

const target = (webhook: { id: string; url: string }) => ({ type: "webhook", id: webhook.id, label: webhook.url });

async function findWebhook(tx: DbTransaction, id: string) {
  const webhook = await tx.webhook.findUnique({ where: { id }, select: { id: true, url: true, events: true, enabled: true } });
  if (!webhook) throw new AppError("NOT_FOUND", "This webhook no longer exists.");
  return webhook;
}

/** Adds a webhook; returns its secret (`whsec_…`), which is shown this once. */
export async function createWebhook(actor: AdminActor, input: WebhookCreateInput): Promise<{ id: string; secret: string }> {
  requireWebhookAdmin(actor);
  const secret = newWebhookSecret();
  const id = await prisma.$transaction(async (tx) => {
    if ((await tx.webhook.count()) >= MAX_WEBHOOKS)
      throw new AppError("CONFLICT", `The site has ${MAX_WEBHOOKS} webhooks, the most allowed. Delete one first.`);
    const webhook = await tx.webhook.create({
      data: { url: input.url, events: input.events.join(","), secret: sealSecret(SECRET_SEAL, secret), createdById: actor.id },
      select: { id: true, url: true },
    });
    await recordAudit({ actor, action: "webhook.create", target: target(webhook), details: { events: input.events } }, tx);
    return webhook.id;
  });
  return { id, secret };
}

export type WebhookChanges = { url?: string; events?: WebhookEvent[]; enabled?: boolean };

/** Changes a webhook's URL, events or whether it is enabled (each change audited); re-enabling clears the reason. */
export async function updateWebhook(actor: AdminActor, id: string, changes: WebhookChanges, now = new Date()): Promise<void> {
  requireWebhookAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const webhook = await findWebhook(tx, id);
    const events = changes.events?.join(",");
    const urlOrEvents = (changes.url !== undefined && changes.url !== webhook.url) || (events !== undefined && events !== webhook.events);
    const toggled = changes.enabled !== undefined && changes.enabled !== webhook.enabled;
    if (!urlOrEvents && !toggled) return;
    await tx.webhook.update({
      where: { id },
      data: {
        url: changes.url,
        events,
        ...(toggled
          ? changes.enabled
            ? { enabled: true, disabledReason: null, disabledAt: null }
            : { enabled: false, disabledReason: `Disabled by ${actor.name ?? "an admin"}.`, disabledAt: now }
          : {}),
      },
    });
    if (urlOrEvents) {
      const details = { ...(changes.url !== undefined ? { url: changes.url } : {}), ...(changes.events ? { events: changes.events } : {}) };
      await recordAudit({ actor, action: "webhook.update", target: target({ id, url: changes.url ?? webhook.url }), details }, tx);
    }
    if (toggled) await recordAudit({ actor, action: changes.enabled ? "webhook.enable" : "webhook.disable", target: target(webhook) }, tx);
  });
}

/** A new secret, returned to be shown once; the old one keeps signing for ROTATION_GRACE_MS (both signatures are sent). */
export async function rotateWebhookSecret(actor: AdminActor, id: string, now = new Date()): Promise<string> {
  requireWebhookAdmin(actor);
  const secret = newWebhookSecret();
  await prisma.$transaction(async (tx) => {
    const webhook = await findWebhook(tx, id);
    const { secret: current } = await tx.webhook.findUniqueOrThrow({ where: { id }, select: { secret: true } });
    const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_GRACE_MS);
    await tx.webhook.update({ where: { id }, data: { secret: sealSecret(SECRET_SEAL, secret), previousSecret: current, previousSecretExpiresAt } });
    await recordAudit(
      { actor, action: "webhook.rotate_secret", target: target(webhook), details: { previousValidUntil: previousSecretExpiresAt.toISOString() } },
      tx,
    );
  });
  return secret;
}

/** Deletes a webhook and its delivery log; deliveries still queued end without sending. */
export async function deleteWebhook(actor: AdminActor, id: string): Promise<void> {
  requireWebhookAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const webhook = await findWebhook(tx, id);
    await tx.webhook.delete({ where: { id } });
    await recordAudit({ actor, action: "webhook.delete", target: target(webhook) }, tx);
  });
}

/** Queues one delivery and its job in `tx`; an existing delivery for the same event is left as it is. */
async function queueDelivery(tx: DbTransaction, webhookId: string, event: { id: string; type: string; payload: string }): Promise<string> {
  const delivery = await tx.webhookDelivery.upsert({
    where: { webhookId_eventId: { webhookId, eventId: event.id } },
    create: { webhookId, eventId: event.id, eventType: event.type, payload: event.payload },
    update: {},
    select: { id: true },
  });
  await enqueueJob(webhookDeliverKind, { deliveryId: delivery.id }, { tx, idempotencyKey: delivery.id });
  return delivery.id;
}

/** "Send test event": a `webhook.test` delivery to this webhook (enabled or not: that is what a test is for). */
export async function sendWebhookTest(actor: AdminActor, id: string, now = new Date()): Promise<string> {
  requireWebhookAdmin(actor);
  return prisma.$transaction(async (tx) => {
    const webhook = await findWebhook(tx, id);
    const payload = webhookBody(WEBHOOK_TEST_EVENT, now, { webhook: { id: webhook.id, url: webhook.url } });
    const deliveryId = await queueDelivery(tx, id, { id: `test-${randomUUID()}`, type: WEBHOOK_TEST_EVENT, payload });
    await recordAudit({ actor, action: "webhook.test", target: target(webhook) }, tx);
    return deliveryId;
  });
}

/** "Resend": the same message (same webhook-id and body) sent again, a fresh round of retries. */
export async function resendWebhookDelivery(actor: AdminActor, deliveryId: string): Promise<void> {
  requireWebhookAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: { id: true, resends: true, status: true, eventType: true, webhook: { select: { id: true, url: true, enabled: true } } },
    });
    if (!delivery) throw new AppError("NOT_FOUND", "This delivery no longer exists.");
    if (!delivery.webhook.enabled) throw new AppError("CONFLICT", "The webhook is disabled: enable it before resending.");
    if (delivery.status === "PENDING") throw new AppError("CONFLICT", "This delivery is being sent now.");
    const resends = delivery.resends + 1;
    const { count } = await tx.webhookDelivery.updateMany({ where: { id: deliveryId, resends: delivery.resends }, data: { resends, status: "PENDING" } });
    if (count === 0) throw new AppError("CONFLICT", "This delivery was resent meanwhile.");
    await enqueueJob(webhookDeliverKind, { deliveryId }, { tx, idempotencyKey: `${deliveryId}:resend-${resends}` });
    await recordAudit({ actor, action: "webhook.resend", target: target(delivery.webhook), details: { deliveryId, event: delivery.eventType } }, tx);
  });
}

/** The body of a post event: the post as the REST API shows it (just its id once it is deleted for good). */
async function postEventBody(type: WebhookEvent, postId: string, occurredAt: Date): Promise<string> {
  const row = await getPostForWebhook(postId);
  return webhookBody(type, occurredAt, { post: row ? toApiPost(row) : { id: postId } });
}

/**
 * A post event's fan-out: a delivery (and its job) for each enabled webhook that picked the event, in one
 * transaction. Keyed by the event's idempotency key, so the post.event job running again makes none twice.
 */
export async function queueWebhookDeliveries(event: { type: WebhookEvent; postId: string; occurredAt: Date; eventId: string }): Promise<number> {
  const webhooks = await prisma.webhook.findMany({ where: { enabled: true }, select: { id: true, events: true } });
  const subscribed = webhooks.filter((webhook) => webhook.events.split(",").includes(event.type));
  if (subscribed.length === 0) return 0;
  const payload = await postEventBody(event.type, event.postId, event.occurredAt);
  await prisma.$transaction(async (tx) => {
    for (const webhook of subscribed) await queueDelivery(tx, webhook.id, { id: event.eventId, type: event.type, payload });
  });
  return subscribed.length;
}

/**
 * One attempt at a delivery: signed with every secret that signs now, POSTed through the safe fetcher (10 s, no
 * redirect followed), the answer's status and first 2 KB kept. Throws unless the answer is 2xx, so the job retries.
 */
export async function attemptDelivery(deliveryId: string, signal?: AbortSignal, now = new Date()): Promise<void> {
  const delivery = await prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      payload: true,
      eventType: true,
      webhook: { select: { url: true, enabled: true, secret: true, previousSecret: true, previousSecretExpiresAt: true } },
    },
  });
  // Deleted with its webhook: nothing to send. A disabled webhook's queued deliveries end unsent (a test is sent anyway).
  if (!delivery) return;
  const { webhook } = delivery;
  if (!webhook.enabled && delivery.eventType !== WEBHOOK_TEST_EVENT) {
    await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "GAVE_UP", responseBody: "Not sent: the webhook is disabled." } });
    return;
  }
  const current = openSealedSecret(SECRET_SEAL, webhook.secret);
  if (!current) throw new Error("The webhook's secret cannot be read (was the session secret changed?). Rotate it.");
  const previous = openSealedSecret(SECRET_SEAL, webhook.previousSecret);
  const secrets = signingSecrets({ current, previous, previousExpiresAt: webhook.previousSecretExpiresAt }, now);
  let outcome: { status: number; body: string } | { status: null; body: string };
  try {
    outcome = await sendJson(webhook.url, delivery.payload, {
      headers: webhookHeaders(secrets, delivery.id, now, delivery.payload),
      keepBytes: ANSWER_BYTES,
      signal,
    });
  } catch (error) {
    if (!isFetchRefusal(error)) throw error;
    outcome = { status: null, body: error.message };
  }
  const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status <= 299;
  await prisma.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      attempts: { increment: 1 },
      status: delivered ? "DELIVERED" : "FAILED",
      responseStatus: outcome.status,
      responseBody: outcome.body.slice(0, ANSWER_BYTES),
      lastAttemptAt: now,
      ...(delivered ? { deliveredAt: now } : {}),
    },
  });
  if (!delivered) throw new Error(outcome.status === null ? outcome.body : `The receiver answered ${outcome.status}.`);
}

/**
 * A delivery that failed for 3 days: it is marked as given up, its webhook is disabled, and every active admin gets
 * a notice (and an email when SMTP is configured).
 */
export async function giveUpDelivery(deliveryId: string, now = new Date()): Promise<void> {
  const disabled = await prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { webhook: { select: { id: true, url: true } } } });
    if (!delivery) return null;
    await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "GAVE_UP" } });
    const { count } = await tx.webhook.updateMany({
      where: { id: delivery.webhook.id, enabled: true },
      data: { enabled: false, disabledReason: GAVE_UP_REASON, disabledAt: now },
    });
    if (count === 0) return null;
    await recordAudit(
      { actor: null, automatic: "Linkpress", action: "webhook.disable", target: target(delivery.webhook), details: { reason: GAVE_UP_REASON }, ip: null },
      tx,
    );
    const admins = await tx.user.findMany({ where: { role: "ADMIN", isActive: true }, select: { id: true, name: true, email: true } });
    for (const admin of admins)
      await createNotice(tx, { userId: admin.id, postId: null, kind: "WEBHOOK_DISABLED", actorLabel: "Linkpress", postTitle: delivery.webhook.url });
    return { url: delivery.webhook.url, admins };
  });
  if (!disabled) return;
  const link = `${site.url}/admin/webhooks`;
  await Promise.all(
    disabled.admins.map((admin) =>
      deliverMail(webhookDisabledMail(admin.email, admin.name, { url: disabled.url, reason: GAVE_UP_REASON, link }), "webhook notice"),
    ),
  );
}

/** Sends one delivery, retried with backoff for about 3 days (signing.ts), then given up. */
export const webhookDeliverKind = defineJobKind({
  kind: "webhook.deliver",
  payload: z.object({ deliveryId: z.string().min(1).max(64) }),
  maxAttempts: DELIVERY_MAX_ATTEMPTS,
  backoff: deliveryBackoff,
  // The fetcher stops at 10 s; the rest is the database.
  timeoutMs: 30_000,
  handle: async ({ deliveryId }, { signal }) => attemptDelivery(deliveryId, signal),
  onDead: async (job) => giveUpDelivery((job.payload as { deliveryId: string }).deliveryId),
});
