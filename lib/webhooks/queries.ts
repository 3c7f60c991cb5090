import "server-only";
import { prisma } from "@/lib/db";
import { parseWebhookEvents, type DeliveryStatus } from "./schema";

/** Every webhook for /admin/webhooks and the API, oldest first; never its secret. */
export async function listWebhooks() {
  const rows = await prisma.webhook.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      url: true,
      events: true,
      enabled: true,
      disabledReason: true,
      disabledAt: true,
      previousSecretExpiresAt: true,
      createdAt: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  return rows.map(({ events, createdBy, ...row }) => ({ ...row, events: parseWebhookEvents(events), createdBy: createdBy?.name ?? null }));
}
export type WebhookListItem = Awaited<ReturnType<typeof listWebhooks>>[number];

/** One webhook as listWebhooks shows it, or null. */
export async function getWebhook(id: string): Promise<WebhookListItem | null> {
  return (await listWebhooks()).find((webhook) => webhook.id === id) ?? null;
}

export const DELIVERY_LOG_SIZE = 50;

/** A webhook's delivery log, newest first. */
export async function listWebhookDeliveries(webhookId: string, limit = DELIVERY_LOG_SIZE) {
  const rows = await prisma.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, eventType: true, status: true, attempts: true, responseStatus: true, responseBody: true, createdAt: true, lastAttemptAt: true },
  });
  return rows.map((row) => ({ ...row, status: row.status as DeliveryStatus }));
}
export type DeliveryLogItem = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];
