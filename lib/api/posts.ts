import "server-only";
// The REST API's posts: the JSON a post is shown as, the body a client sends mapped onto the post form's fields (so
// postFormSchema and savePost decide everything, as for the form), and the list's cursor.
import { z } from "zod";
import { tokenAllows, type ApiActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { EMPTY_POST_FORM, postFormValues } from "@/lib/posts/form-values";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { findExistingPostsForUrls, getPostForApi, getPostForEditing, listPostsForApi } from "@/lib/posts/queries";
import { tagNameProblem } from "@/lib/posts/rules";
import { POST_LIST_FILTERS, postFormSchema, reviewNoteText, type PostFormValues, type PostIntent } from "@/lib/posts/schema";
import { effectiveStatus } from "@/lib/posts/visibility";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import { toApiPost, type ApiPost } from "./post-view";
import { ApiProblem, parsedOrProblem } from "./problem";

export { toApiPost, type ApiPost };

export const API_LIST_DEFAULT_LIMIT = 20;
export const API_LIST_MAX_LIMIT = 100;

function checkTagName(name: string, ctx: z.RefinementCtx) {
  const trimmed = name.trim();
  const problem = trimmed ? tagNameProblem(trimmed) : null;
  if (problem) ctx.addIssue({ code: "custom", message: `The tag '${trimmed}' ${problem}.` });
}

// The post's fields in the API's names; each value is handed to postFormSchema as the form would send it.
const nullableText = z.string().nullable().optional();
const postFields = {
  title: z.string().optional(),
  url: z.string().optional(),
  via: nullableText,
  source: nullableText,
  // A list names each tag whole, so a comma in one is refused here (the form's text field would split it in two).
  tags: z.union([z.array(z.string().superRefine(checkTagName)), z.string()]).optional(),
  tldr: z.string().optional(),
  summary: z.string().optional(),
  commentary: z.string().optional(),
  publishedAt: nullableText,
  slug: z.string().optional(),
};

export const apiCreatePostSchema = z.strictObject({ ...postFields, status: z.enum(["draft", "in_review", "published", "scheduled"]).optional() });
export const apiUpdatePostSchema = z.strictObject({ ...postFields, version: z.number().int().positive() });
export const apiTransitionSchema = z.strictObject({ version: z.number().int().positive().optional(), publishedAt: nullableText });
export const apiSubmitSchema = z.strictObject({ version: z.number().int().positive().optional(), note: reviewNoteText.optional() });

type PostFields = z.infer<z.ZodObject<typeof postFields>>;

/** The given fields over `base`, in the form's names and as the form sends them (tags comma-separated, empty for none). */
function formValuesOf(fields: PostFields, base: PostFormValues): PostFormValues {
  const values = { ...base };
  const set = (name: keyof PostFormValues, value: string | null | undefined) => {
    if (value !== undefined) values[name] = value ?? "";
  };
  set("title", fields.title);
  set("externalUrl", fields.url);
  set("via", fields.via);
  set("source", fields.source);
  set("tags", Array.isArray(fields.tags) ? fields.tags.join(", ") : fields.tags);
  set("tldr", fields.tldr);
  set("summary", fields.summary);
  set("commentary", fields.commentary);
  set("publishedAt", fields.publishedAt);
  set("slug", fields.slug);
  return values;
}

const parseBody = <T extends z.ZodType>(schema: T, body: unknown): z.output<T> => parsedOrProblem(schema, body ?? {});

const parsePost = (values: PostFormValues) => parsedOrProblem(postFormSchema, values);

function requirePublishScope(actor: ApiActor) {
  if (!tokenAllows(actor, "posts:publish"))
    throw new ApiProblem(403, "Insufficient scope", "Publishing or scheduling needs a token with the posts:publish scope, and a role that may publish.");
}

async function shownPost(actor: ApiActor, id: string, now = new Date()): Promise<ApiPost> {
  const row = await getPostForApi(actor, id, now);
  if (!row) throw new AppError("NOT_FOUND", "This post no longer exists.");
  return toApiPost(row, now);
}

/** The post this person may know of, with its form values; 404 when missing or hidden from them (as a GET would be). */
async function currentPost(actor: ApiActor, idOrSlug: string) {
  const visible = await getPostForApi(actor, idOrSlug);
  const post = visible ? await getPostForEditing(visible.id) : null;
  if (!post) throw new AppError("NOT_FOUND", "No post with this id or slug.");
  return post;
}

/** POST /api/v1/posts: a new post, a draft unless `status` says in review (submitted), published or scheduled. */
export async function createPostFromApi(actor: ApiActor, body: unknown): Promise<ApiPost> {
  const { status, ...fields } = parseBody(apiCreatePostSchema, body);
  const intent: PostIntent = status === "published" ? "publish" : status === "scheduled" ? "schedule" : status === "in_review" ? "review" : "draft";
  if (intent !== "draft" && intent !== "review") requirePublishScope(actor);
  const saved = await savePost(actor, { intent, input: parsePost(formValuesOf(fields, EMPTY_POST_FORM)) });
  return shownPost(actor, saved.id);
}

// The intent that saves a post's fields and keeps its status as it is.
function keepingStatus(post: { status: string; publishedAt: Date | null }, now: Date): PostIntent {
  const status = effectiveStatus(post, now);
  return status === "DRAFT" ? "draft" : status === "IN_REVIEW" ? "review" : status === "SCHEDULED" ? "schedule" : "publish";
}

/** PATCH /api/v1/posts/{id}: the given fields over the current ones, at the version the client read; the status stays. */
export async function updatePostFromApi(actor: ApiActor, idOrSlug: string, body: unknown, now = new Date()): Promise<ApiPost> {
  const { version, ...fields } = parseBody(apiUpdatePostSchema, body);
  const post = await currentPost(actor, idOrSlug);
  const intent = keepingStatus(post, now);
  // Moving a published or scheduled post's date publishes or schedules it anew.
  if (intent !== "draft" && fields.publishedAt !== undefined) requirePublishScope(actor);
  const input = parsePost(formValuesOf(fields, postFormValues(post, DEFAULT_TIME_ZONE)));
  const saved = await savePost(actor, { intent, postId: post.id, version, input }, now);
  return shownPost(actor, saved.id);
}

/**
 * POST /api/v1/posts/{id}/publish, /schedule, /unpublish: the form's buttons, at `version` if given. `publishedAt`
 * replaces the post's date when given; decideStatus refuses to schedule without a future date, as for the form.
 */
export async function transitionPostFromApi(actor: ApiActor, idOrSlug: string, intent: "publish" | "schedule" | "unpublish", body: unknown) {
  const { version, publishedAt } = parseBody(apiTransitionSchema, body);
  const post = await currentPost(actor, idOrSlug);
  const input = parsePost(formValuesOf({ publishedAt }, postFormValues(post, DEFAULT_TIME_ZONE)));
  const saved = await savePost(actor, { intent, postId: post.id, version: version ?? post.version, input });
  return shownPost(actor, saved.id);
}

/** POST /api/v1/posts/{id}/submit: "Submit for review" at `version` if given, the note on the post's review thread. */
export async function submitPostFromApi(actor: ApiActor, idOrSlug: string, body: unknown) {
  const { version, note } = parseBody(apiSubmitSchema, body);
  const post = await currentPost(actor, idOrSlug);
  const saved = await savePost(actor, {
    intent: "review",
    postId: post.id,
    version: version ?? post.version,
    input: parsePost(postFormValues(post, DEFAULT_TIME_ZONE)),
    note,
  });
  return shownPost(actor, saved.id);
}

/** DELETE /api/v1/posts/{id}: to the trash; a trashed post is not found (so a second DELETE answers 404). */
export async function deletePostFromApi(actor: ApiActor, idOrSlug: string): Promise<void> {
  const post = await currentPost(actor, idOrSlug);
  await deletePost(actor, post.id);
}

/** GET /api/v1/posts/{idOrSlug}. */
export async function getPostFromApi(actor: ApiActor, idOrSlug: string): Promise<ApiPost> {
  const row = await getPostForApi(actor, idOrSlug);
  if (!row) throw new AppError("NOT_FOUND", "No post with this id or slug.");
  return toApiPost(row);
}

// The cursor: the last post's updatedAt and id, opaque to clients.
function encodeCursor(row: { updatedAt: Date; id: string }): string {
  return Buffer.from(`${row.updatedAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } | null {
  const [when, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const updatedAt = new Date(when ?? "");
  return id && !Number.isNaN(updatedAt.getTime()) ? { updatedAt, id } : null;
}

const listQuerySchema = z.strictObject({
  status: z.enum(POST_LIST_FILTERS).default("all"),
  tag: z.string().max(200).optional(),
  source: z.string().max(200).optional(),
  updatedSince: z.iso.datetime({ offset: true, message: "Give an ISO 8601 date and time, such as 2026-05-01T09:30:00Z." }).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(API_LIST_MAX_LIMIT).default(API_LIST_DEFAULT_LIMIT),
  cursor: z.string().max(500).optional(),
});

/** GET /api/v1/posts: one page of the posts this person may see, and the cursor of the next page (null at the end). */
export async function listPostsFromApi(actor: ApiActor, searchParams: URLSearchParams, now = new Date()) {
  const query = parseBody(listQuerySchema, Object.fromEntries(searchParams));
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (after === null)
    throw new ApiProblem(422, "Invalid input", "The cursor is not one this API gave.", { errors: [{ field: "cursor", message: "Unknown cursor." }] });
  const { rows, hasMore } = await listPostsForApi(actor, { ...query, updatedSince: query.updatedSince ? new Date(query.updatedSince) : undefined, after }, now);
  const last = rows.at(-1);
  return { data: rows.map((row) => toApiPost(row, now)), nextCursor: hasMore && last ? encodeCursor(last) : null };
}

/** GET /api/v1/links/check?url=: whether the URL, in any of its forms, is already posted, said as the form says it. */
export async function checkLinkFromApi(actor: ApiActor, searchParams: URLSearchParams) {
  const url = searchParams.get("url")?.trim() ?? "";
  if (!url) throw new ApiProblem(422, "Invalid input", "Give the URL to check: ?url=https://….", { errors: [{ field: "url", message: "Enter a URL." }] });
  const notices = await findExistingPostsForUrls(actor, [url]);
  return { url, posted: notices.length > 0, posts: notices.map(({ message, href }) => (href ? { message, href } : { message })) };
}
