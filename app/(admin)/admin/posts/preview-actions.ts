"use server";

import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { createPreviewLink, revokePreviewLink } from "@/lib/previews/mutations";
import { renderUnsavedPost } from "@/lib/previews/unsaved";
import { createPreviewLinkSchema, revokePreviewLinkSchema, type PreviewLinkState } from "@/lib/previews/schema";
import { userAction, userCall } from "@/lib/server/action";
import { getSiteSettings, getSiteTimeZone } from "@/lib/settings/queries";

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

// "Preview" of the post form's unsaved state, checked by the form's rules and shaped as the post's page shows it.
// Writes nothing (no post, no revision, no version); values the rules refuse come back as a message per field.
export const previewUnsavedPostAction = userCall(async (_user, values: Record<string, string>) => renderUnsavedPost(values, await getSiteTimeZone()));
