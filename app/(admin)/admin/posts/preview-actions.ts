"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withRenderedText } from "@/lib/markdown/render";
import { postFormSchema } from "@/lib/posts/schema";
import { createPreviewLink, revokePreviewLink } from "@/lib/previews/mutations";
import { createPreviewLinkSchema, revokePreviewLinkSchema, type PreviewLinkState } from "@/lib/previews/schema";
import { userAction, userCall } from "@/lib/server/action";
import { getSiteSettings } from "@/lib/settings/queries";
import { slugify } from "@/lib/slug";

const editPath = (postId: string) => `/admin/posts/${postId}/edit`;

// "Share preview": a secret link to a post readers cannot see yet. The link comes back in the state, shown this once.
export const createPreviewLinkAction = userAction<z.output<typeof createPreviewLinkSchema>, { days: string }, PreviewLinkState>({
  values: (formData) => ({ days: String(formData.get("days") ?? "") }),
  schema: createPreviewLinkSchema,
  input: (formData, values) => ({ ...values, postId: formData.get("postId") }),
  run: async (user, { postId, days }, values) => {
    const link = await createPreviewLink(user, postId, days);
    revalidatePath(editPath(postId));
    const { url } = await getSiteSettings();
    return {
      status: "success",
      message: "The preview link is made. Copy it now: it is not shown again.",
      issued: { href: `${url}${link.path}`, expiresAt: link.expiresAt.toISOString() },
      values,
    };
  },
});

// Revoke a preview link at once: it answers "not found" from now on.
export const revokePreviewLinkAction = userAction({
  schema: revokePreviewLinkSchema,
  input: (formData) => ({ linkId: formData.get("linkId") }),
  invalid: () => ({ status: "error", message: "Reload the page and try again." }),
  run: async (user, { linkId }) => {
    const { postId } = await revokePreviewLink(user, linkId);
    revalidatePath(editPath(postId));
    return { status: "success", message: "The preview link is revoked; it no longer opens the post." };
  },
});

const unsavedValues = z.record(z.string(), z.string().max(200_000));

/**
 * "Preview" of the post form's unsaved state: the form's own rules, then the post as its page would show it. Writes
 * nothing (no post, no revision, no version); a value the rules refuse comes back as a message per field.
 */
export const previewUnsavedPostAction = userCall(async (_user, values: Record<string, string>) => {
  const raw = unsavedValues.safeParse(values);
  const parsed = postFormSchema.safeParse(raw.success ? raw.data : {});
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ""), message: issue.message })) };
  const input = parsed.data;
  return {
    post: withRenderedText({
      title: input.title,
      externalUrl: input.externalUrl,
      viaUrl: input.via,
      tldr: input.tldr,
      summary: input.summary,
      commentary: input.commentary,
      publishedAt: input.publishedAt ?? new Date(),
      source: input.source ? { name: input.source, slug: slugify(input.source) } : null,
      tags: input.tags.map((name) => ({ name, slug: slugify(name) })),
    }),
  };
});
