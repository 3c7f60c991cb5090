"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { canManageLinks, canManageSettings } from "@/lib/auth/permissions";
import { checkLinkNow, setArchiveSave } from "@/lib/links/mutations";
import { replaceLinkUrl } from "@/lib/links/replace";
import { LINK_STATE_LABELS, archiveSettingSchema, linkPostSchema, replaceLinkSchema, type ReplaceLinkValues } from "@/lib/links/schema";
import { formValues, userAction } from "@/lib/server/action";

// The actions of /admin/links: editors and admins, checked here before the input is read and again by each mutation.
const editorsOnly = { allowed: canManageLinks, forbidden: "Only editors and admins can check and replace links." };
const refresh = () => revalidatePath("/admin/links");

// "Check now": one check of the post's link, run here and now (not queued), so the row shows its outcome at once.
export const checkLinkNowAction = userAction<z.output<typeof linkPostSchema>>({
  ...editorsOnly,
  input: (formData) => ({ postId: String(formData.get("postId") ?? "") }),
  schema: linkPostSchema,
  run: async (user, input) => {
    const decision = await checkLinkNow(user, input.postId);
    if (decision.kind === "throttled") return { status: "success", message: `The site asked to wait (${decision.statusCode}); checked again later.` };
    const seen = decision.statusCode ? `answered ${decision.statusCode}` : (decision.lastError ?? "gave no answer");
    return { status: "success", message: `Checked: ${LINK_STATE_LABELS[decision.state]} (${seen}).` };
  },
  revalidate: refresh,
});

// "Replace URL": the post saved with the new address through the ordinary save (duplicate check, stale guard).
export const replaceLinkUrlAction = userAction<z.output<typeof replaceLinkSchema>, ReplaceLinkValues>({
  ...editorsOnly,
  values: (formData) => formValues(formData, ["postId", "version", "url"]),
  schema: replaceLinkSchema,
  run: async (user, input, values) => {
    const { url } = await replaceLinkUrl(user, input);
    return { status: "success", message: `Saved. The post now links to ${url}; it is checked again in the next pass.`, values };
  },
  revalidate: refresh,
});

// The archive setting: admins only.
export const archiveSettingAction = userAction<z.output<typeof archiveSettingSchema>>({
  allowed: canManageSettings,
  forbidden: "Only admins can change the archive setting.",
  input: (formData) => ({ archiveSave: formData.get("archiveSave") === "on" }),
  schema: archiveSettingSchema,
  run: async (user, input) => {
    await setArchiveSave(user, input.archiveSave);
    return {
      status: "success",
      message: input.archiveSave ? "Newly published links are now sent to the archive." : "Links are no longer sent to the archive.",
    };
  },
  revalidate: refresh,
});
