import { apiRoute, json } from "@/lib/api/route";
import { getRevisionFromApi } from "@/lib/api/trash-and-history";

// GET /api/v1/posts/{id}/revisions/{revisionId}: one revision's fields, to compare or to restore with a PATCH.
export const GET = apiRoute<{ id: string; revisionId: string }>({
  scope: "posts:read",
  run: async ({ actor, params }) => json(await getRevisionFromApi(actor, params.id, params.revisionId)),
});
