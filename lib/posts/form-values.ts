import { toDateTimeLocalValue } from "@/lib/format";
import type { PostForEditing } from "./queries";
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

/** The post form's starting values for an existing post. */
export function postFormValues(post: PostForEditing): PostFormValues {
  return {
    title: post.title,
    externalUrl: post.externalUrl,
    via: post.viaUrl ?? "",
    source: post.source?.name ?? "",
    tags: post.tags.map((link) => link.tag.name).join(", "),
    publishedAt: toDateTimeLocalValue(post.publishedAt),
    tldr: post.tldr,
    summary: post.summary,
    commentary: post.commentary,
    slug: post.slug,
  };
}
