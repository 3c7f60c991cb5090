import { openApiDocument } from "@/lib/api/openapi";
import { apiRoute, jsonWithEtag } from "@/lib/api/route";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 description, request bodies generated from the handlers' schemas.
export const GET = apiRoute({
  scope: "posts:read",
  run: async ({ request }) => jsonWithEtag(request, openApiDocument()),
});
