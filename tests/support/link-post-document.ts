import type { LinkPostDocument } from "@/lib/link-format/front-matter";

/** A valid link-post file's values (as the file format reads them), then `overrides`. */
export const linkPostDocument = (overrides: Partial<LinkPostDocument> = {}): LinkPostDocument => ({
  title: "A post",
  date: "2025-04-25T10:30:00-08:00",
  tags: ["kubernetes"],
  source: "Kubernetes Blog",
  externalUrl: "https://kubernetes.io/blog/a-post/",
  viaUrl: null,
  kind: "link",
  draft: false,
  tldr: "Short.",
  summary: "Longer.",
  commentary: "",
  extra: {},
  ...overrides,
});
