import { z } from "zod";
import { LIMITS, lengthProblem, tagNameProblem } from "@/lib/posts/rules";
import { slugify } from "@/lib/slug";
import { mergeIntoField, taxonomyIdField, taxonomySlugField } from "@/lib/taxonomy/schema";

/** As long as a tag typed in the post form may be. */
export const TAG_NAME_MAX = LIMITS.tagName;

export const tagNameField = z
  .string()
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Enter a name.")
      // The tag-name rule of every door: a renamed tag appears in every post's feeds and edit form.
      .superRefine((value, ctx) => {
        const problem = tagNameProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: `The name ${problem}.` });
      })
      .refine((value) => !lengthProblem(value, TAG_NAME_MAX), `A tag name can be at most ${TAG_NAME_MAX} characters.`),
  );

/** Rename: the new name, and the slug (empty: made from the name). */
export const tagRenameSchema = z
  .object({ tagId: taxonomyIdField, name: tagNameField, slug: taxonomySlugField })
  .transform(({ tagId, name, slug }) => ({ tagId, name, slug: slug || slugify(name) }));
export type TagRenameInput = z.output<typeof tagRenameSchema>;
export type TagFormValues = { name: string; slug: string };

export const tagMergeSchema = z.object({ tagId: taxonomyIdField, into: mergeIntoField("tag") });
export type TagMergeInput = z.output<typeof tagMergeSchema>;

export const tagDeleteSchema = z.object({ tagId: taxonomyIdField });
