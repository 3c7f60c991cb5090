import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteSettings } from "@/lib/settings/queries";
import { timeZoneNames } from "@/lib/time-zone";
import { saveSiteSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

// GET /admin/settings: the site settings form, for admins only (others are sent back to the posts list).
export default async function SettingsPage() {
  await requireAdminPageUser("/admin/settings", ["ADMIN"]);
  const settings = await getSiteSettings();
  return (
    <>
      <h1 className="page-heading">Site settings</h1>
      <SettingsForm
        initialValues={{
          ...settings,
          postsPerPage: String(settings.postsPerPage),
          revisionsPerPost: String(settings.revisionsPerPost ?? ""),
          websubHubUrl: settings.websubHubUrl ?? "",
          sendWebmentions: settings.sendWebmentions ? "on" : "",
        }}
        timeZones={timeZoneNames()}
        action={saveSiteSettingsAction}
      />
    </>
  );
}
