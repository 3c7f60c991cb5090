import "server-only";
// The REST API's webhooks (scope webhooks:write, which only admins' tokens hold): the JSON one is shown as, and the
// handlers of /api/v1/webhooks. Bodies go through the admin form's schemas and lib/webhooks' mutations.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { createWebhook, deleteWebhook, updateWebhook } from "@/lib/webhooks/mutations";
import { getWebhook, listWebhooks, type WebhookListItem } from "@/lib/webhooks/queries";
import { webhookCreateSchema, webhookEventsField, webhookUrlField } from "@/lib/webhooks/schema";
import { parsedOrProblem } from "./problem";
import { apiRoute, json } from "./route";

// Types only: each value is then checked by the form's rules (the URL rule, the known events).
export const apiWebhookCreateSchema = z.strictObject({ url: z.string(), events: z.array(z.string()) });
export const apiWebhookUpdateSchema = z.strictObject({ url: z.string().optional(), events: z.array(z.string()).optional(), enabled: z.boolean().optional() });
const webhookUpdateSchema = z.object({ url: webhookUrlField.optional(), events: webhookEventsField.optional(), enabled: z.boolean().optional() });

type Params = { id: string };
const self = (id: string) => `/api/v1/webhooks/${id}`;

/** A webhook as the API shows it; never its secret (only the create answer carries it, once). */
function shown(webhook: WebhookListItem) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    enabled: webhook.enabled,
    disabledReason: webhook.disabledReason,
    createdAt: webhook.createdAt.toISOString(),
    updatedAt: webhook.updatedAt.toISOString(),
    links: { self: self(webhook.id) },
  };
}

async function current(id: string): Promise<WebhookListItem> {
  const webhook = await getWebhook(id);
  if (!webhook) throw new AppError("NOT_FOUND", "No webhook with this id.");
  return webhook;
}

/** GET /api/v1/webhooks (every webhook) and POST (a new one; the answer holds its secret, this once). */
export const webhookCollection = {
  GET: apiRoute({ scope: "webhooks:write", run: async () => json({ data: (await listWebhooks()).map(shown) }) }),
  POST: apiRoute({
    scope: "webhooks:write",
    run: async ({ actor, readJson }) => {
      const body = parsedOrProblem(apiWebhookCreateSchema, (await readJson()) ?? {});
      const { id, secret } = await createWebhook(actor, parsedOrProblem(webhookCreateSchema, body));
      const response = json({ ...shown(await current(id)), secret }, 201);
      response.headers.set("location", self(id));
      return response;
    },
  }),
};

/** GET, PATCH (url, events, enabled: those given) and DELETE /api/v1/webhooks/{id}. */
export const webhookItem = {
  GET: apiRoute<Params>({ scope: "webhooks:write", run: async ({ params }) => json(shown(await current(params.id))) }),
  PATCH: apiRoute<Params>({
    scope: "webhooks:write",
    run: async ({ actor, params, readJson }) => {
      const body = parsedOrProblem(apiWebhookUpdateSchema, (await readJson()) ?? {});
      const changes = parsedOrProblem(webhookUpdateSchema, body);
      await current(params.id);
      await updateWebhook(actor, params.id, changes);
      return json(shown(await current(params.id)));
    },
  }),
  DELETE: apiRoute<Params>({
    scope: "webhooks:write",
    run: async ({ actor, params }) => {
      await deleteWebhook(actor, params.id);
      return new Response(null, { status: 204 });
    },
  }),
};
