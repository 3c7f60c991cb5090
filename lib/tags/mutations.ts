import "server-only";
import { containsIgnoringCase, prisma, type DbTransaction } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { canManageTaxonomy, type Actor } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/mutations";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { slugify } from "@/lib/slug";
import type { TagMergeInput, TagRenameInput } from "./schema";

/** The ids of the named tags, matched by slug and created when new, in the order given. */
export async function ensureTags(tx: DbTransaction, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) throw new AppError("INVALID_INPUT", `The tag “${name}” needs at least one letter or digit.`, { field: "tags" });
    if (seen.has(slug)) continue;
    seen.add(slug);
    const tag = await tx.tag.upsert({ where: { slug }, create: { name, slug }, update: {}, select: { id: true } });
    ids.push(tag.id);
  }
  return ids;
}

type TaxonomyActor = Actor & NonNullable<AuditActor>;
type TagRef = { id: string; name: string; slug: string };
const tagRef = { id: true, name: true, slug: true } as const;

function authorize(actor: Actor) {
  if (!canManageTaxonomy(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can rename, merge or delete tags.");
}

async function findTag(tx: DbTransaction, id: string): Promise<TagRef> {
  const tag = await tx.tag.findUnique({ where: { id }, select: tagRef });
  if (!tag) throw new AppError("NOT_FOUND", "This tag no longer exists: someone may have merged or deleted it. Go back to the list of tags.");
  return tag;
}

function slugTakenError(slug: string, owner: TagRef | null) {
  return new AppError(
    "CONFLICT",
    owner
      ? `The slug “${slug}” is already used by the tag “${owner.name}”. Choose another slug, or merge this tag into “${owner.name}”.`
      : `The slug “${slug}” is already used by another tag. Choose another slug.`,
    { field: "slug" },
  );
}

/** The tag named or slugged as typed (“Kubernetes”, “kubernetes”, “k8s”), or null. */
async function resolveTag(tx: DbTransaction, typed: string): Promise<TagRef | null> {
  const lower = typed.toLowerCase();
  const derived = slugify(typed);
  const candidates = await tx.tag.findMany({ where: { OR: [{ slug: { in: [lower, derived] } }, { name: typed }] }, select: tagRef });
  return candidates.find((tag) => tag.slug === lower) ?? candidates.find((tag) => tag.slug === derived) ?? candidates[0] ?? null;
}

async function renameInTransaction(tx: DbTransaction, actor: TaxonomyActor, input: TagRenameInput) {
  const tag = await findTag(tx, input.tagId);
  const owner = await tx.tag.findUnique({ where: { slug: input.slug }, select: tagRef });
  if (owner && owner.id !== tag.id) throw slugTakenError(input.slug, owner);
  // Two tags shown under one name cannot be told apart by readers; the slug check above misses them when a slug was typed.
  const sameName = (await tx.tag.findMany({ where: { name: containsIgnoringCase(input.name), id: { not: tag.id } }, select: tagRef, take: 50 })).find(
    (other) => other.name.toLowerCase() === input.name.toLowerCase(),
  );
  if (sameName)
    throw new AppError("CONFLICT", `Another tag is already named “${sameName.name}” (/tags/${sameName.slug}). To combine the two, merge this tag into it.`, { field: "name" });
  if (tag.name === input.name && tag.slug === input.slug) return { tag, changed: false };
  await tx.tag.update({ where: { id: tag.id }, data: { name: input.name, slug: input.slug } });
  await recordAudit(
    { actor, action: "tag.rename", target: { type: "tag", id: tag.id, label: input.name }, details: { from: { name: tag.name, slug: tag.slug }, to: { name: input.name, slug: input.slug } } },
    tx,
  );
  return { tag, changed: true };
}

/**
 * Renames a tag (name and slug) for editors and admins. Posts keep it; search finds them under the new name (the search
 * tables follow by trigger). After a slug change, the old /tags/<slug> address answers 404.
 */
export async function renameTag(actor: TaxonomyActor, input: TagRenameInput): Promise<{ id: string; name: string; slug: string; previousSlug: string; changed: boolean }> {
  authorize(actor);
  let result: Awaited<ReturnType<typeof renameInTransaction>>;
  try {
    result = await prisma.$transaction((tx) => renameInTransaction(tx, actor, input));
  } catch (error) {
    // Another rename or a new post took the slug between our check and our write.
    if (uniqueViolationTarget(error)?.some((field) => field.includes("slug")))
      throw slugTakenError(input.slug, await prisma.tag.findUnique({ where: { slug: input.slug }, select: tagRef }));
    throw error;
  }
  if (result.changed) revalidatePublicContent();
  return { id: result.tag.id, name: input.name, slug: input.slug, previousSlug: result.tag.slug, changed: result.changed };
}

export type TagMergeResult = { from: TagRef; into: TagRef; moved: number; alreadyTagged: number };

/**
 * Merges one tag into another: its posts get the other tag (a post that had both keeps one link, at the earlier of
 * the two places in its tag order), then the first tag is deleted.
 */
export async function mergeTag(actor: TaxonomyActor, input: TagMergeInput): Promise<TagMergeResult> {
  authorize(actor);
  const result = await prisma.$transaction(async (tx) => {
    const from = await findTag(tx, input.tagId);
    const into = await resolveTag(tx, input.into);
    if (!into) throw new AppError("INVALID_INPUT", `No tag is named “${input.into}”. Type the name of an existing tag; to give this tag a new name, rename it instead.`, { field: "into" });
    if (into.id === from.id) throw new AppError("INVALID_INPUT", "A tag cannot be merged into itself. Type the name of another tag.", { field: "into" });
    // Posts tagged with both: the kept tag moves up to the merged one's place when that came first.
    await tx.$executeRaw`
      UPDATE "PostTag" SET "position" = (SELECT a."position" FROM "PostTag" a WHERE a."postId" = "PostTag"."postId" AND a."tagId" = ${from.id})
      WHERE "tagId" = ${into.id}
        AND "position" > (SELECT a."position" FROM "PostTag" a WHERE a."postId" = "PostTag"."postId" AND a."tagId" = ${from.id})`;
    const { count: alreadyTagged } = await tx.postTag.deleteMany({ where: { tagId: from.id, post: { tags: { some: { tagId: into.id } } } } });
    const { count: moved } = await tx.postTag.updateMany({ where: { tagId: from.id }, data: { tagId: into.id } });
    await tx.tag.delete({ where: { id: from.id } });
    await recordAudit(
      { actor, action: "tag.merge", target: { type: "tag", id: from.id, label: from.name }, details: { slug: from.slug, into: { id: into.id, name: into.name, slug: into.slug }, moved, alreadyTagged } },
      tx,
    );
    return { from, into, moved, alreadyTagged };
  });
  revalidatePublicContent();
  return result;
}

/** Deletes a tag: its posts stay, without it. */
export async function deleteTag(actor: TaxonomyActor, tagId: string): Promise<{ name: string; slug: string; posts: number }> {
  authorize(actor);
  const result = await prisma.$transaction(async (tx) => {
    const tag = await findTag(tx, tagId);
    // Unlinked first, rather than by the cascade, so every database's search triggers see each post lose the tag.
    const { count: posts } = await tx.postTag.deleteMany({ where: { tagId: tag.id } });
    await tx.tag.delete({ where: { id: tag.id } });
    await recordAudit({ actor, action: "tag.delete", target: { type: "tag", id: tag.id, label: tag.name }, details: { slug: tag.slug, posts } }, tx);
    return { name: tag.name, slug: tag.slug, posts };
  });
  revalidatePublicContent();
  return result;
}
