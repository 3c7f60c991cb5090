import "server-only";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { slugify } from "@/lib/slug";
import { taxonomyMutations } from "@/lib/taxonomy/mutations";
import type { TagCreateInput } from "./schema";

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
