import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { NEW_POST_PATH } from "@/lib/http/paths";

// /manifest.webmanifest: lets editors install the admin as an app, whose share target ("Share → Linkpress" on Android
// and desktop Chromium) opens the new-post form prefilled, by the same plain-form POST the bookmarklet sends.
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  await connection();
  const settings = await readSiteSettings();
  return {
    name: settings.title,
    short_name: settings.title.slice(0, 12),
    description: settings.description || `Post links to ${settings.title}.`,
    start_url: "/admin",
    scope: "/",
    display: "standalone",
    theme_color: "#0b5cad",
    background_color: "#ffffff",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
    share_target: {
      action: NEW_POST_PATH,
      method: "POST",
      enctype: "application/x-www-form-urlencoded",
      params: { title: "title", text: "selection", url: "url" },
    },
  };
}
