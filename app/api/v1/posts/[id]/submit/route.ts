import { submitPostFromApi } from "@/lib/api/posts";
import { apiRoute, json } from "@/lib/api/route";

// POST /api/v1/posts/{id}/submit: submit a draft for review, with an optional `note` for the editors, as the form's "Submit for review" does.
export const POST = apiRoute<{ id: string }>({
  scope: "posts:write",
  run: async ({ actor, params, readJson }) => json(await submitPostFromApi(actor, params.id, await readJson())),
});
