import { apiRoute, json } from "@/lib/api/route";
import { listTrashFromApi } from "@/lib/api/trash-and-history";

// GET /api/v1/trash: the posts in the token owner's trash (editors and admins: everyone's), a page at a time (?page=).
export const GET = apiRoute({
  scope: "posts:read",
  run: async ({ request, actor }) => json(await listTrashFromApi(actor, new URL(request.url).searchParams)),
});
