import { createPostFromApi, listPostsFromApi } from "@/lib/api/posts";
import { apiRoute, json, jsonWithEtag } from "@/lib/api/route";

// GET /api/v1/posts: the posts the token's owner may see, most recently changed first, a page at a time (?cursor=).
export const GET = apiRoute({
  scope: "posts:read",
  run: async ({ request, actor }) => jsonWithEtag(request, await listPostsFromApi(actor, new URL(request.url).searchParams)),
});

// POST /api/v1/posts: a new post (a draft unless `status` is published or scheduled, which needs posts:publish).
export const POST = apiRoute({
  scope: "posts:write",
  run: async ({ actor, readJson }) => {
    const post = await createPostFromApi(actor, await readJson());
    const response = json(post, 201);
    response.headers.set("location", post.links.self);
    return response;
  },
});
