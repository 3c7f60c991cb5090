import "server-only";
// The API's OpenAPI 3.1 description. Request bodies come from the zod schemas the handlers parse with, so the document
// cannot drift from them; the rules inside each field (limits, the URL rule) are the form's and are not restated here.
import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { POST_LIST_FILTERS, TRASH_DAYS } from "@/lib/posts/schema";
import { API_LIST_DEFAULT_LIMIT, API_LIST_MAX_LIMIT, apiCreatePostSchema, apiTransitionSchema, apiUpdatePostSchema } from "./posts";
import { API_MAX_BODY_BYTES, API_RATE_LIMIT, API_RATE_WINDOW_SECONDS } from "./route";

function schemaOf(schema: z.ZodType) {
  const document: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: "input" }) };
  delete document.$schema;
  return document;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { description: PROBLEM_WORDS[status], content: { "application/problem+json": { schema: ref("Problem") } } }]),
  );
const PROBLEM_WORDS: Record<number, string> = {
  400: "Malformed JSON",
  401: "No valid bearer token",
  403: "The token's scopes or the owner's role do not allow this",
  404: "No such post, or one the owner may not know of",
  409: "Another post links the same article, or `version` is stale (`currentVersion`, `updatedBy`)",
  413: "Body over 1 MiB",
  422: "Invalid input (`errors`)",
  429: "Rate limited (`Retry-After`)",
};
const json = (schema: unknown, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (name: string, required = true) => ({ required, content: { "application/json": { schema: ref(name) } } });
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The post's id (GET also takes its slug)" };
const query = (name: string, schema: unknown, description: string) => ({ name, in: "query", required: false, schema, description });
const transition = (summary: string, scope: string) => ({
  post: {
    summary: `${summary} (scope ${scope})`,
    parameters: [idParameter],
    requestBody: body("Transition", false),
    responses: { "200": json(ref("Post")), ...problems(401, 403, 404, 409, 413, 422, 429) },
  },
});

/** The OpenAPI document served at GET /api/v1/openapi.json. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Linkpress API",
      version: "1",
      description: `Bearer personal access tokens only (scopes: ${TOKEN_SCOPES.join(", ")}). ${API_RATE_LIMIT} calls per ${API_RATE_WINDOW_SECONDS} seconds per token, with RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset on every answer. Bodies of at most ${API_MAX_BODY_BYTES} bytes. Errors are RFC 9457 problem details.`,
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths: {
      "/posts": {
        get: {
          summary: "List the posts the owner may see, most recently changed first (scope posts:read)",
          parameters: [
            query("status", { type: "string", enum: POST_LIST_FILTERS }, "Effective status"),
            query("tag", { type: "string" }, "A tag's slug"),
            query("source", { type: "string" }, "A source's slug"),
            query("updatedSince", { type: "string", format: "date-time" }, "Changed at or after"),
            query("q", { type: "string" }, "Words in the title"),
            query("limit", { type: "integer", minimum: 1, maximum: API_LIST_MAX_LIMIT, default: API_LIST_DEFAULT_LIMIT }, "Page size"),
            query("cursor", { type: "string" }, "The previous page's nextCursor"),
          ],
          responses: {
            "200": json({ type: "object", properties: { data: { type: "array", items: ref("Post") }, nextCursor: { type: ["string", "null"] } } }),
            "304": { description: "Not modified (If-None-Match)" },
            ...problems(401, 403, 422, 429),
          },
        },
        post: {
          summary: "Create a post, a draft unless status says otherwise (scope posts:write; posts:publish to publish or schedule)",
          requestBody: body("PostCreate"),
          responses: { "201": json(ref("Post"), "Created"), ...problems(400, 401, 403, 409, 413, 422, 429) },
        },
      },
      "/posts/{id}": {
        get: {
          summary: "One post by id or slug (scope posts:read)",
          parameters: [idParameter],
          responses: { "200": json(ref("Post")), "304": { description: "Not modified" }, ...problems(401, 403, 404, 429) },
        },
        patch: {
          summary: "Change the fields given at the version read; the status stays (scope posts:write)",
          parameters: [idParameter],
          requestBody: body("PostUpdate"),
          responses: { "200": json(ref("Post")), ...problems(400, 401, 403, 404, 409, 413, 422, 429) },
        },
        delete: {
          summary: `Move the post to the trash, restorable there for ${TRASH_DAYS} days; a trashed post answers 404 (scope posts:write)`,
          parameters: [idParameter],
          responses: { "204": { description: "Moved to the trash" }, ...problems(401, 403, 404, 429) },
        },
      },
      "/posts/{id}/publish": transition("Publish now, or at a future publishedAt", "posts:publish"),
      "/posts/{id}/schedule": transition("Schedule for publishedAt", "posts:publish"),
      "/posts/{id}/unpublish": transition("Back to draft", "posts:publish"),
      "/links/check": {
        get: {
          summary: "Whether a URL, in any of its forms, is already posted (scope posts:read)",
          parameters: [{ ...query("url", { type: "string" }, "The URL"), required: true }],
          responses: {
            "200": json({
              type: "object",
              properties: {
                url: { type: "string" },
                posted: { type: "boolean" },
                posts: { type: "array", items: { type: "object", properties: { message: { type: "string" }, href: { type: "string" } } } },
              },
            }),
            ...problems(401, 403, 422, 429),
          },
        },
      },
      ...Object.fromEntries(
        ["tags", "sources"].map((kind) => [
          `/${kind}`,
          {
            get: {
              summary: `The ${kind} the owner may know of (scope posts:read)`,
              responses: {
                "200": json({
                  type: "object",
                  properties: { data: { type: "array", items: { type: "object", properties: { name: { type: "string" }, slug: { type: "string" } } } } },
                }),
                ...problems(401, 403, 429),
              },
            },
          },
        ]),
      ),
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token, lp_…" } },
      schemas: {
        PostCreate: schemaOf(apiCreatePostSchema),
        PostUpdate: schemaOf(apiUpdatePostSchema),
        Transition: schemaOf(apiTransitionSchema),
        Post: {
          type: "object",
          properties: {
            ...Object.fromEntries(
              ["id", "slug", "title", "url", "tldr", "summary", "commentary", "createdAt", "updatedAt"].map((name) => [name, { type: "string" }]),
            ),
            ...Object.fromEntries(["via", "source", "publishedAt", "author"].map((name) => [name, { type: ["string", "null"] }])),
            tags: { type: "array", items: { type: "string" } },
            status: { type: "string", enum: ["draft", "scheduled", "published"] },
            version: { type: "integer" },
            links: { type: "object", properties: { self: { type: "string" }, public: { type: "string" } } },
          },
        },
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
            currentVersion: { type: "integer" },
            updatedBy: { type: ["string", "null"] },
            href: { type: "string" },
          },
        },
      },
    },
  };
}
