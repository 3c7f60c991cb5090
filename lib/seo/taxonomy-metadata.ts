import type { Metadata } from "next";
import { readSiteSettings, readTaxonomyEntity } from "@/lib/cache/public-reads";
import { parsePageNumber } from "@/lib/page-number";
import { pageMetadata } from "./metadata";

/** How a tag or source is named in headings, titles and feed names: "#kubernetes", "CNCF". */
export function taxonomyLabel(kind: "tag" | "source", name: string): string {
  return kind === "tag" ? `#${name}` : name;
}

/** The metadata of a tag's or source's listing page, advertising its own feeds beside the site's. */
export async function taxonomyMetadata(kind: "tag" | "source", slug: string, page: string | string[] | undefined): Promise<Metadata> {
  const [settings, entity] = await Promise.all([readSiteSettings(), readTaxonomyEntity(kind, slug)]);
  if (!entity) return { title: "Not found", robots: { index: false } };
  const pageNumber = parsePageNumber(page) ?? 1;
  const label = taxonomyLabel(kind, entity.name);
  const path = `/${kind === "tag" ? "tags" : "sources"}/${entity.slug}${pageNumber > 1 ? `?page=${pageNumber}` : ""}`;
  return pageMetadata(settings, {
    title: pageNumber > 1 ? `${label}, page ${pageNumber}` : label,
    description: kind === "tag" ? `Links tagged #${entity.name} on ${settings.title}.` : `Links to articles from ${entity.name} on ${settings.title}.`,
    path,
    feed: { scope: { kind, slug: entity.slug }, title: `${settings.title}: ${label}` },
  });
}

/** The metadata of the /tags or /sources index. */
export async function taxonomyIndexMetadata(kind: "tag" | "source"): Promise<Metadata> {
  const settings = await readSiteSettings();
  return kind === "tag"
    ? pageMetadata(settings, { title: "Tags", description: `Every topic on ${settings.title}, with how many links each has.`, path: "/tags" })
    : pageMetadata(settings, { title: "Sources", description: `The publications ${settings.title} links to, with how many links each has.`, path: "/sources" });
}
