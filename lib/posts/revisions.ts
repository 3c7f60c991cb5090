import "server-only";
// A post's revisions: every save that changes it records how it left the post, in the save's own transaction.
import { prisma, type DbTransaction } from "@/lib/db";
import { canViewPostHistory, type Actor } from "@/lib/auth/permissions";
import { getRevisionLimit } from "@/lib/settings/queries";
import { sameRevisionFields, type RevisionFields } from "./revision-diff";

/** How a save reached the post. An autosave kind can join these: it needs no column change. */
export const REVISION_HOWS = ["form", "api", "micropub", "import", "restore"] as const;
export type RevisionHow = (typeof REVISION_HOWS)[number];

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
  const [posts, latest] = await Promise.all([
    tx.post.findMany({ where: { id: { in: postIds } }, select: POST_STATE_SELECT }),
    tx.postRevision.findMany({
      where: { postId: { in: postIds } },
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
    where: { postId: { in: postIds } },
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
    where: { postId },
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
  return prisma.postRevision.findMany({ where: { postId, id: { in: revisionIds } }, select: { id: true, version: true, createdAt: true, ...FIELDS_SELECT } });
}
