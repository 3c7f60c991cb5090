// Webhooks on each database: the fan-out from post events, deliveries to a local receiver checked with the Standard
// Webhooks reference library (not our own signing code), secret rotation, retries then giving up, the safe fetcher's
// refusal of a private address, resend, and the API's scope rules.
import { Webhook as ReferenceWebhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import { openApiDocument } from "@/lib/api/openapi";
import type { TokenScope } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { startJobWorker } from "@/lib/jobs/worker";
import { savePost, deletePost } from "@/lib/posts/mutations";
import { createApiToken } from "@/lib/tokens/mutations";
import {
  attemptDelivery,
  createWebhook,
  GAVE_UP_REASON,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendWebhookTest,
  updateWebhook,
  webhookDeliverKind,
} from "@/lib/webhooks/mutations";
import { listWebhookDeliveries } from "@/lib/webhooks/queries";
import type { WebhookEvent } from "@/lib/webhooks/schema";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";
import { allowReceivers, closeReceivers, runPostEvents, startReceiver as startLocalReceiver, type Received, type Receiver } from "../support/http-receiver";
import { waitFor } from "../support/jobs";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));

/** A receiver at /hook that answers `answer(n)` (n = 1 for the first request) with a body longer than the 2 KB kept. */
function startReceiver(answer: (count: number) => number = () => 200): Promise<Receiver> {
  return startLocalReceiver((_request, count) => {
    const status = answer(count);
    return { status, body: `answer ${status} ${"x".repeat(3000)}` };
  }, "/hook");
}
const allow = allowReceivers;

/** What the reference library says of a delivery signed with `secret`: the parsed body, or its error. */
function verify(secret: string, delivery: Received): unknown {
  const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(delivery.headers[name])]));
  return new ReferenceWebhook(secret).verify(delivery.body, headers);
}

const deliveriesOf = (webhookId: string) => prisma.webhookDelivery.findMany({ where: { webhookId }, orderBy: { createdAt: "asc" } });

let admin: TestUser;
let editor: TestUser;
const created: string[] = [];
async function addWebhook(url: string, events: WebhookEvent[] = ["post.published", "post.updated", "post.deleted"]) {
  const webhook = await createWebhook(admin, { url, events });
  created.push(webhook.id);
  return webhook;
}

describeDatabase("webhooks", () => {
  beforeAll(async () => {
    admin = await createTestUser("ADMIN");
    editor = await createTestUser("EDITOR");
  });
  afterEach(async () => {
    // Webhooks hear every post event of the shared database: none outlives its test.
    await prisma.webhook.deleteMany({ where: { id: { in: created.splice(0) } } });
    delete process.env.LINKPRESS_FETCH_ALLOW;
  });
  afterAll(async () => {
    await closeReceivers();
  });

  it("makes a delivery per enabled webhook that picked the event, once, and the receiver verifies it with the reference library", async () => {
    const receiver = await startReceiver();
    allow(receiver);
    const wanted = await addWebhook(receiver.url, ["post.published"]);
    const otherEvents = await addWebhook(receiver.url, ["post.unpublished"]);
    const disabled = await addWebhook(receiver.url, ["post.published"]);
    await updateWebhook(admin, disabled.id, { enabled: false });

    const saved = await savePost(editor, { intent: "publish", input: testPostInput("webhooks", "Fan-out") });
    await runPostEvents(saved.id);
    await runPostEvents(saved.id); // the post.event job again (after a crash): no second delivery
    expect(await deliveriesOf(otherEvents.id)).toHaveLength(0);
    expect(await deliveriesOf(disabled.id)).toHaveLength(0);
    const [delivery] = await deliveriesOf(wanted.id);
    expect(await deliveriesOf(wanted.id)).toHaveLength(1);
    expect(delivery).toMatchObject({ eventType: "post.published", status: "PENDING" });
    // Its job is queued with the delivery's id as the idempotency key.
    expect(await prisma.job.count({ where: { kind: webhookDeliverKind.kind, idempotencyKey: delivery.id } })).toBe(1);

    await attemptDelivery(delivery.id);
    const sent = receiver.received.at(-1)!;
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.headers["webhook-id"]).toBe(delivery.id);
    const body = verify(wanted.secret, sent) as { type: string; timestamp: string; data: { post: Record<string, unknown> } };
    expect(body.type).toBe("post.published");
    expect(body.data.post).toMatchObject({ id: saved.id, status: "published", links: { self: `/api/v1/posts/${saved.id}` } });
    expect(() => verify(disabled.secret, sent)).toThrow(WebhookVerificationError);

    const [logged] = await listWebhookDeliveries(wanted.id);
    expect(logged).toMatchObject({ status: "DELIVERED", attempts: 1, responseStatus: 200 });
    // The first 2 KB of the answer, no more.
    expect(logged.responseBody).toMatch(/^answer 200 x+$/);
    expect(logged.responseBody).toHaveLength(2048);
  });

  it("signs with both secrets for 24 hours after a rotation, then with the new one only", async () => {
    const receiver = await startReceiver();
    allow(receiver);
    const fresh = await addWebhook(receiver.url);
    const newSecret = await rotateWebhookSecret(admin, fresh.id);
    const test = await sendWebhookTest(admin, fresh.id);
    await attemptDelivery(test);
    const inWindow = receiver.received.at(-1)!;
    expect(String(inWindow.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/=]+ v1,[A-Za-z0-9+/=]+$/);
    expect(verify(newSecret, inWindow)).toMatchObject({ type: "webhook.test" });
    expect(verify(fresh.secret, inWindow)).toMatchObject({ type: "webhook.test" });

    // Rotated 25 hours ago: the old secret no longer signs.
    const old = await addWebhook(receiver.url);
    const newer = await rotateWebhookSecret(admin, old.id, new Date(Date.now() - 25 * 60 * 60 * 1000));
    await attemptDelivery(await sendWebhookTest(admin, old.id));
    const after = receiver.received.at(-1)!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verify(newer, after)).toMatchObject({ type: "webhook.test" });
    expect(() => verify(old.secret, after)).toThrow(WebhookVerificationError);
    expect(await prisma.auditLog.count({ where: { action: "webhook.rotate_secret", targetId: { in: [fresh.id, old.id] } } })).toBe(2);
  });

  it("retries a failing receiver until it answers 2xx", async () => {
    const receiver = await startReceiver((count) => (count <= 2 ? 503 : 204));
    allow(receiver);
    const webhook = await addWebhook(receiver.url);
    const deliveryId = await sendWebhookTest(admin, webhook.id);
    const worker = startJobWorker({ kinds: [{ ...webhookDeliverKind, backoff: () => 0 }], recurring: [], pollMs: 20 });
    try {
      const delivered = await waitFor(
        async () => (await prisma.webhookDelivery.findFirst({ where: { id: deliveryId, status: "DELIVERED" } })) ?? null,
        "delivered",
      );
      expect(delivered).toMatchObject({ attempts: 3, responseStatus: 204 });
      // One message: the same webhook-id on every attempt.
      expect(new Set(receiver.received.map((request) => request.headers["webhook-id"]))).toEqual(new Set([deliveryId]));
    } finally {
      await worker.stop(1000);
    }
  });

  it("gives up after the last retry: the webhook is disabled and every admin gets a notice", async () => {
    const receiver = await startReceiver(() => 500);
    allow(receiver);
    const webhook = await addWebhook(receiver.url);
    const deliveryId = await sendWebhookTest(admin, webhook.id);
    const worker = startJobWorker({ kinds: [{ ...webhookDeliverKind, backoff: () => 0 }], recurring: [], pollMs: 20 });
    try {
      const disabled = await waitFor(() => prisma.webhook.findFirst({ where: { id: webhook.id, enabled: false } }), "disabled", 40_000);
      expect(disabled.disabledReason).toBe(GAVE_UP_REASON);
    } finally {
      await worker.stop(1000);
    }
    const delivery = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(delivery).toMatchObject({ status: "GAVE_UP", attempts: webhookDeliverKind.maxAttempts, responseStatus: 500 });
    expect(await prisma.notice.count({ where: { userId: admin.id, kind: "WEBHOOK_DISABLED", postTitle: receiver.url } })).toBe(1);
    expect(await prisma.notice.count({ where: { userId: editor.id, kind: "WEBHOOK_DISABLED" } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "webhook.disable", targetId: webhook.id, actorId: null } })).toBe(1);
    // A disabled webhook cannot be resent to until it is enabled again.
    await expectAppError(resendWebhookDelivery(admin, deliveryId), "CONFLICT");
  });

  it("refuses a private address that is not allowed, and does not send there", async () => {
    const receiver = await startReceiver();
    const webhook = await addWebhook(receiver.url);
    const deliveryId = await sendWebhookTest(admin, webhook.id);
    await expect(attemptDelivery(deliveryId)).rejects.toThrow(/private network/);
    expect(receiver.received).toHaveLength(0);
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
      responseStatus: null,
      responseBody: "That address is on a private network.",
    });
  });

  it("resends the same message: a new attempt with the same webhook-id and body", async () => {
    const receiver = await startReceiver();
    allow(receiver);
    const webhook = await addWebhook(receiver.url);
    const saved = await savePost(editor, { intent: "publish", input: testPostInput("webhooks", "Resend") });
    await deletePost(editor, saved.id);
    await runPostEvents(saved.id);
    const deliveries = await deliveriesOf(webhook.id);
    expect(deliveries.map((delivery) => delivery.eventType).sort()).toEqual(["post.deleted", "post.published"]);
    const deleted = deliveries.find((delivery) => delivery.eventType === "post.deleted")!;
    await attemptDelivery(deleted.id);
    await resendWebhookDelivery(admin, deleted.id);
    // A fresh job (the first one's key is taken), then the same message again.
    expect(await prisma.job.count({ where: { kind: webhookDeliverKind.kind, idempotencyKey: `${deleted.id}:resend-1` } })).toBe(1);
    await attemptDelivery(deleted.id);
    const [first, second] = receiver.received.slice(-2);
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(second.body).toBe(first.body);
    expect(verify(webhook.secret, second)).toMatchObject({ type: "post.deleted", data: { post: { id: saved.id } } });
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deleted.id } })).toMatchObject({ attempts: 2, resends: 1, status: "DELIVERED" });
    expect(await prisma.auditLog.count({ where: { action: "webhook.resend", targetId: webhook.id } })).toBe(1);
  });

  it("lets only admins manage webhooks", async () => {
    const receiver = await startReceiver();
    await expectAppError(createWebhook(editor, { url: receiver.url, events: ["post.published"] }), "FORBIDDEN");
    const webhook = await addWebhook(receiver.url);
    await expectAppError(rotateWebhookSecret(editor, webhook.id), "FORBIDDEN");
    await expectAppError(sendWebhookTest(editor, webhook.id), "FORBIDDEN");
    await expectAppError(updateWebhook(editor, webhook.id, { enabled: false }), "FORBIDDEN");
    // The secret is left out of reads unless asked for, and stored sealed, never as issued.
    expect(await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).not.toHaveProperty("secret");
    const stored = await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id }, select: { secret: true } });
    expect(stored.secret).not.toContain(webhook.secret.slice(6));
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Body = Record<string, any>;
  async function call(handler: unknown, method: string, token: string, options: { body?: unknown; id?: string } = {}) {
    const headers = new Headers({ authorization: `Bearer ${token}` });
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body) headers.set("content-type", "application/json");
    const request = new Request(`http://localhost/api/v1/webhooks/${options.id ?? ""}`, { method, headers, body });
    const run = handler as (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
    const response = await run(request, { params: Promise.resolve({ id: options.id ?? "" }) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Body) : null };
  }
  const scopes: TokenScope[] = ["posts:read", "webhooks:write"];

  it("serves /api/v1/webhooks to admins' tokens with webhooks:write only", async () => {
    const receiver = await startReceiver();
    const token = await createApiToken(admin, admin.id, { name: unique("hooks"), scopes, days: 1 });
    const made = await call(webhooksRoute.POST, "POST", token.secret, { body: { url: receiver.url, events: ["post.published", "post.deleted"] } });
    expect(made.status).toBe(201);
    created.push(made.json!.id);
    expect(made.json).toMatchObject({ url: receiver.url, events: ["post.published", "post.deleted"], enabled: true });
    expect(made.json!.secret).toMatch(/^whsec_/);
    const listed = await call(webhooksRoute.GET, "GET", token.secret);
    const shown = listed.json!.data.find((webhook: Body) => webhook.id === made.json!.id);
    expect(shown).toBeDefined();
    expect(shown.secret).toBeUndefined();
    const patched = await call(webhookRoute.PATCH, "PATCH", token.secret, { id: made.json!.id, body: { events: ["post.updated"], enabled: false } });
    expect(patched.json).toMatchObject({ events: ["post.updated"], enabled: false });
    expect((await call(webhookRoute.PATCH, "PATCH", token.secret, { id: made.json!.id, body: { events: ["post.bogus"] } })).status).toBe(422);
    expect((await call(webhooksRoute.POST, "POST", token.secret, { body: { url: "javascript:alert(1)", events: ["post.published"] } })).status).toBe(422);
    expect((await call(webhookRoute.DELETE, "DELETE", token.secret, { id: made.json!.id })).status).toBe(204);
    expect((await call(webhookRoute.GET, "GET", token.secret, { id: made.json!.id })).status).toBe(404);

    // Nobody else's token is given the scope; one without it is refused.
    await expectAppError(createApiToken(editor, editor.id, { name: unique("hooks"), scopes, days: 1 }), "FORBIDDEN");
    const editorToken = await createApiToken(editor, editor.id, { name: unique("hooks"), scopes: ["posts:read"], days: 1 });
    expect((await call(webhooksRoute.GET, "GET", editorToken.secret)).status).toBe(403);
    const withoutScope = await createApiToken(admin, admin.id, { name: unique("hooks"), scopes: ["posts:read"], days: 1 });
    expect((await call(webhooksRoute.GET, "GET", withoutScope.secret)).status).toBe(403);

    // An admin's token stops working for webhooks as soon as its owner is no longer an admin.
    const demoted = await createTestUser("ADMIN");
    const demotedToken = await createApiToken(demoted, demoted.id, { name: unique("hooks"), scopes, days: 1 });
    expect((await call(webhooksRoute.GET, "GET", demotedToken.secret)).status).toBe(200);
    await prisma.user.update({ where: { id: demoted.id }, data: { role: "EDITOR" } });
    expect((await call(webhooksRoute.GET, "GET", demotedToken.secret)).status).toBe(403);
    expect((await call(webhooksRoute.POST, "POST", demotedToken.secret, { body: { url: receiver.url, events: ["post.published"] } })).status).toBe(403);

    expect(Object.keys(openApiDocument().paths)).toEqual(expect.arrayContaining(["/webhooks", "/webhooks/{id}"]));
  });
});
