import { connection } from "next/server";
import { sitemapResponse } from "@/lib/seo/sitemap";

// GET /sitemap.xml: every public address with the date it last changed, on the site's public address; past 50,000
// addresses, the index of the numbered sitemaps at /sitemap/<n>.xml.
export async function GET(request: Request) {
  // Read at request time, never prerendered at build: the database decides what is listed.
  await connection();
  return sitemapResponse(request, null);
}
