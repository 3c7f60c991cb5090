import { transitionPostFromApi } from "@/lib/api/posts";
import { apiRoute, json } from "@/lib/api/route";

// POST /api/v1/posts/{id}/schedule: schedule the post for the body's publishedAt; `version` in the body is checked when given.
export const POST = apiRoute<{ id: string }>({
  scope: "posts:publish",
  run: async ({ actor, params, readJson }) => json(await transitionPostFromApi(actor, params.id, "schedule", await readJson())),
});
