import { connection } from "next/server";
import { sitemapResponse } from "@/lib/seo/sitemap";

// GET /sitemap/<n>.xml: numbered sitemap n (from 1) of the index at /sitemap.xml; only a site with more than 50,000
// public addresses has them.
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  await connection();
  const file = /^([1-9]\d{0,5})\.xml$/.exec((await params).file);
  if (!file) return new Response("No such sitemap.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return sitemapResponse(request, Number(file[1]));
}
