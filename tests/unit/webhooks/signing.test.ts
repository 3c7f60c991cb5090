// Standard Webhooks signing, checked against the specification's reference library (standardwebhooks), and the rules
// around it: the rotation window, the body's shape, the retry schedule, the event choice.
import { Webhook as ReferenceWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { webhookCreateSchema } from "@/lib/webhooks/schema";
import {
  DELIVERY_MAX_ATTEMPTS,
  DELIVERY_RETRY_DELAYS_MS,
  ROTATION_GRACE_MS,
  deliveryBackoff,
  newWebhookSecret,
  signature,
  signingSecrets,
  webhookBody,
  webhookHeaders,
} from "@/lib/webhooks/signing";

const HOUR_MS = 60 * 60 * 1000;
const at = new Date("2026-12-03T10:00:00.000Z");

describe("webhook signatures", () => {
  it("makes whsec_ secrets of 24 random bytes, each new", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it("signs id.timestamp.body as the reference library does, in the v1,<base64> form", () => {
    const secret = newWebhookSecret();
    const body = webhookBody("post.published", at, { post: { id: "p1", title: "Ünïcode “quotes”" } });
    expect(signature(secret, "msg_1", 1_764_756_000, body)).toBe(new ReferenceWebhook(secret).sign("msg_1", new Date(1_764_756_000_000), body));
    expect(signature(secret, "msg_1", 1_764_756_000, body)).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    // Another id, time or body is another signature.
    expect(signature(secret, "msg_2", 1_764_756_000, body)).not.toBe(signature(secret, "msg_1", 1_764_756_000, body));
  });

  it("sends the three headers, with one space-separated signature per secret", () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const body = webhookBody("post.updated", at, { post: { id: "p1" } });
    const headers = webhookHeaders([a, b], "delivery-1", at, body);
    expect(headers).toMatchObject({ "content-type": "application/json", "webhook-id": "delivery-1", "webhook-timestamp": String(at.getTime() / 1000) });
    const [first, second] = headers["webhook-signature"].split(" ");
    expect(first).toBe(signature(a, "delivery-1", at.getTime() / 1000, body));
    expect(second).toBe(signature(b, "delivery-1", at.getTime() / 1000, body));
  });

  it("keeps the previous secret signing for 24 hours after a rotation, not a moment longer", () => {
    const rotated = { current: "whsec_new", previous: "whsec_old", previousExpiresAt: new Date(at.getTime() + ROTATION_GRACE_MS) };
    expect(ROTATION_GRACE_MS).toBe(24 * HOUR_MS);
    expect(signingSecrets(rotated, at)).toEqual(["whsec_new", "whsec_old"]);
    expect(signingSecrets(rotated, new Date(at.getTime() + ROTATION_GRACE_MS - 1))).toEqual(["whsec_new", "whsec_old"]);
    expect(signingSecrets(rotated, new Date(at.getTime() + ROTATION_GRACE_MS))).toEqual(["whsec_new"]);
    expect(signingSecrets({ current: "whsec_new", previous: null, previousExpiresAt: null }, at)).toEqual(["whsec_new"]);
  });

  it("sends { type, timestamp, data } with the time the event happened", () => {
    expect(JSON.parse(webhookBody("post.deleted", at, { post: { id: "p9" } }))).toEqual({
      type: "post.deleted",
      timestamp: "2026-12-03T10:00:00.000Z",
      data: { post: { id: "p9" } },
    });
  });
});

describe("delivery retries", () => {
  it("retries for about 3 days in all, each wait within ±10% of its step", () => {
    const total = DELIVERY_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(70 * HOUR_MS);
    expect(total).toBeLessThan(74 * HOUR_MS);
    expect(DELIVERY_MAX_ATTEMPTS).toBe(DELIVERY_RETRY_DELAYS_MS.length + 1);
    DELIVERY_RETRY_DELAYS_MS.forEach((delay, index) => {
      expect(deliveryBackoff(index + 1, () => 0)).toBe(Math.round(delay * 0.9));
      expect(deliveryBackoff(index + 1, () => 1)).toBe(Math.round(delay * 1.1));
    });
  });
});

describe("the add form's schema", () => {
  it("takes a URL under the site's URL rule and known events, in the list's order", () => {
    expect(webhookCreateSchema.parse({ url: "hooks.example.com/in", events: ["post.deleted", "post.published"] })).toEqual({
      url: "https://hooks.example.com/in",
      events: ["post.published", "post.deleted"],
    });
  });

  it.each([
    [{ url: "javascript:alert(1)", events: ["post.published"] }, "url"],
    [{ url: "https://user:pw@example.com/", events: ["post.published"] }, "url"],
    [{ url: "", events: ["post.published"] }, "url"],
    [{ url: "https://example.com/", events: [] }, "events"],
    [{ url: "https://example.com/", events: ["post.exploded"] }, "events"],
  ])("refuses %j (%s)", (input, field) => {
    const result = webhookCreateSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path[0])).toContain(field);
  });
});
