import { z } from "zod";
import { LIMITS, urlField } from "@/lib/posts/rules";
import { mergeIntoField, taxonomyIdField, taxonomyNameField, taxonomySlugField, withDerivedSlug } from "@/lib/taxonomy/schema";

/** As long as a source typed in the post form may be. */
export const SOURCE_NAME_MAX = LIMITS.sourceName;
export const HOMEPAGE_MAX = LIMITS.url;

export const sourceNameField = taxonomyNameField("source", SOURCE_NAME_MAX);

/** The publication's own site: empty, or a full http(s) address without a user name or password. */
// The post form's URL rule: a homepage is linked from public pages just like an article.
export const homepageField = urlField({ tooLong: `The address can be at most ${HOMEPAGE_MAX} characters.` }).transform((value) =>
  value ? { url: value, domain: new URL(value).hostname } : null,
);

const sourceFields = { name: sourceNameField, slug: taxonomySlugField, homepage: homepageField };

/** Create: name, slug (empty: made from the name) and homepage (empty: none). */
export const sourceCreateSchema = z.object(sourceFields).transform(withDerivedSlug);
export type SourceCreateInput = z.output<typeof sourceCreateSchema>;

/** Edit: name, slug (empty: made from the name) and homepage (empty: none). */
export const sourceUpdateSchema = z.object({ sourceId: taxonomyIdField, ...sourceFields }).transform(withDerivedSlug);
export type SourceUpdateInput = z.output<typeof sourceUpdateSchema>;

export const sourceMergeSchema = z.object({ sourceId: taxonomyIdField, into: mergeIntoField("source") });

export const sourceDeleteSchema = z.object({ sourceId: taxonomyIdField });
