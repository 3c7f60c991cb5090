import { z } from "zod";
import { characterProblem } from "@/lib/posts/rules";
import { slugify, SLUG_PATTERN } from "@/lib/slug";

// What the tag and source admin screens share: the list's URL filters and the name, slug and id fields of their forms.

/** A tag's or source's slug is at most as long as one slugify() makes. */
export const TAXONOMY_SLUG_MAX = 60;
export const TAXONOMY_PAGE_SIZE = 50;

export const TAXONOMY_SORTS = ["name", "posts"] as const;
export type TaxonomySort = (typeof TAXONOMY_SORTS)[number];

// Filters come from the URL, so anything odd falls back to the default rather than being refused.
export const taxonomyListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  sort: z.enum(TAXONOMY_SORTS).catch("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TaxonomyListQuery = z.infer<typeof taxonomyListQuerySchema>;

/**
 * A tag's or source's name: spaces tidied, the post form's character rule (a renamed one appears in every post's
 * feeds, just like one typed there), at most `max` characters, and a letter or digit to make its slug from. `ownRule`
 * adds the kind's own check before that last one.
 */
export function taxonomyNameField(noun: string, max: number, ownRule: (name: z.ZodString) => z.ZodString = (name) => name) {
  const name = z
    .string()
    .min(1, "Enter a name.")
    .superRefine((value, ctx) => {
      const problem = characterProblem(value, "line");
      if (problem) ctx.addIssue({ code: "custom", message: `The name ${problem}.` });
    })
    .max(max, `A ${noun} name can be at most ${max} characters.`);
  return z
    .string()
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(ownRule(name).refine((value) => slugify(value) !== "", "The name needs at least one letter or digit."));
}

/** The slug a form sends: empty (derive it from the name) or lower-case letters, digits and single hyphens. */
export const taxonomySlugField = z
  .string()
  .trim()
  .toLowerCase()
  .max(TAXONOMY_SLUG_MAX, `The slug can be at most ${TAXONOMY_SLUG_MAX} characters.`)
  .refine((value) => value === "" || SLUG_PATTERN.test(value), "Use only lower-case letters (a–z), digits and single hyphens, such as kubernetes-security.");

export const taxonomyIdField = z.string().trim().min(1).max(64);

/** "Merge into": the name or slug of the tag or source to keep, as typed. */
export const mergeIntoField = (what: string) =>
  z.string().trim().min(1, `Type the name of the ${what} to keep.`).max(200, `No ${what} has a name that long.`);

export type MergeValues = { into: string };
