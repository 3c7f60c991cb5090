import { tagRoutes } from "@/lib/api/taxonomy";

// GET /api/v1/tags/{id or slug}: one tag the token's owner may know of, with how many of its posts they may see.
// PATCH: rename it (name, slug; scope taxonomy:write). DELETE: delete it, its posts kept without it (204).
export const { GET, PATCH, DELETE } = tagRoutes.item;
