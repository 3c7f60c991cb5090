import { z } from "zod";
import { slugify } from "@/lib/slug";
import { mergeIntoField, taxonomyIdField, taxonomyNameField, taxonomySlugField } from "@/lib/taxonomy/schema";

/** As long as a tag typed in the post form may be. */
export const TAG_NAME_MAX = 50;

export const tagNameField = taxonomyNameField("tag", TAG_NAME_MAX, (name) =>
  // The post form and the link-post files list tags separated by commas: a comma would split this tag in two.
  name.refine((value) => !value.includes(","), "A tag name cannot contain a comma: the post form separates tags with commas."),
);

/** Rename: the new name, and the slug (empty: made from the name). */
export const tagRenameSchema = z
  .object({ tagId: taxonomyIdField, name: tagNameField, slug: taxonomySlugField })
  .transform(({ tagId, name, slug }) => ({ tagId, name, slug: slug || slugify(name) }));
export type TagRenameInput = z.output<typeof tagRenameSchema>;

export const tagMergeSchema = z.object({ tagId: taxonomyIdField, into: mergeIntoField("tag") });

export const tagDeleteSchema = z.object({ tagId: taxonomyIdField });
