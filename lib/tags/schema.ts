import { z } from "zod";
import { LIMITS, tagNameProblem } from "@/lib/posts/rules";
import { slugify } from "@/lib/slug";
import { mergeIntoField, taxonomyIdField, taxonomyNameField, taxonomySlugField } from "@/lib/taxonomy/schema";

/** As long as a tag typed in the post form may be. */
export const TAG_NAME_MAX = LIMITS.tagName;

// The tag-name rule of every door: a renamed tag appears in every post's feeds and edit form.
export const tagNameField = taxonomyNameField("tag", TAG_NAME_MAX, tagNameProblem);

/** Rename: the new name, and the slug (empty: made from the name). */
export const tagRenameSchema = z
  .object({ tagId: taxonomyIdField, name: tagNameField, slug: taxonomySlugField })
  .transform(({ tagId, name, slug }) => ({ tagId, name, slug: slug || slugify(name) }));
export type TagRenameInput = z.output<typeof tagRenameSchema>;

export const tagMergeSchema = z.object({ tagId: taxonomyIdField, into: mergeIntoField("tag") });

export const tagDeleteSchema = z.object({ tagId: taxonomyIdField });
