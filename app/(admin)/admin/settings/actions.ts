"use server";

import type { z } from "zod";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { formValues, userAction } from "@/lib/server/action";
import { updateSiteSettings } from "@/lib/settings/mutations";
import { siteSettingsSchema, type SiteSettingsFormValues } from "@/lib/settings/schema";

const FIELDS = [
  "title",
  "description",
  "url",
  "language",
  "postsPerPage",
  "revisionsPerPost",
  "timeZone",
  "websubHubUrl",
  "sendWebmentions",
] as const satisfies readonly (keyof SiteSettingsFormValues)[];

// Save from /admin/settings (admins only): the site identity that pages, feeds, the sitemap and share cards use.
// Admins only: updateSiteSettings refuses anyone else once the input is valid (no `allowed`, which would check first).
export const saveSiteSettingsAction = userAction<z.output<typeof siteSettingsSchema>, SiteSettingsFormValues>({
  values: (formData) => formValues(formData, FIELDS),
  schema: siteSettingsSchema,
  run: async (user, input, values) => {
    const { changed } = await updateSiteSettings(user, input);
    return {
      status: "success",
      message: changed.length ? "Settings saved. Readers see them on their next page." : "Nothing changed: the settings were already like this.",
      values,
    };
  },
  revalidate: () => revalidatePublicContent(),
});
