import { toDateTimeLocalValue } from "@/lib/format";
import type { PostForEditing } from "./queries";
import type { RevisionFields } from "./revision-diff";
import type { PostFormValues } from "./schema";

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
