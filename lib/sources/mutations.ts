import "server-only";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { releaseSlug } from "@/lib/redirects/mutations";
import { slugify } from "@/lib/slug";
import { taxonomyMutations } from "@/lib/taxonomy/mutations";
import { matchTerm, termLookup } from "@/lib/taxonomy/schema";
import type { SourceCreateInput } from "./schema";

/**
 * The id of the named source, found by the rule every door shares (matchTerm: its slug, so "CNCF" and "cncf" are one,
 * else its exact name) or created when new; a new source's slug is live again, so an old source's redirect from it
 * goes, as when an editor creates the source.
 */
export async function ensureSource(tx: DbTransaction, name: string, articleUrl: string): Promise<string | null> {
  if (!name) return null;
  const term = { name, slug: slugify(name) };
  if (!term.slug) throw new AppError("INVALID_INPUT", "The source name needs at least one letter or digit.", { field: "source" });
  const found = matchTerm(await tx.source.findMany({ ...termLookup([term]), select: { id: true, name: true, slug: true } }), term);
  if (found) return found.id;
  // A new source is named after the publication; its first article tells us where it lives.
  const { hostname, origin } = new URL(articleUrl);
  const source = await tx.source.upsert({
    where: { slug: term.slug },
    create: { ...term, domain: hostname, homepage: origin },
    update: {},
    select: { id: true },
  });
  await releaseSlug(tx, "source", term.slug);
  return source.id;
}

type SourceRef = { id: string; name: string; slug: string; homepage: string | null; domain: string | null };

const sources = taxonomyMutations({
  kind: "source",
  table: (tx) => tx.source,
  select: { id: true, name: true, slug: true, homepage: true, domain: true },
  data: (input: SourceCreateInput, source: SourceRef | null) => {
    const homepage = input.homepage?.url ?? null;
    return {
      name: input.name,
      slug: input.slug,
      homepage,
      // The domain follows a new homepage; clearing the homepage keeps the domain the articles came from.
      domain: input.homepage && homepage !== source?.homepage ? input.homepage.domain : (source?.domain ?? null),
    };
  },
  edited: {
    action: "source.update",
    details: (source, data, changed) => ({ changed: Object.fromEntries(changed.map((field) => [field, { from: source[field], to: data[field] }])) }),
  },
  movePosts: async (tx, from, into) => {
    const { count: moved } = await tx.post.updateMany({ where: { sourceId: from.id }, data: { sourceId: into.id } });
    if (!into.homepage && from.homepage)
      await tx.source.update({ where: { id: into.id }, data: { homepage: from.homepage, domain: into.domain ?? from.domain } });
    return { moved };
  },
  // Its posts keep no source (a source is a label on the post, not its owner).
  unlinkPosts: async (tx, sourceId) => (await tx.post.updateMany({ where: { sourceId }, data: { sourceId: null } })).count,
});

/** Creates a source with no posts yet (editors and admins), with its homepage if given (its domain follows it). */
export const createSource = sources.create;

/** Edits a source's name, slug and homepage (editors and admins); after a slug change, the old /sources/<slug> answers 301 to the new one. */
export const updateSource = sources.edit;

/** Merges one source into another: its posts move to the other source, which takes its homepage if it had none; the first is deleted. */
export const mergeSource = sources.merge;

/** Deletes a source; its posts stay published with no source. To keep them under another source, merge instead. */
export const deleteSource = sources.remove;
