import { webhookCollection } from "@/lib/api/webhooks";

// GET /api/v1/webhooks: every webhook (scope webhooks:write, admins' tokens only).
// POST /api/v1/webhooks: add one; the answer carries its signing secret, shown this once.
export const { GET, POST } = webhookCollection;
