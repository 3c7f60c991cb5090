import { sourceRoutes } from "@/lib/api/taxonomy";

// POST /api/v1/sources/{id or slug}/merge with { "into": "<name or slug>" }: its posts move to that source, then it is
// deleted (scope taxonomy:write); answers the source kept.
export const { POST } = sourceRoutes.merge;
