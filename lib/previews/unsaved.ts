import { withRenderedText } from "@/lib/markdown/render";
import { postFormSchemaIn, type ArticlePost } from "@/lib/posts/schema";
import { slugify } from "@/lib/slug";
import { z } from "zod";

/** The post form's values as the browser sends them for a preview: names to strings, each bounded. */
const unsavedValues = z.record(z.string().max(64), z.string().max(200_000));

export type UnsavedPreview = { post: ArticlePost; timeZone: string } | { problems: { field: string; message: string }[] };

/**
 * The post form's unsaved values checked by the form's own rules and shaped as the post's page shows them (the
 * post form's "Preview"). Pure: nothing is read or written; a draft without a date shows `now`, as publishing would. The
 * publish date is a wall time in the site's time zone, as the form's save reads it, and the page shows dates in it.
 */
export function renderUnsavedPost(values: unknown, timeZone: string, now = new Date()): UnsavedPreview {
  const raw = unsavedValues.safeParse(values);
  const parsed = postFormSchemaIn(timeZone).safeParse(raw.success ? raw.data : {});
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ""), message: issue.message })) };
  const input = parsed.data;
  return {
    timeZone,
    post: withRenderedText({
      title: input.title,
      externalUrl: input.externalUrl,
      viaUrl: input.via,
      tldr: input.tldr,
      summary: input.summary,
      commentary: input.commentary,
      publishedAt: input.publishedAt ?? now,
      // New names have no page yet; their links point where the page will be.
      source: input.source ? { name: input.source, slug: slugify(input.source) } : null,
      tags: input.tags.map((name) => ({ name, slug: slugify(name) })),
    }),
  };
}
