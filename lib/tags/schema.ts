import { z } from "zod";
import { LIMITS, characterProblem, lengthProblem } from "@/lib/posts/rules";
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
      // The post rule: a renamed tag appears in every post's feeds, just like one typed in the post form.
      .superRefine((value, ctx) => {
        const problem = characterProblem(value, "line");
        if (problem) ctx.addIssue({ code: "custom", message: `The name ${problem}.` });
      })
      .refine((value) => !lengthProblem(value, TAG_NAME_MAX), `A tag name can be at most ${TAG_NAME_MAX} characters.`)
      // The post form and the link-post files list tags separated by commas: a comma would split this tag in two.
      .refine((value) => !value.includes(","), "A tag name cannot contain a comma: the post form separates tags with commas.")
      .refine((value) => slugify(value) !== "", "The name needs at least one letter or digit."),
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
