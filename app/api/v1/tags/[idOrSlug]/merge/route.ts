import { tagRoutes } from "@/lib/api/taxonomy";

// POST /api/v1/tags/{id or slug}/merge with { "into": "<name or slug>" }: its posts get that tag, then it is deleted
// (scope taxonomy:write); answers the tag kept.
export const { POST } = tagRoutes.merge;
