import { tagRoutes } from "@/lib/api/taxonomy";

// GET /api/v1/tags: the tags the token's owner may know of (as the post form suggests them), by name; `slug` filters posts.
// POST /api/v1/tags: a new tag with no posts yet (scope taxonomy:write: editors and admins).
export const { GET, POST } = tagRoutes.collection;
