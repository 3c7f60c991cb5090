// What each role may do. Pure functions, so pages, actions and lib/ mutations share one answer and the table is
// unit-tested without a database.
import { isPubliclyVisible, notTrashedWhere, publicPostWhere } from "@/lib/posts/visibility";

export const ROLES = ["ADMIN", "EDITOR", "CONTRIBUTOR"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = { id: string; role: Role };
/** An actor as the audit log names them. */
export type NamedActor = Actor & { name: string; email: string };
export type PostOwnership = { authorId: string | null; status: string };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Publishing, scheduling and unpublishing: editors and admins. */
export function canPublish(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "EDITOR";
}

/**
 * Editors and admins edit any post; a contributor edits only their own drafts. A post they submitted for review is
 * locked for them until an editor returns it (it is back to DRAFT then): every door (form, API, Micropub) asks this.
 */
export function canEditPost(actor: Actor, post: PostOwnership): boolean {
  if (canPublish(actor)) return true;
  return post.authorId === actor.id && post.status === "DRAFT";
}

/** The review inbox, and returning a post to its author: whoever may publish (editors and admins). */
export function canReviewPosts(actor: Actor): boolean {
  return canPublish(actor);
}

/**
 * Submitting a post for review (a new post, or a draft its author may edit), or, for an editor, saving a post in
 * review and keeping it there. A published or scheduled post is never sent back to review.
 */
export function canSubmitForReview(actor: Actor, post: PostOwnership | null): boolean {
  if (!post) return true;
  return canEditPost(actor, post) && (post.status === "DRAFT" || post.status === "IN_REVIEW");
}

/** A post's review thread (reading it and adding a note): its author, and editors and admins. */
export function canViewPostNotes(actor: Actor, post: PostOwnership): boolean {
  return canReviewPosts(actor) || post.authorId === actor.id;
}

/** Moving a post to the trash, and restoring it from there: whoever may edit it (the post as it was when trashed). */
export const canDeletePost = canEditPost;
export const canRestorePost = canDeletePost;

/**
 * Making and revoking a post's secret preview links: whoever may edit the post. Making one also needs the post to be
 * out of readers' sight (lib/previews/mutations.ts checks that with isPubliclyVisible).
 */
export const canSharePreview = canEditPost;

/** Deleting a post in the trash for good, before its time there is over: admins only. */
export function canPurgePosts(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/**
 * Whether a person may know a post exists (its title, its address): editors and admins always, a contributor for
 * their own posts and for posts readers can see. Refusals and suggestions must not reveal any other post.
 */
export function canViewPost(actor: Actor, post: PostOwnership & { publishedAt: Date | null; deletedAt?: Date | null }, now: Date): boolean {
  return canPublish(actor) || post.authorId === actor.id || isPubliclyVisible(post, now);
}

/** A post's history (its earlier text, drafts included): editors and admins, and its author, as for its notes. */
export const canViewPostHistory = canViewPostNotes;

/** canViewPost as a database filter on posts outside the trash, for reads that list or count what a person may see. */
export function viewablePostWhere(actor: Actor, now: Date) {
  return canPublish(actor) ? notTrashedWhere : { ...notTrashedWhere, OR: [publicPostWhere(now), { authorId: actor.id }] };
}

/** Renaming, merging and deleting tags and sources. Anyone who writes posts may create one by typing a new name. */
export function canManageTaxonomy(actor: Actor): boolean {
  return canPublish(actor);
}

/** Importing posts (files, bookmarks): editors and admins. */
export function canImport(actor: Actor): boolean {
  return canPublish(actor);
}

/** Exporting every post (drafts included) and all content: editors and admins. */
export function canExport(actor: Actor): boolean {
  return canPublish(actor);
}

/** Confirming, cancelling or resuming an import job: the person who uploaded it, or any admin. */
export function canControlImportJob(actor: Actor, job: { createdById: string | null }): boolean {
  return canImport(actor) && (job.createdById === actor.id || actor.role === "ADMIN");
}

export function canManageUsers(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function canManageSettings(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** The background job queue (/admin/jobs: retry and discard): admins only. */
export function canManageJobs(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Webhooks (/admin/webhooks, /api/v1/webhooks): admins only, since a webhook sends every post event to any address. */
export function canManageWebhooks(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Link health (/admin/links: check now, replace URL): editors and admins. */
export function canManageLinks(actor: Actor): boolean {
  return canPublish(actor);
}

/** Every signed-in, active person may open the admin area; what they see there depends on the role. */
export function canAccessAdmin(actor: Actor | null): actor is Actor {
  return actor !== null;
}

/** What a personal access token may be granted; the token acts as its owner, within these. */
export const TOKEN_SCOPES = ["posts:read", "posts:write", "posts:publish", "taxonomy:write", "webhooks:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === "string" && (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Someone acting through the API with a personal access token: the owner as they are now, and the token used. */
export type ApiActor = NamedActor & { via: { tokenId: string; tokenName: string }; scopes: readonly TokenScope[] };

/**
 * A token's scopes that its owner's current role still allows (role ∩ scopes): reading and writing posts for every
 * role (as the forms allow, each post checked again by the mutation), publishing and taxonomy for those allowed them.
 */
export function effectiveScopes(role: Role, scopes: readonly string[]): TokenScope[] {
  const actor: Actor = { id: "", role };
  const allowedByRole: Record<TokenScope, boolean> = {
    "posts:read": true,
    "posts:write": true,
    "posts:publish": canPublish(actor),
    "taxonomy:write": canManageTaxonomy(actor),
    "webhooks:write": canManageWebhooks(actor),
  };
  return TOKEN_SCOPES.filter((scope) => scopes.includes(scope) && allowedByRole[scope]);
}

/** Whether a call through the API may use `scope`: the token grants it and the owner's role allows it. */
export function tokenAllows(actor: Pick<ApiActor, "role" | "scopes">, scope: TokenScope): boolean {
  return effectiveScopes(actor.role, actor.scopes).includes(scope);
}
