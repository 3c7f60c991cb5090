"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { canManageLinks, canManageSettings } from "@/lib/auth/permissions";
import { checkLinkNow, setArchiveSave } from "@/lib/links/mutations";
import { replaceLinkUrl } from "@/lib/links/replace";
import { archiveSettingSchema, linkPostSchema, replaceLinkSchema, type ReplaceLinkValues } from "@/lib/links/schema";
import { formValues, redirectTo, userAction } from "@/lib/server/action";

// The actions of /admin/links: editors and admins, checked here before the input is read and again by each mutation.
const editorsOnly = { allowed: canManageLinks, forbidden: "Only editors and admins can check and replace links." };
const refresh = () => revalidatePath("/admin/links");

// "Check now": one check of the post's link, run here and now (not queued); the page then names the outcome, since
// a link found alive leaves the list.
export const checkLinkNowAction = userAction<z.output<typeof linkPostSchema>>({
  ...editorsOnly,
  input: (formData) => ({ postId: String(formData.get("postId") ?? "") }),
  schema: linkPostSchema,
  run: async (user, input) => {
    await checkLinkNow(user, input.postId);
    return redirectTo(`/admin/links?checked=${encodeURIComponent(input.postId)}`);
  },
  revalidate: refresh,
});

// "Replace URL": the post saved with the new address through the ordinary save (duplicate check, stale guard); the
// link leaves the list until it is checked again, so the page names what was saved.
export const replaceLinkUrlAction = userAction<z.output<typeof replaceLinkSchema>, ReplaceLinkValues>({
  ...editorsOnly,
  values: (formData) => formValues(formData, ["postId", "version", "url"]),
  schema: replaceLinkSchema,
  run: async (user, input) => {
    await replaceLinkUrl(user, input);
    return redirectTo(`/admin/links?replaced=${encodeURIComponent(input.postId)}`);
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
