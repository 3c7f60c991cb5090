import { apiRoute, json } from "@/lib/api/route";
import { restoreFromApi } from "@/lib/api/trash-and-history";

// POST /api/v1/trash/{id}/restore: bring a trashed post back as it was.
export const POST = apiRoute<{ id: string }>({
  scope: "posts:write",
  run: async ({ actor, params }) => json(await restoreFromApi(actor, params.id)),
});
