import { deletePostFromApi, getPostFromApi, updatePostFromApi } from "@/lib/api/posts";
import { apiRoute, json, jsonWithEtag } from "@/lib/api/route";

type Params = { id: string };

// GET /api/v1/posts/{id or slug}: one post the token's owner may see.
export const GET = apiRoute<Params>({
  scope: "posts:read",
  run: async ({ request, actor, params }) => jsonWithEtag(request, await getPostFromApi(actor, params.id)),
});

// PATCH /api/v1/posts/{id}: change the fields given, at the `version` read (409 when someone saved since).
export const PATCH = apiRoute<Params>({
  scope: "posts:write",
  run: async ({ actor, params, readJson }) => json(await updatePostFromApi(actor, params.id, await readJson())),
});

// DELETE /api/v1/posts/{id}: move the post to the trash (a contributor only their own drafts, as in the admin).
export const DELETE = apiRoute<Params>({
  scope: "posts:write",
  run: async ({ actor, params }) => {
    await deletePostFromApi(actor, params.id);
    return new Response(null, { status: 204 });
  },
});
