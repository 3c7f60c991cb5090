// Standard Webhooks (https://www.standardwebhooks.com): the secret's form, the signature header and the body. Pure,
// so the format is unit-tested alone; tests check it against the specification's reference library.
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** How long the secret before a rotation keeps signing: receivers have a day to switch. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** A fresh secret: `whsec_` and 24 random bytes in base64 (the specification's form, 192 bits). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

/** `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's base64-decoded bytes. */
export function signature(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
  return `v1,${createHmac("sha256", key).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** The secrets that sign at `now`: the current one, and the one before a rotation for ROTATION_GRACE_MS after it. */
export function signingSecrets(secrets: { current: string; previous: string | null; previousExpiresAt: Date | null }, now: Date): string[] {
  const { current, previous, previousExpiresAt } = secrets;
  return previous && previousExpiresAt && now < previousExpiresAt ? [current, previous] : [current];
}

/** The three headers of one attempt; several secrets give space-separated signatures (`v1,<a> v1,<b>`). */
export function webhookHeaders(secrets: readonly string[], messageId: string, now: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => signature(secret, messageId, timestamp, body)).join(" "),
  };
}

/** The body of every delivery: the event's type, when it happened, and its data (for post events, the post). */
export function webhookBody(type: string, occurredAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

/** The delay before retry number `attempt` (1 = after the first failure): about 3 days in all, ±10% jitter. */
export const DELIVERY_RETRY_DELAYS_MS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000, 43_200, 57_600, 57_600].map((seconds) => seconds * 1000);

export function deliveryBackoff(attempt: number, random: () => number = Math.random): number {
  const base = DELIVERY_RETRY_DELAYS_MS[Math.min(attempt, DELIVERY_RETRY_DELAYS_MS.length) - 1] ?? DELIVERY_RETRY_DELAYS_MS[0];
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** The first try and one per delay. */
export const DELIVERY_MAX_ATTEMPTS = DELIVERY_RETRY_DELAYS_MS.length + 1;
