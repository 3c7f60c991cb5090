import { transitionPostFromApi } from "@/lib/api/posts";
import { apiRoute, json } from "@/lib/api/route";

// POST /api/v1/posts/{id}/publish: publish the post now (or at its future publishedAt); `version` in the body is checked when given.
export const POST = apiRoute<{ id: string }>({
  scope: "posts:publish",
  run: async ({ actor, params, readJson }) => json(await transitionPostFromApi(actor, params.id, "publish", await readJson())),
});
