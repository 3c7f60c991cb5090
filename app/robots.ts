import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { readSiteSettings } from "@/lib/cache/public-reads";

// GET /robots.txt: everything public may be crawled; the admin, sign-in and search result pages are left out.
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  const settings = await readSiteSettings();
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api/", "/login", "/setup", "/search"] },
    sitemap: `${settings.url}/sitemap.xml`,
  };
}
