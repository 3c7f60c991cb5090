import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { SITE_VIEWPORT, siteMetadata } from "@/lib/seo/metadata";
import "./globals.css";

// Defaults for every page from the site settings; pages override what is theirs.
export async function generateMetadata(): Promise<Metadata> {
  await connection();
  return siteMetadata(await readSiteSettings());
}

export const viewport: Viewport = SITE_VIEWPORT;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { language } = await readSiteSettings();
  return (
    <html lang={language}>
      <body>{children}</body>
    </html>
  );
}
