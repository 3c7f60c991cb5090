import "server-only";
// Micropub's actions and queries on Linkpress posts. Each goes through the REST API's functions (lib/api/posts.ts), so
// the post form's schema, savePost and deletePost decide everything as they do at every other door; this file maps
// h-entry properties onto those calls and their refusals back into Micropub's words.
import { createPostFromApi, deletePostFromApi, getPostFromApi, updatePostFromApi, type ApiPost } from "@/lib/api/posts";
import { ApiProblem, type FieldError } from "@/lib/api/problem";
import { canPublish, tokenAllows, type ApiActor, type TokenScope } from "@/lib/auth/permissions";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { htmlToMarkdown } from "@/lib/capture/extract";
import { isAppError } from "@/lib/errors";
import { sanitizePostHtml } from "@/lib/markdown/render";
import { restorePost } from "@/lib/posts/mutations";
import { findTrashedPostBySlug } from "@/lib/posts/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import {
  applyUpdate,
  MICROPUB_QUERIES,
  parseEntry,
  type LinkProperty,
  type Mf2Properties,
  type MicropubPostFields,
  type MicropubUpdate,
  type Parsed,
} from "./schema";

/** Micropub's error codes, and two of ours for what it leaves open (too many calls, a failure of the server). */
export type MicropubErrorCode = "invalid_request" | "unauthorized" | "forbidden" | "insufficient_scope" | "rate_limited" | "server_error";

/** A refusal as Micropub answers it: an HTTP status and a JSON body `{ error, error_description, scope? }`. */
export class MicropubError extends Error {
  constructor(
    readonly status: number,
    readonly code: MicropubErrorCode,
    readonly description: string,
    /** The scope that would have allowed it (insufficient_scope). */
    readonly scope?: TokenScope,
  ) {
    super(description);
    this.name = "MicropubError";
  }
}

export const invalidRequest = (description: string) => new MicropubError(400, "invalid_request", description);

export function orInvalid<T>(result: Parsed<T>): T {
  if (!result.ok) throw invalidRequest(result.message);
  return result.value;
}

const PUBLISH_SCOPE_NEEDED = "Publishing needs a token with the posts:publish scope. Send post-status=draft to save a draft instead.";

// A post field, in the REST API's names or the form's (which lib/ refusals name), as the h-entry property it comes from.
const PROPERTY_OF_FIELD: Record<string, string> = {
  title: "name",
  tags: "category",
  tldr: "summary",
  commentary: "content",
  publishedAt: "published",
  slug: "mp-slug",
};

function withProperty(field: string | undefined, link: LinkProperty, message: string): string {
  const name = field?.split(".")[0];
  const property = name === "url" || name === "externalUrl" ? link : name ? PROPERTY_OF_FIELD[name] : undefined;
  return property ? `${property}: ${message}` : message;
}

/**
 * A refusal from the REST API's functions or from lib/ (ApiProblem, AppError) in Micropub's terms, each field's message
 * after the property it came from (`link` names the article's URL); null for anything else, which is a failure.
 */
export function micropubErrorOf(error: unknown, link: LinkProperty = "bookmark-of"): MicropubError | null {
  if (error instanceof MicropubError) return error;
  if (error instanceof ApiProblem) {
    if (error.status === 401) return new MicropubError(401, "unauthorized", error.detail);
    // The REST API's one insufficient scope while saving a post: moving a published post's date (posts:publish).
    if (error.status === 403 && error.title === "Insufficient scope")
      return new MicropubError(403, "insufficient_scope", PUBLISH_SCOPE_NEEDED, "posts:publish");
    if (error.status === 403) return new MicropubError(403, "forbidden", error.detail);
    if (error.status === 429) return new MicropubError(429, "rate_limited", error.detail);
    const fields = (error.extra.errors ?? []) as FieldError[];
    const description = fields.length ? fields.map((field) => withProperty(field.field, link, field.message)).join(" ") : error.detail;
    // Micropub has no 409 or 422: a bad value, a duplicate article or a stale version is an invalid request.
    return new MicropubError(error.status === 413 ? 413 : 400, "invalid_request", description);
  }
  if (isAppError(error)) {
    const description = withProperty(error.details.field, link, error.userMessage);
    if (error.code === "UNAUTHENTICATED") return new MicropubError(401, "unauthorized", description);
    if (error.code === "FORBIDDEN") return new MicropubError(403, "forbidden", description);
    if (error.code === "RATE_LIMITED") return new MicropubError(429, "rate_limited", description);
    return invalidRequest(description);
  }
  return null;
}

async function inMicropubTerms<T>(link: LinkProperty, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw micropubErrorOf(error, link) ?? error;
  }
}

// The site's address as feeds and canonical links give it (the settings, else SITE_URL).
async function siteUrl(): Promise<string> {
  return (await readSiteSettings()).url;
}

/** A post's public address; a draft's is where it will be. */
const publicUrl = (site: string, slug: string) => `${site}/posts/${slug}`;

/** The slug in the public address of a post of this site; any other address is refused. */
function slugAt(site: string, url: string): string {
  const posts = new URL(`${site}/posts/`);
  let target: URL | null = null;
  try {
    target = new URL(url);
  } catch {
    // Not an absolute URL: refused below.
  }
  const slug = target && target.origin === posts.origin && target.pathname.startsWith(posts.pathname) ? target.pathname.slice(posts.pathname.length) : "";
  const trimmed = slug.replace(/\/$/, "");
  if (!trimmed || trimmed.includes("/")) throw invalidRequest(`url: This is not the address of a post on this site (${posts.href}…).`);
  return trimmed;
}

/** The post at a public address, if this person may know of it (as a GET by slug in the REST API). */
async function postAt(actor: ApiActor, site: string, url: string): Promise<ApiPost> {
  try {
    return await getPostFromApi(actor, slugAt(site, url));
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") throw invalidRequest("url: There is no post at this address, or not one you may see.");
    throw error;
  }
}

/** A post as an h-entry's properties (what q=source shows, and what an update starts from). */
function entryProperties(post: ApiPost, site: string): Mf2Properties {
  return {
    name: [post.title],
    ...(post.commentary ? { content: [post.commentary] } : {}),
    ...(post.tldr ? { summary: [post.tldr] } : {}),
    ...(post.tags.length ? { category: post.tags } : {}),
    ...(post.publishedAt ? { published: [post.publishedAt] } : {}),
    "bookmark-of": [post.url],
    // A scheduled post is published, at a date to come; one in review is not yet.
    "post-status": [post.status === "draft" || post.status === "in_review" ? "draft" : "published"],
    url: [publicUrl(site, post.slug)],
  };
}

/** The fields as the REST API takes them: HTML content cut to what a post may hold, then written as Markdown. */
function restFields({ content, ...fields }: MicropubPostFields, site: string) {
  if (content === undefined) return fields;
  // Relative links resolve as they would on the post's own page, among the site's posts.
  return { ...fields, commentary: typeof content === "string" ? content : htmlToMarkdown(sanitizePostHtml(content.html), `${site}/posts/`) };
}

/**
 * The status a new post takes. A contributor's "publish" is a submission, as their form's Submit for review is: the
 * post waits in the review queue for an editor. Someone who may publish, with a token that may not, is told so.
 */
function statusOfNewPost(actor: ApiActor, asked: "published" | "draft"): "published" | "draft" | "in_review" {
  if (asked === "draft" || tokenAllows(actor, "posts:publish")) return asked;
  if (canPublish(actor)) throw new MicropubError(403, "insufficient_scope", PUBLISH_SCOPE_NEEDED, "posts:publish");
  return "in_review";
}

/** Creates the post an h-entry describes: its public address (where it will be, for a draft or a submission) and its status. */
export async function createFromMicropub(actor: ApiActor, properties: Mf2Properties): Promise<{ location: string; inReview: boolean }> {
  const { fields, status: asked = "published", linkProperty = "bookmark-of" } = orInvalid(parseEntry(properties));
  if (fields.url === undefined)
    throw invalidRequest("bookmark-of: Linkpress posts are links: send the article's URL as bookmark-of (or like-of, or repost-of).");
  const status = statusOfNewPost(actor, asked);
  const site = await siteUrl();
  const post = await inMicropubTerms(linkProperty, () => createPostFromApi(actor, { ...restFields(fields, site), status }));
  return { location: publicUrl(site, post.slug), inReview: status === "in_review" };
}

/**
 * Applies an update (replace, add, delete) to the post at `url`, keeping its status, at the version just read; the
 * post's new address when mp-slug moved it, else null.
 */
export async function updateFromMicropub(actor: ApiActor, url: string, update: MicropubUpdate): Promise<string | null> {
  const site = await siteUrl();
  const post = await postAt(actor, site, url);
  const changed = applyUpdate(entryProperties(post, site), update);
  if (Object.hasOwn(changed, "post-status"))
    throw invalidRequest("post-status: An update keeps the post's status: publish or unpublish it in the admin, or with the REST API.");
  const { fields, linkProperty = "bookmark-of" } = orInvalid(parseEntry(changed));
  const saved = await inMicropubTerms(linkProperty, () => updatePostFromApi(actor, post.id, { version: post.version, ...restFields(fields, site) }));
  return saved.slug === post.slug ? null : publicUrl(site, saved.slug);
}

/** Moves the post at `url` to the trash, as the admin and the REST API do. */
export async function deleteFromMicropub(actor: ApiActor, url: string): Promise<void> {
  const post = await postAt(actor, await siteUrl(), url);
  await inMicropubTerms("bookmark-of", () => deletePostFromApi(actor, post.id));
}

/** Brings the post at `url` back from the trash, as the trash page does; it kept its slug, so its address is the same. */
export async function undeleteFromMicropub(actor: ApiActor, url: string): Promise<void> {
  const trashed = await findTrashedPostBySlug(actor, slugAt(await siteUrl(), url));
  if (!trashed) throw invalidRequest("url: There is no post in the trash at this address, or not one you may see.");
  await inMicropubTerms("bookmark-of", () => restorePost(actor, trashed.id));
}

// The kind of post this endpoint creates, for clients that build their form from q=config (a Micropub extension).
const BOOKMARK_POST_TYPE = {
  type: "bookmark",
  name: "Bookmark",
  h: "entry",
  properties: ["bookmark-of", "name", "content", "summary", "category", "published", "post-status", "mp-slug"],
  "required-properties": ["bookmark-of", "name"],
};

/** GET /micropub?q=…: the configuration, syndication targets (none), a post's source, or the tags this person may know of. */
export async function queryMicropub(actor: ApiActor, params: URLSearchParams): Promise<Record<string, unknown>> {
  const q = params.get("q");
  switch (q) {
    case "config":
      return { q: [...MICROPUB_QUERIES], "syndicate-to": [], "post-types": [BOOKMARK_POST_TYPE] };
    case "syndicate-to":
      return { "syndicate-to": [] };
    case "category": {
      const filter = (params.get("filter") ?? "").toLowerCase();
      const names = (await listTagsVisibleTo(actor)).map((tag) => tag.name);
      return { categories: names.filter((name) => name.toLowerCase().includes(filter)) };
    }
    case "source": {
      const url = params.get("url");
      if (!url) throw invalidRequest("url: Give the URL of the post: q=source&url=….");
      const site = await siteUrl();
      const properties = entryProperties(await postAt(actor, site, url), site);
      const wanted = [...params.getAll("properties[]"), ...params.getAll("properties")];
      if (!wanted.length) return { type: ["h-entry"], properties };
      return { properties: Object.fromEntries(wanted.filter((name) => Object.hasOwn(properties, name)).map((name) => [name, properties[name]])) };
    }
    default:
      throw invalidRequest(`q: Ask for one of ${MICROPUB_QUERIES.join(", ")}.`);
  }
}
