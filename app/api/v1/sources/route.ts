import { apiRoute, jsonWithEtag } from "@/lib/api/route";
import { listSourcesVisibleTo } from "@/lib/sources/queries";

// GET /api/v1/sources: the sources the token's owner may know of (as the post form suggests them), by name; `slug` filters posts.
export const GET = apiRoute({
  scope: "posts:read",
  run: async ({ request, actor }) => jsonWithEtag(request, { data: await listSourcesVisibleTo(actor) }),
});
