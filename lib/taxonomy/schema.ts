import { z } from "zod";
import { characterProblem, lengthProblem } from "@/lib/posts/rules";
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
 * A tag's or source's name: spaces tidied, then `problem` (by default the post form's character rule, since a renamed
 * one appears in every post's feeds just like one typed there, and a letter or digit to make its slug from; tags pass
 * the tag-name rule of every door), and at most `max` characters.
 */
export function taxonomyNameField(noun: string, max: number, problem: (name: string) => string | null = sourceLikeNameProblem) {
  return z
    .string()
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .min(1, "Enter a name.")
        .superRefine((value, ctx) => {
          const found = problem(value);
          if (found) ctx.addIssue({ code: "custom", message: `The name ${found}.` });
        })
        .refine((value) => !lengthProblem(value, max), `A ${noun} name can be at most ${max} characters.`),
    );
}

/** The post form's character rule, and a letter or digit to make a slug from. */
function sourceLikeNameProblem(name: string): string | null {
  return characterProblem(name, "line") ?? (slugify(name) ? null : "needs at least one letter or digit");
}

/** The slug a form sends: empty (derive it from the name) or lower-case letters, digits and single hyphens. */
export const taxonomySlugField = z
  .string()
  .trim()
  .toLowerCase()
  .max(TAXONOMY_SLUG_MAX, `The slug can be at most ${TAXONOMY_SLUG_MAX} characters.`)
  .refine((value) => value === "" || SLUG_PATTERN.test(value), "Use only lower-case letters (a–z), digits and single hyphens, such as kubernetes-security.");

export const taxonomyIdField = z.string().trim().min(1).max(64);

/** The fields as typed, with an empty slug made from the name (create and edit alike). */
export function withDerivedSlug<T extends { name: string; slug: string }>(fields: T): T {
  return { ...fields, slug: fields.slug || slugify(fields.name) };
}

/** "Merge into": the name or slug of the tag or source to keep, as typed. */
export const mergeIntoField = (what: string) => z.string().trim().min(1, `Type the name of the ${what} to keep.`).max(200, `No ${what} has a name that long.`);

export type MergeValues = { into: string };

/** A tag or source as a post names it: the name typed, and the slug that name makes. */
export type NamedTerm = { name: string; slug: string };

/**
 * The query for the tags or sources that typed names may mean: by slug (so "CNCF" and "cncf" are one) or by the exact
 * name (an editor may have given a tag or source another slug than its name makes, and it keeps its name). Ordered by
 * slug, so that of two tags with one name the same one is found every time, on either database.
 */
export function termLookup(wanted: readonly NamedTerm[]) {
  return {
    where: { OR: [{ slug: { in: wanted.map((term) => term.slug) } }, { name: { in: wanted.map((term) => term.name) } }] },
    orderBy: { slug: "asc" as const },
  };
}

/** The existing tag or source a typed name means, among termLookup's rows: the one holding its slug, else the first with exactly that name. */
export function matchTerm<T extends NamedTerm>(found: readonly T[], wanted: NamedTerm): T | undefined {
  return found.find((term) => term.slug === wanted.slug) ?? found.find((term) => term.name === wanted.name);
}
