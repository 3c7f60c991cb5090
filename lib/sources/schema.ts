import { z } from "zod";
import { urlProblem } from "@/lib/posts/rules";
import { slugify } from "@/lib/slug";
import { mergeIntoField, taxonomyIdField, taxonomyNameField, taxonomySlugField } from "@/lib/taxonomy/schema";

/** As long as a source typed in the post form may be. */
export const SOURCE_NAME_MAX = 100;
export const HOMEPAGE_MAX = 2048;

export const sourceNameField = taxonomyNameField("source", SOURCE_NAME_MAX);

/** The publication's own site: empty, or a full http(s) address without a user name or password. */
export const homepageField = z
  .string()
  .trim()
  .max(HOMEPAGE_MAX, `The address can be at most ${HOMEPAGE_MAX} characters.`)
  .transform((value, ctx) => {
    if (!value) return null;
    // The post form's URL rule: a homepage is linked from public pages just like an article.
    const problem = urlProblem(value);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return { url: value, domain: new URL(value).hostname };
  });

/** Edit: name, slug (empty: made from the name) and homepage (empty: none). */
export const sourceUpdateSchema = z
  .object({ sourceId: taxonomyIdField, name: sourceNameField, slug: taxonomySlugField, homepage: homepageField })
  .transform(({ sourceId, name, slug, homepage }) => ({ sourceId, name, slug: slug || slugify(name), homepage }));
export type SourceUpdateInput = z.output<typeof sourceUpdateSchema>;

export const sourceMergeSchema = z.object({ sourceId: taxonomyIdField, into: mergeIntoField("source") });

export const sourceDeleteSchema = z.object({ sourceId: taxonomyIdField });
