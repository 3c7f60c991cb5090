"use server";

import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { canManageSettings } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { AppError } from "@/lib/errors";
import { updateSiteSettings } from "@/lib/settings/mutations";
import { siteSettingsSchema, type SiteSettingsFormValues } from "@/lib/settings/schema";

export type SettingsFormState = ActionState<SiteSettingsFormValues>;

const FIELDS = ["title", "description", "url", "language", "postsPerPage"] as const satisfies readonly (keyof SiteSettingsFormValues)[];

// Save from /admin/settings (admins only): the site identity that pages, feeds, the sitemap and share cards use.
export async function saveSiteSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(formData.get(field) ?? "")])) as SiteSettingsFormValues;
  try {
    const user = await requireUser();
    const parsed = siteSettingsSchema.safeParse(values);
    if (!parsed.success) return invalidInputState(parsed.error, values);
    if (!canManageSettings(user)) throw new AppError("FORBIDDEN", "Only admins can change the site settings.");
    const { changed } = await updateSiteSettings(user, parsed.data);
    revalidatePublicContent();
    return {
      status: "success",
      message: changed.length ? "Settings saved. Readers see them on their next page." : "Nothing changed: the settings were already like this.",
      values,
    };
  } catch (error) {
    return errorState(error, values);
  }
}
