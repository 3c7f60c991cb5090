// What each role may do. Pure functions, so pages, actions and lib/ mutations share one answer and the table is
// unit-tested without a database.

export const ROLES = ["ADMIN", "EDITOR", "CONTRIBUTOR"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = { id: string; role: Role };
export type PostOwnership = { authorId: string | null; status: string };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Publishing, scheduling and unpublishing: editors and admins. */
export function canPublish(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "EDITOR";
}

/** Editors and admins edit any post; a contributor edits only their own drafts. */
export function canEditPost(actor: Actor, post: PostOwnership): boolean {
  if (canPublish(actor)) return true;
  return post.authorId === actor.id && post.status === "DRAFT";
}

export const canDeletePost = canEditPost;

/** Renaming, merging and deleting tags and sources. Anyone who writes posts may create one by typing a new name. */
export function canManageTaxonomy(actor: Actor): boolean {
  return canPublish(actor);
}

export function canManageUsers(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

export function canManageSettings(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Every signed-in, active person may open the admin area; what they see there depends on the role. */
export function canAccessAdmin(actor: Actor | null): actor is Actor {
  return actor !== null;
}
