import { apiRoute, json } from "@/lib/api/route";
import { listRevisionsFromApi } from "@/lib/api/trash-and-history";

// GET /api/v1/posts/{id}/revisions: the post's saved revisions, newest first (as its History page lists them).
export const GET = apiRoute<{ id: string }>({
  scope: "posts:read",
  run: async ({ actor, params }) => json(await listRevisionsFromApi(actor, params.id)),
});
