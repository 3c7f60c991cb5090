import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { readSiteSettings, readSitemapData } from "@/lib/cache/public-reads";
import { archiveHref } from "@/lib/seo/archive";

// GET /sitemap.xml: the home page, every published post, and the tags, sources and months with published posts,
// each with the date it last changed, on the site's public address.
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const [settings, data] = await Promise.all([readSiteSettings(), readSitemapData()]);
  const url = (path: string) => `${settings.url}${path}`;
  const indexDate = data.lastModified ?? undefined;
  return [
    { url: url("/"), lastModified: indexDate },
    { url: url("/tags"), lastModified: indexDate },
    { url: url("/sources"), lastModified: indexDate },
    { url: url("/archive"), lastModified: indexDate },
    ...data.posts.map((post) => ({ url: url(`/posts/${post.slug}`), lastModified: post.lastModified })),
    ...data.tags.map((tag) => ({ url: url(`/tags/${tag.slug}`), lastModified: tag.lastModified })),
    ...data.sources.map((source) => ({ url: url(`/sources/${source.slug}`), lastModified: source.lastModified })),
    ...data.months.map((month) => ({ url: url(archiveHref(month.year, month.month)), lastModified: month.lastModified })),
  ];
}
