import "server-only";
// The API's OpenAPI 3.1 description. Request bodies come from the zod schemas the handlers parse with, so the document
// cannot drift from them; the rules inside each field (limits, the URL rule) are the form's and are not restated here.
import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { POST_LIST_FILTERS, POST_STATUSES, TRASH_DAYS } from "@/lib/posts/schema";
import { REVISION_HOWS } from "@/lib/posts/revisions";
import { API_LIST_DEFAULT_LIMIT, API_LIST_MAX_LIMIT, apiCreatePostSchema, apiSubmitSchema, apiTransitionSchema, apiUpdatePostSchema } from "./posts";
import { API_MAX_BODY_BYTES, API_RATE_LIMIT, API_RATE_WINDOW_SECONDS } from "./route";
import { apiMergeSchema, apiSourceCreateSchema, apiSourceUpdateSchema, apiTagCreateSchema, apiTagUpdateSchema } from "./taxonomy";
import { apiWebhookCreateSchema, apiWebhookUpdateSchema } from "./webhooks";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schema";

function schemaOf(schema: z.ZodType) {
  const document: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: "input" }) };
  delete document.$schema;
  return document;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemsIn =
  (words: Record<number, string>) =>
  (...statuses: number[]) =>
    Object.fromEntries(
      statuses.map((status) => [String(status), { description: words[status], content: { "application/problem+json": { schema: ref("Problem") } } }]),
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
const problems = problemsIn(PROBLEM_WORDS);
const taxonomyProblems = problemsIn({
  ...PROBLEM_WORDS,
  404: "No such tag or source, or one the owner may not know of",
  409: "Another one has this slug, or this name in any case (`errors` names the field)",
});
const webhookProblems = problemsIn({ ...PROBLEM_WORDS, 403: "Not an admin's token with webhooks:write", 404: "No such webhook", 409: "Too many webhooks" });
const json = (schema: unknown, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (name: string, required = true) => ({ required, content: { "application/json": { schema: ref(name) } } });
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The post's id (GET also takes its slug)" };
const trashIdParameter = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The trashed post's id" };
const webhookIdParameter = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The webhook's id" };
const query = (name: string, schema: unknown, description: string) => ({ name, in: "query", required: false, schema, description });
const idOrSlugParameter = { name: "idOrSlug", in: "path", required: true, schema: { type: "string" }, description: "The id or the slug" };

// The endpoints of one kind ("tags", "sources"), whose bodies and answers are components named after it.
function taxonomyPaths(many: string, one: string, edits: string) {
  const term = json(ref(one));
  return {
    [`/${many}`]: {
      get: {
        summary: `The ${many} the owner may know of (scope posts:read)`,
        responses: {
          "200": json({
            type: "object",
            properties: { data: { type: "array", items: { type: "object", properties: { name: { type: "string" }, slug: { type: "string" } } } } },
          }),
          ...taxonomyProblems(401, 403, 429),
        },
      },
      post: {
        summary: "Create one with no posts yet; an empty or missing slug is made from the name (scope taxonomy:write)",
        requestBody: body(`${one}Create`),
        responses: { "201": json(ref(one), "Created (Location: its address)"), ...taxonomyProblems(400, 401, 403, 409, 413, 422, 429) },
      },
    },
    [`/${many}/{idOrSlug}`]: {
      get: {
        summary: "One by id or slug, with the number of its posts the owner may see (scope posts:read)",
        parameters: [idOrSlugParameter],
        responses: { "200": term, "304": { description: "Not modified" }, ...taxonomyProblems(401, 403, 404, 429) },
      },
      patch: {
        summary: `Change ${edits} given; an empty slug is made from the name (scope taxonomy:write)`,
        parameters: [idOrSlugParameter],
        requestBody: body(`${one}Update`),
        responses: { "200": term, ...taxonomyProblems(400, 401, 403, 404, 409, 413, 422, 429) },
      },
      delete: {
        summary: "Delete it; its posts stay, without it (scope taxonomy:write)",
        parameters: [idOrSlugParameter],
        responses: { "204": { description: "Deleted" }, ...taxonomyProblems(401, 403, 404, 429) },
      },
    },
    [`/${many}/{idOrSlug}/merge`]: {
      post: {
        summary: "Merge it into another (`into`: its name or slug): its posts move there, then it is deleted; answers the one kept (scope taxonomy:write)",
        parameters: [idOrSlugParameter],
        requestBody: body("Merge"),
        responses: { "200": term, ...taxonomyProblems(400, 401, 403, 404, 413, 422, 429) },
      },
    },
  };
}

// A tag or source as the API shows it; a source adds its homepage and domain.
function termSchema(extra: Record<string, unknown> = {}) {
  return {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      slug: { type: "string" },
      postCount: { type: "integer", description: "Its posts that the owner may see" },
      ...extra,
      links: {
        type: "object",
        properties: {
          self: { type: "string" },
          posts: { type: "string", description: "Its posts in the API's list" },
          public: { type: "string", description: "Its public page, when a published post has it" },
        },
      },
    },
  };
}

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
      "/posts/{id}/unpublish": transition("Back to draft (refused for a post in review: return it in the admin)", "posts:publish"),
      "/posts/{id}/submit": {
        post: {
          summary: "Submit a draft for review, with an optional note for the editors; it is then locked for a contributor until returned (scope posts:write)",
          parameters: [idParameter],
          requestBody: body("Submit", false),
          responses: { "200": json(ref("Post")), ...problems(401, 403, 404, 409, 413, 422, 429) },
        },
      },
      "/posts/{id}/revisions": {
        get: {
          summary: "The post's saved revisions, newest first, for editors, admins and its author (scope posts:read)",
          parameters: [idParameter],
          responses: {
            "200": json({
              type: "object",
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      version: { type: "integer" },
                      status: { type: "string" },
                      how: { type: "string", enum: [...REVISION_HOWS] },
                      by: { type: ["string", "null"] },
                      createdAt: { type: "string", format: "date-time" },
                    },
                  },
                },
              },
            }),
            ...problems(401, 403, 404, 429),
          },
        },
      },
      "/posts/{id}/revisions/{revisionId}": {
        get: {
          summary: "One revision's fields; PATCH them at the post's current version to restore it (scope posts:read)",
          parameters: [idParameter, { name: "revisionId", in: "path", required: true, schema: { type: "string" }, description: "The revision's id" }],
          responses: {
            "200": json({
              type: "object",
              properties: {
                ...Object.fromEntries(
                  ["id", "createdAt", "status", "title", "slug", "url", "tldr", "summary", "commentary"].map((name) => [name, { type: "string" }]),
                ),
                ...Object.fromEntries(["via", "source", "publishedAt"].map((name) => [name, { type: ["string", "null"] }])),
                version: { type: "integer" },
                tags: { type: "array", items: { type: "string" } },
              },
            }),
            ...problems(401, 403, 404, 429),
          },
        },
      },
      "/trash": {
        get: {
          summary: `The posts in the trash (editors and admins: all; contributors: their own), deleted for good ${TRASH_DAYS} days after (scope posts:read)`,
          parameters: [query("page", { type: "integer", minimum: 1, default: 1 }, "Page number")],
          responses: {
            "200": json({
              type: "object",
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      ...Object.fromEntries(["id", "title", "slug", "status"].map((name) => [name, { type: "string" }])),
                      ...Object.fromEntries(["author", "deletedBy"].map((name) => [name, { type: ["string", "null"] }])),
                      deletedAt: { type: "string", format: "date-time" },
                      purgeAt: { type: "string", format: "date-time" },
                    },
                  },
                },
                page: { type: "integer" },
                pageCount: { type: "integer" },
                total: { type: "integer" },
              },
            }),
            ...problems(401, 403, 422, 429),
          },
        },
      },
      "/trash/{id}": {
        delete: {
          summary: "Delete a trashed post for good: admins only (scope posts:write)",
          parameters: [trashIdParameter],
          responses: { "204": { description: "Deleted for good" }, ...problems(401, 403, 404, 429) },
        },
      },
      "/trash/{id}/restore": {
        post: {
          summary: "Bring a trashed post back as it was, unless another post now links the same article (scope posts:write)",
          parameters: [trashIdParameter],
          responses: { "200": json(ref("Post")), ...problems(401, 403, 404, 409, 429) },
        },
      },
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
      ...taxonomyPaths("tags", "Tag", "the name and slug"),
      ...taxonomyPaths("sources", "Source", "the name, slug and homepage"),
      "/webhooks": {
        get: {
          summary: "Every webhook, without secrets (scope webhooks:write: admins' tokens only)",
          responses: { "200": json({ type: "object", properties: { data: { type: "array", items: ref("Webhook") } } }), ...webhookProblems(401, 403, 429) },
        },
        post: {
          summary: "Add one; the answer's `secret` (whsec_…) is shown this once (scope webhooks:write)",
          requestBody: body("WebhookCreate"),
          responses: {
            "201": json({ allOf: [ref("Webhook"), { type: "object", properties: { secret: { type: "string" } } }] }, "Created (Location: its address)"),
            ...webhookProblems(400, 401, 403, 409, 413, 422, 429),
          },
        },
      },
      "/webhooks/{id}": {
        get: {
          summary: "One webhook (scope webhooks:write)",
          parameters: [webhookIdParameter],
          responses: { "200": json(ref("Webhook")), ...webhookProblems(401, 403, 404, 429) },
        },
        patch: {
          summary: "Change the url, events or enabled given (scope webhooks:write)",
          parameters: [webhookIdParameter],
          requestBody: body("WebhookUpdate"),
          responses: { "200": json(ref("Webhook")), ...webhookProblems(400, 401, 403, 404, 413, 422, 429) },
        },
        delete: {
          summary: "Delete it and its delivery log (scope webhooks:write)",
          parameters: [webhookIdParameter],
          responses: { "204": { description: "Deleted" }, ...webhookProblems(401, 403, 404, 429) },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token, lp_…" } },
      schemas: {
        PostCreate: schemaOf(apiCreatePostSchema),
        PostUpdate: schemaOf(apiUpdatePostSchema),
        Transition: schemaOf(apiTransitionSchema),
        Submit: schemaOf(apiSubmitSchema),
        TagCreate: schemaOf(apiTagCreateSchema),
        TagUpdate: schemaOf(apiTagUpdateSchema),
        SourceCreate: schemaOf(apiSourceCreateSchema),
        SourceUpdate: schemaOf(apiSourceUpdateSchema),
        Merge: schemaOf(apiMergeSchema),
        WebhookCreate: schemaOf(apiWebhookCreateSchema),
        WebhookUpdate: schemaOf(apiWebhookUpdateSchema),
        Webhook: {
          type: "object",
          properties: {
            ...Object.fromEntries(["id", "url", "createdAt", "updatedAt"].map((name) => [name, { type: "string" }])),
            events: { type: "array", items: { type: "string", enum: [...WEBHOOK_EVENTS] } },
            enabled: { type: "boolean" },
            disabledReason: { type: ["string", "null"] },
            links: { type: "object", properties: { self: { type: "string" } } },
          },
        },
        Tag: termSchema(),
        Source: termSchema({ homepage: { type: ["string", "null"] }, domain: { type: ["string", "null"] } }),
        Post: {
          type: "object",
          properties: {
            ...Object.fromEntries(
              ["id", "slug", "title", "url", "tldr", "summary", "commentary", "createdAt", "updatedAt"].map((name) => [name, { type: "string" }]),
            ),
            ...Object.fromEntries(["via", "source", "publishedAt", "author"].map((name) => [name, { type: ["string", "null"] }])),
            tags: { type: "array", items: { type: "string" } },
            status: { type: "string", enum: POST_STATUSES.map((status) => status.toLowerCase()) },
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
