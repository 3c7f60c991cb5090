import { sourceRoutes } from "@/lib/api/taxonomy";

// GET /api/v1/sources/{id or slug}: one source the token's owner may know of, with how many of its posts they may see.
// PATCH: edit it (name, slug, homepage; scope taxonomy:write). DELETE: delete it, its posts kept with no source (204).
export const { GET, PATCH, DELETE } = sourceRoutes.item;
