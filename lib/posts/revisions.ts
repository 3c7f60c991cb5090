import "server-only";
// A post's revisions: every save that changes it records how it left the post, in the save's own transaction.
import { prisma, type DbTransaction } from "@/lib/db";
import { canEditPost, canViewPostHistory, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getRevisionLimit } from "@/lib/settings/queries";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formRevisionFields } from "./form-values";
import { sameRevisionFields, type RevisionFields } from "./revision-diff";
import type { PostFormValues } from "./schema";
import { notTrashedWhere } from "./visibility";

/** How a save reached the post. */
export const REVISION_HOWS = ["form", "api", "micropub", "import", "restore", "bulk"] as const;
export type RevisionHow = (typeof REVISION_HOWS)[number];

/**
 * An autosave is a revision row too, but no save: one per post and person, replaced as they type, its `version` the
 * one their form was loaded from. Every read and count of the history leaves these rows out.
 */
export const AUTOSAVE_HOW = "autosave";
const SAVED_REVISIONS = { how: { not: AUTOSAVE_HOW } };

/** Who saved: the name is copied so the history outlives the account; `via` marks an API token. */
export type RevisionActor = (Actor & { name?: string | null; email?: string | null; via?: object }) | null;

const FIELDS_SELECT = {
  title: true,
  slug: true,
  externalUrl: true,
  viaUrl: true,
  sourceName: true,
  tags: true,
  tldr: true,
  summary: true,
  commentary: true,
  status: true,
  publishedAt: true,
} as const;

const POST_STATE_SELECT = {
  id: true,
  version: true,
  title: true,
  slug: true,
  externalUrl: true,
  viaUrl: true,
  tldr: true,
  summary: true,
  commentary: true,
  status: true,
  publishedAt: true,
  source: { select: { name: true } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
} as const;

/**
 * Records a revision for each of these posts whose fields differ from its latest revision (a post's first revision is
 * its creation), then prunes each to the site's limit, oldest first but never its last published revision. Called
 * inside the transaction that wrote the posts, after their tags, so the revision is what the save left.
 */
export async function recordRevisions(tx: DbTransaction, postIds: string[], actor: RevisionActor, how: RevisionHow): Promise<void> {
  if (postIds.length === 0) return;
  // Saving for real settles what this person had typed: their autosave would only offer the same text again.
  if (actor) await tx.postRevision.deleteMany({ where: { postId: { in: postIds }, actorId: actor.id, how: AUTOSAVE_HOW } });
  const [posts, latest] = await Promise.all([
    tx.post.findMany({ where: { id: { in: postIds } }, select: POST_STATE_SELECT }),
    tx.postRevision.findMany({
      where: { postId: { in: postIds }, ...SAVED_REVISIONS },
      orderBy: [{ postId: "asc" }, { version: "desc" }],
      distinct: ["postId"],
      select: { postId: true, ...FIELDS_SELECT },
    }),
  ]);
  const latestByPost = new Map(latest.map((revision) => [revision.postId, revision]));
  const changed = posts
    .map(({ id, version, source, tags, ...rest }) => ({
      postId: id,
      version,
      ...rest,
      sourceName: source?.name ?? null,
      tags: tags.map((link) => link.tag.name).join(", "),
    }))
    .filter((state) => {
      const before = latestByPost.get(state.postId);
      return !before || !sameRevisionFields(before, state);
    });
  if (changed.length === 0) return;
  const actorLabel = actor ? (actor.name ?? actor.email ?? null) : null;
  await tx.postRevision.createMany({ data: changed.map((state) => ({ ...state, actorId: actor?.id ?? null, actorLabel, how })) });
  await pruneRevisions(
    tx,
    changed.map((state) => state.postId),
  );
}

async function pruneRevisions(tx: DbTransaction, postIds: string[]): Promise<void> {
  const limit = await getRevisionLimit(tx);
  if (limit === null) return;
  const rows = await tx.postRevision.findMany({
    where: { postId: { in: postIds }, ...SAVED_REVISIONS },
    orderBy: { version: "desc" },
    select: { id: true, postId: true, status: true },
  });
  const kept = new Map<string, { count: number; published: boolean }>();
  const doomed: string[] = [];
  for (const row of rows) {
    const post = kept.get(row.postId) ?? { count: 0, published: false };
    kept.set(row.postId, post);
    // The newest published revision is what readers see, or saw last: it stays whatever the limit.
    const lastPublished = row.status === "PUBLISHED" && !post.published;
    if (lastPublished) post.published = true;
    if (post.count < limit || lastPublished) post.count += 1;
    else doomed.push(row.id);
  }
  if (doomed.length) await tx.postRevision.deleteMany({ where: { id: { in: doomed } } });
}

/** The post's history if this person may see it (editors and admins, or its author): its revisions, newest first. */
export async function getPostHistory(actor: Actor, postId: string) {
  const post = await prisma.post.findUnique({ where: { id: postId }, select: { id: true, title: true, status: true, version: true, authorId: true } });
  if (!post || !canViewPostHistory(actor, post)) return null;
  const revisions = await prisma.postRevision.findMany({
    where: { postId, ...SAVED_REVISIONS },
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, how: true, createdAt: true, actorLabel: true, actor: { select: { name: true } } },
  });
  return { post, revisions: revisions.map(({ actor: who, actorLabel, ...revision }) => ({ ...revision, who: who?.name ?? actorLabel })) };
}
export type PostHistory = NonNullable<Awaited<ReturnType<typeof getPostHistory>>>;

/** Revisions of one post by id, with all their fields, if this person may see its history; unknown ids are left out. */
export async function getPostRevisions(
  actor: Actor,
  postId: string,
  revisionIds: string[],
): Promise<(RevisionFields & { id: string; version: number; createdAt: Date })[]> {
  const post = await prisma.post.findUnique({ where: { id: postId }, select: { authorId: true, status: true } });
  if (!post || !canViewPostHistory(actor, post)) return [];
  return prisma.postRevision.findMany({
    where: { postId, id: { in: revisionIds }, ...SAVED_REVISIONS },
    select: { id: true, version: true, createdAt: true, ...FIELDS_SELECT },
  });
}

export type AutosaveCommand = { postId: string; baseVersion: number; values: PostFormValues };

/**
 * Keeps what this person has typed into a post's form as their one autosave of it, replacing the last. The post itself
 * is not touched (not its text, status, version or updatedAt), so nothing public changes and no cache is refreshed.
 * Refused as a save would be for someone who may not edit the post. Returns null, storing nothing, when this person
 * has saved the post since the form was opened: the autosave arrived after the save that made it old.
 */
export async function autosavePost(actor: NonNullable<RevisionActor>, command: AutosaveCommand): Promise<{ savedAt: Date } | null> {
  const { postId, baseVersion, values } = command;
  const timeZone = await getSiteTimeZone();
  return prisma.$transaction(async (tx) => {
    const post = await tx.post.findFirst({
      where: { id: postId, ...notTrashedWhere },
      select: { authorId: true, status: true, version: true, updatedById: true },
    });
    if (!post) throw new AppError("NOT_FOUND", "This post no longer exists.");
    if (!canEditPost(actor, post)) throw new AppError("FORBIDDEN", "You can only edit your own drafts. Ask an editor to change this post.");
    if (baseVersion > post.version || (baseVersion < post.version && post.updatedById === actor.id)) return null;
    await tx.postRevision.deleteMany({ where: { postId, actorId: actor.id, how: AUTOSAVE_HOW } });
    const { createdAt } = await tx.postRevision.create({
      data: {
        postId,
        version: baseVersion,
        ...formRevisionFields(values, post.status, timeZone),
        actorId: actor.id,
        actorLabel: actor.name ?? actor.email ?? null,
        how: AUTOSAVE_HOW,
      },
      select: { createdAt: true },
    });
    return { savedAt: createdAt };
  });
}

/** This person's autosave of a post (they may edit it: the edit page checked), or null. */
export async function getAutosave(actor: Actor, postId: string) {
  return prisma.postRevision.findFirst({
    where: { postId, actorId: actor.id, how: AUTOSAVE_HOW },
    orderBy: { createdAt: "desc" },
    select: { version: true, createdAt: true, ...FIELDS_SELECT },
  });
}

/** "Discard" on the restore offer: this person's autosave of the post goes; nobody else's. */
export async function discardAutosave(actor: Actor, postId: string): Promise<void> {
  await prisma.postRevision.deleteMany({ where: { postId, actorId: actor.id, how: AUTOSAVE_HOW } });
}
