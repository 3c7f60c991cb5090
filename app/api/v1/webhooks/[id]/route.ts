import { webhookItem } from "@/lib/api/webhooks";

// GET /api/v1/webhooks/{id}: one webhook. PATCH: change its url, events or enabled. DELETE: delete it and its log (204).
// All with scope webhooks:write (admins' tokens only).
export const { GET, PATCH, DELETE } = webhookItem;
