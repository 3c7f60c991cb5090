import { sourceRoutes } from "@/lib/api/taxonomy";

// GET /api/v1/sources: the sources the token's owner may know of (as the post form suggests them), by name; `slug` filters posts.
// POST /api/v1/sources: a new source with no posts yet, its homepage optional (scope taxonomy:write: editors and admins).
export const { GET, POST } = sourceRoutes.collection;
