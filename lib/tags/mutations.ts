import "server-only";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { releaseSlug } from "@/lib/redirects/mutations";
import { slugify } from "@/lib/slug";
import { taxonomyMutations } from "@/lib/taxonomy/mutations";
import { matchTerm, termLookup, type NamedTerm } from "@/lib/taxonomy/schema";
import type { TagCreateInput } from "./schema";

/**
 * The ids of the named tags in the order given, each found by the rule every door shares (matchTerm: its slug, else
 * its exact name) or created when new. A new tag makes its slug live again, so an old tag's redirect from it goes, as
 * when an editor creates the tag.
 */
export async function ensureTags(tx: DbTransaction, names: string[]): Promise<string[]> {
  const wanted: NamedTerm[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) throw new AppError("INVALID_INPUT", `The tag “${name}” needs at least one letter or digit.`, { field: "tags" });
    if (!wanted.some((term) => term.slug === slug)) wanted.push({ name, slug });
  }
  if (wanted.length === 0) return [];
  const found = await tx.tag.findMany({ ...termLookup(wanted), select: { id: true, name: true, slug: true } });
  const ids: string[] = [];
  const created: string[] = [];
  for (const term of wanted) {
    let id = matchTerm(found, term)?.id;
    if (!id) {
      id = (await tx.tag.upsert({ where: { slug: term.slug }, create: term, update: {}, select: { id: true } })).id;
      created.push(term.slug);
    }
    // "Kubernetes" and "k8s" may both mean the tag named Kubernetes whose slug is k8s: the post gets it once.
    if (!ids.includes(id)) ids.push(id);
  }
  await releaseSlug(tx, "tag", created);
  return ids;
}

type TagRef = { id: string; name: string; slug: string };

const tags = taxonomyMutations({
  kind: "tag",
  table: (tx) => tx.tag,
  select: { id: true, name: true, slug: true },
  data: (input: TagCreateInput) => ({ name: input.name, slug: input.slug }),
  edited: { action: "tag.rename", details: (tag: TagRef, data) => ({ from: { name: tag.name, slug: tag.slug }, to: data }) },
  movePosts: async (tx, from, into) => {
    // Posts tagged with both: the kept tag moves up to the merged one's place when that came first.
    await tx.$executeRaw`
      UPDATE "PostTag" SET "position" = (SELECT a."position" FROM "PostTag" a WHERE a."postId" = "PostTag"."postId" AND a."tagId" = ${from.id})
      WHERE "tagId" = ${into.id}
        AND "position" > (SELECT a."position" FROM "PostTag" a WHERE a."postId" = "PostTag"."postId" AND a."tagId" = ${from.id})`;
    const { count: alreadyTagged } = await tx.postTag.deleteMany({ where: { tagId: from.id, post: { tags: { some: { tagId: into.id } } } } });
    const { count: moved } = await tx.postTag.updateMany({ where: { tagId: from.id }, data: { tagId: into.id } });
    return { moved, alreadyTagged };
  },
  unlinkPosts: async (tx, tagId) => (await tx.postTag.deleteMany({ where: { tagId } })).count,
});

/** Creates a tag with no posts yet (editors and admins); posts that name it later find it by its slug. */
export const createTag = tags.create;

/** Renames a tag (name and slug) for editors and admins; after a slug change, the old /tags/<slug> answers 301 to the new one. */
export const renameTag = tags.edit;

/**
 * Merges one tag into another: its posts get the other tag (a post that had both keeps one link, at the earlier of
 * the two places in its tag order), then the first tag is deleted.
 */
export const mergeTag = tags.merge;

/** Deletes a tag: its posts stay, without it. */
export const deleteTag = tags.remove;
