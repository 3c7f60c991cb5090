import { apiRoute, jsonWithEtag } from "@/lib/api/route";
import { listTagsVisibleTo } from "@/lib/tags/queries";

// GET /api/v1/tags: the tags the token's owner may know of (as the post form suggests them), by name; `slug` filters posts.
export const GET = apiRoute({
  scope: "posts:read",
  run: async ({ request, actor }) => jsonWithEtag(request, { data: await listTagsVisibleTo(actor) }),
});
