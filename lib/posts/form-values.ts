import { toDateTimeLocalValue } from "@/lib/format";
import type { PostForEditing } from "./queries";
import type { RevisionFields } from "./revision-diff";
import { readPublishDate, type PostFormValues } from "./schema";

export const EMPTY_POST_FORM: PostFormValues = {
  title: "",
  externalUrl: "",
  via: "",
  source: "",
  tags: "",
  publishedAt: "",
  tldr: "",
  summary: "",
  commentary: "",
  slug: "",
};

/** The post form's starting values for an existing post; the publish date is a wall time in `timeZone` (see postFormSchemaIn). */
export function postFormValues(post: PostForEditing, timeZone: string): PostFormValues {
  return revisionFormValues({ ...post, sourceName: post.source?.name ?? null, tags: post.tags.map((link) => link.tag.name).join(", ") }, timeZone);
}

/** The post form's values from a revision ("Restore this version"): saving them is an ordinary, checked save. */
export function revisionFormValues(revision: RevisionFields, timeZone: string): PostFormValues {
  return {
    title: revision.title,
    externalUrl: revision.externalUrl,
    via: revision.viaUrl ?? "",
    source: revision.sourceName ?? "",
    tags: revision.tags,
    publishedAt: toDateTimeLocalValue(revision.publishedAt, timeZone),
    tldr: revision.tldr,
    summary: revision.summary,
    commentary: revision.commentary,
    slug: revision.slug,
  };
}

/**
 * The form's values as a revision's fields (an autosave, or one side of the restore offer's diff), with the post's
 * status; the publish date is a wall time in `timeZone`, as the form's save reads it.
 */
export function formRevisionFields(values: PostFormValues, status: string, timeZone: string): RevisionFields {
  const date = readPublishDate(values.publishedAt, timeZone);
  return {
    title: values.title,
    slug: values.slug,
    externalUrl: values.externalUrl,
    viaUrl: values.via || null,
    sourceName: values.source || null,
    tags: values.tags,
    tldr: values.tldr,
    summary: values.summary,
    commentary: values.commentary,
    status,
    // A date still being typed (or one the clocks skip or pass twice) is not a date yet; the text fields keep what matters.
    publishedAt: date && "date" in date ? date.date : null,
  };
}
