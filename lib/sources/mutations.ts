import "server-only";
import { containsIgnoringCase, prisma, type DbTransaction } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { canManageTaxonomy, type Actor } from "@/lib/auth/permissions";
import { recordAudit, type AuditActor } from "@/lib/audit/mutations";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { slugify } from "@/lib/slug";
import type { SourceMergeInput, SourceUpdateInput } from "./schema";

/** The id of the named source, matched by slug (so "CNCF" and "cncf" are one) and created when new. */
export async function ensureSource(tx: DbTransaction, name: string, articleUrl: string): Promise<string | null> {
  if (!name) return null;
  const slug = slugify(name);
  if (!slug) throw new AppError("INVALID_INPUT", "The source name needs at least one letter or digit.", { field: "source" });
  // A new source is named after the publication; its first article tells us where it lives.
  const { hostname, origin } = new URL(articleUrl);
  const source = await tx.source.upsert({
    where: { slug },
    create: { name, slug, domain: hostname, homepage: origin },
    update: {},
    select: { id: true },
  });
  return source.id;
}

type TaxonomyActor = Actor & NonNullable<AuditActor>;
type SourceRef = { id: string; name: string; slug: string; homepage: string | null; domain: string | null };
const sourceRef = { id: true, name: true, slug: true, homepage: true, domain: true } as const;

function authorize(actor: Actor) {
  if (!canManageTaxonomy(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can edit, merge or delete sources.");
}

async function findSource(tx: DbTransaction, id: string): Promise<SourceRef> {
  const source = await tx.source.findUnique({ where: { id }, select: sourceRef });
  if (!source) throw new AppError("NOT_FOUND", "This source no longer exists: someone may have merged or deleted it. Go back to the list of sources.");
  return source;
}

function slugTakenError(slug: string, owner: { name: string } | null) {
  return new AppError(
    "CONFLICT",
    owner
      ? `The slug “${slug}” is already used by the source “${owner.name}”. Choose another slug, or merge this source into “${owner.name}”.`
      : `The slug “${slug}” is already used by another source. Choose another slug.`,
    { field: "slug" },
  );
}

function nameTakenError(owner: { name: string }) {
  return new AppError("CONFLICT", `Another source is already named “${owner.name}”. To combine the two, merge this source into it.`, { field: "name" });
}

/** The source named or slugged as typed (“CNCF”, “cncf”), or null. */
async function resolveSource(tx: DbTransaction, typed: string): Promise<SourceRef | null> {
  const lower = typed.toLowerCase();
  const derived = slugify(typed);
  const candidates = await tx.source.findMany({ where: { OR: [{ slug: { in: [lower, derived] } }, { name: typed }] }, select: sourceRef });
  return candidates.find((source) => source.slug === lower) ?? candidates.find((source) => source.slug === derived) ?? candidates[0] ?? null;
}

async function updateInTransaction(tx: DbTransaction, actor: TaxonomyActor, input: SourceUpdateInput) {
  const source = await findSource(tx, input.sourceId);
  const owner = await tx.source.findUnique({ where: { slug: input.slug }, select: sourceRef });
  if (owner && owner.id !== source.id) throw slugTakenError(input.slug, owner);
  const sameName = (await tx.source.findMany({ where: { name: containsIgnoringCase(input.name), id: { not: source.id } }, select: sourceRef, take: 50 })).find(
    (other) => other.name.toLowerCase() === input.name.toLowerCase(),
  );
  if (sameName) throw nameTakenError(sameName);
  const homepage = input.homepage?.url ?? null;
  const data = {
    name: input.name,
    slug: input.slug,
    homepage,
    // The domain follows a new homepage; clearing the homepage keeps the domain the articles came from.
    domain: homepage !== source.homepage && input.homepage ? input.homepage.domain : source.domain,
  };
  const changed = (Object.keys(data) as (keyof typeof data)[]).filter((field) => data[field] !== source[field]);
  if (changed.length === 0) return { source, data, changed };
  await tx.source.update({ where: { id: source.id }, data });
  await recordAudit(
    {
      actor,
      action: "source.update",
      target: { type: "source", id: source.id, label: input.name },
      details: { changed: Object.fromEntries(changed.map((field) => [field, { from: source[field], to: data[field] }])) },
    },
    tx,
  );
  return { source, data, changed };
}

/**
 * Edits a source's name, slug and homepage (editors and admins). Its posts keep it; search finds them under the new
 * name. After a slug change, the old /sources/<slug> address answers 404.
 */
export async function updateSource(actor: TaxonomyActor, input: SourceUpdateInput): Promise<SourceRef & { previousSlug: string; changed: string[] }> {
  authorize(actor);
  let result: Awaited<ReturnType<typeof updateInTransaction>>;
  try {
    result = await prisma.$transaction((tx) => updateInTransaction(tx, actor, input));
  } catch (error) {
    // Another edit or a new post took the slug or name between our check and our write.
    const target = uniqueViolationTarget(error);
    if (target?.some((field) => field.includes("slug"))) throw slugTakenError(input.slug, await prisma.source.findUnique({ where: { slug: input.slug }, select: { name: true } }));
    if (target?.some((field) => field.includes("name"))) throw nameTakenError({ name: input.name });
    throw error;
  }
  if (result.changed.length) revalidatePublicContent();
  return { id: result.source.id, previousSlug: result.source.slug, changed: result.changed, ...result.data };
}

export type SourceMergeResult = { from: SourceRef; into: SourceRef; moved: number };

/** Merges one source into another: its posts move to the other source, which takes its homepage if it had none; the first is deleted. */
export async function mergeSource(actor: TaxonomyActor, input: SourceMergeInput): Promise<SourceMergeResult> {
  authorize(actor);
  const result = await prisma.$transaction(async (tx) => {
    const from = await findSource(tx, input.sourceId);
    const into = await resolveSource(tx, input.into);
    if (!into) throw new AppError("INVALID_INPUT", `No source is named “${input.into}”. Type the name of an existing source; to give this source a new name, edit it instead.`, { field: "into" });
    if (into.id === from.id) throw new AppError("INVALID_INPUT", "A source cannot be merged into itself. Type the name of another source.", { field: "into" });
    const { count: moved } = await tx.post.updateMany({ where: { sourceId: from.id }, data: { sourceId: into.id } });
    if (!into.homepage && from.homepage) await tx.source.update({ where: { id: into.id }, data: { homepage: from.homepage, domain: into.domain ?? from.domain } });
    await tx.source.delete({ where: { id: from.id } });
    await recordAudit(
      { actor, action: "source.merge", target: { type: "source", id: from.id, label: from.name }, details: { slug: from.slug, into: { id: into.id, name: into.name, slug: into.slug }, moved } },
      tx,
    );
    return { from, into, moved };
  });
  revalidatePublicContent();
  return result;
}

/**
 * Deletes a source. Its posts stay published, with no source: a source is a label on the post, not its owner. To keep
 * them under another source, merge instead.
 */
export async function deleteSource(actor: TaxonomyActor, sourceId: string): Promise<{ name: string; slug: string; posts: number }> {
  authorize(actor);
  const result = await prisma.$transaction(async (tx) => {
    const source = await findSource(tx, sourceId);
    // Cleared first, rather than by the foreign key, so every database's search triggers see each post lose the source.
    const { count: posts } = await tx.post.updateMany({ where: { sourceId: source.id }, data: { sourceId: null } });
    await tx.source.delete({ where: { id: source.id } });
    await recordAudit({ actor, action: "source.delete", target: { type: "source", id: source.id, label: source.name }, details: { slug: source.slug, posts } }, tx);
    return { name: source.name, slug: source.slug, posts };
  });
  revalidatePublicContent();
  return result;
}
