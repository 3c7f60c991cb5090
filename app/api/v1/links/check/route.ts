import { checkLinkFromApi } from "@/lib/api/posts";
import { apiRoute, json } from "@/lib/api/route";

// GET /api/v1/links/check?url=: whether the URL (http or https, with or without www., tracking parameters…) is posted.
export const GET = apiRoute({
  scope: "posts:read",
  run: async ({ request, actor }) => json(await checkLinkFromApi(actor, new URL(request.url).searchParams)),
});
