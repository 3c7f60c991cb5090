import { z } from "zod";
import { LIMITS, tagNameProblem } from "@/lib/posts/rules";
import { mergeIntoField, taxonomyIdField, taxonomyNameField, taxonomySlugField, withDerivedSlug } from "@/lib/taxonomy/schema";

/** As long as a tag typed in the post form may be. */
export const TAG_NAME_MAX = LIMITS.tagName;

// The tag-name rule of every door: a renamed tag appears in every post's feeds and edit form.
export const tagNameField = taxonomyNameField("tag", TAG_NAME_MAX, tagNameProblem);

const tagFields = { name: tagNameField, slug: taxonomySlugField };

/** Create: the name, and the slug (empty: made from the name). */
export const tagCreateSchema = z.object(tagFields).transform(withDerivedSlug);
export type TagCreateInput = z.output<typeof tagCreateSchema>;

/** Rename: the new name, and the slug (empty: made from the name). */
export const tagRenameSchema = z.object({ tagId: taxonomyIdField, ...tagFields }).transform(withDerivedSlug);
export type TagRenameInput = z.output<typeof tagRenameSchema>;

export const tagMergeSchema = z.object({ tagId: taxonomyIdField, into: mergeIntoField("tag") });

export const tagDeleteSchema = z.object({ tagId: taxonomyIdField });
