import "server-only";
import { canPublish, viewablePostWhere, type Actor } from "@/lib/auth/permissions";
import { containsIgnoringCase, prisma, startingWith } from "@/lib/db";
import type { Page } from "@/lib/posts/queries";
import { notTrashedWhere, publicPostWhere } from "@/lib/posts/visibility";
import { taxonomyPage, taxonomyPageArgs, type TaxonomyApiRow } from "@/lib/taxonomy/queries";
import type { TaxonomyListQuery } from "@/lib/taxonomy/schema";

export async function getSourceBySlug(slug: string) {
  return prisma.source.findUnique({ where: { slug }, select: { name: true, slug: true, homepage: true } });
}

/** Every source's name and slug, for the post form's suggestions and the admin filters. */
export async function listSources(): Promise<{ name: string; slug: string }[]> {
  return prisma.source.findMany({ select: { name: true, slug: true }, orderBy: { name: "asc" } });
}

/** The sources a person may know of: all for editors and admins; a contributor's come from published posts and their own. */
function sourcesVisibleTo(actor: Actor, now: Date) {
  return canPublish(actor) ? {} : { posts: { some: viewablePostWhere(actor, now) } };
}

/** The sources a person may know of, for the post form's suggestions and filters. */
export async function listSourcesVisibleTo(actor: Actor, now = new Date()): Promise<{ name: string; slug: string }[]> {
  return prisma.source.findMany({ where: sourcesVisibleTo(actor, now), select: { name: true, slug: true }, orderBy: { name: "asc" } });
}

export type SourceApiRow = TaxonomyApiRow & { homepage: string | null; domain: string | null };

/** A source by id or slug for the API, if the person may know of it (as listSourcesVisibleTo), with the posts they may see. */
export async function getSourceForApi(actor: Actor, idOrSlug: string, now = new Date()): Promise<SourceApiRow | null> {
  const source = await prisma.source.findFirst({
    where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, sourcesVisibleTo(actor, now)] },
    select: {
      id: true,
      name: true,
      slug: true,
      homepage: true,
      domain: true,
      _count: { select: { posts: { where: viewablePostWhere(actor, now) } } },
      posts: { where: publicPostWhere(now), select: { id: true }, take: 1 },
    },
  });
  if (!source) return null;
  const { _count, posts, ...fields } = source;
  return { ...fields, postCount: _count.posts, hasPublicPosts: posts.length > 0 };
}

/** A source as the admin shows it: where it lives, how many posts link to it, and how many of those readers can see. */
export type SourceAdminRow = {
  id: string;
  name: string;
  slug: string;
  homepage: string | null;
  domain: string | null;
  postCount: number;
  publishedCount: number;
};

// Its post count leaves the trash out.
const adminSelect = { id: true, name: true, slug: true, homepage: true, domain: true, _count: { select: { posts: { where: notTrashedWhere } } } } as const;

/** How many public posts each of the given sources has. One query. */
async function publishedCounts(sourceIds: string[], now: Date): Promise<Map<string, number>> {
  if (sourceIds.length === 0) return new Map();
  const groups = await prisma.post.groupBy({ by: ["sourceId"], where: { sourceId: { in: sourceIds }, ...publicPostWhere(now) }, _count: { _all: true } });
  return new Map(groups.map((group) => [group.sourceId ?? "", group._count._all]));
}

type AdminSelected = { id: string; name: string; slug: string; homepage: string | null; domain: string | null; _count: { posts: number } };
const toRow = (row: AdminSelected, published: Map<string, number>): SourceAdminRow => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  homepage: row.homepage,
  domain: row.domain,
  postCount: row._count.posts,
  publishedCount: published.get(row.id) ?? 0,
});

/** One page of sources for /admin/sources, by name (slug order) or by most posts, filtered by name, slug or domain. */
export async function listSourcesForAdmin(query: TaxonomyListQuery, now = new Date()): Promise<Page<SourceAdminRow>> {
  const where = query.q
    ? { OR: [{ name: containsIgnoringCase(query.q) }, { slug: containsIgnoringCase(query.q) }, { domain: containsIgnoringCase(query.q) }] }
    : {};
  const [total, rows] = await Promise.all([
    prisma.source.count({ where }),
    prisma.source.findMany({
      where,
      select: adminSelect,
      ...taxonomyPageArgs(query),
    }),
  ]);
  const published = await publishedCounts(
    rows.map((row) => row.id),
    now,
  );
  return taxonomyPage(
    rows.map((row) => toRow(row, published)),
    query,
    total,
  );
}

/** One source for its admin page, with its post counts; null when it no longer exists. */
export async function getSourceForAdmin(id: string, now = new Date()): Promise<(SourceAdminRow & { createdAt: Date }) | null> {
  const source = await prisma.source.findUnique({ where: { id }, select: { ...adminSelect, createdAt: true } });
  if (!source) return null;
  return { ...toRow(source, await publishedCounts([source.id], now)), createdAt: source.createdAt };
}

const bareHost = (host: string) => host.toLowerCase().replace(/^www\./, "");

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return bareHost(new URL(url).hostname);
  } catch {
    return null;
  }
}

/**
 * The existing source a page belongs to, among those this person may know of: by its site name (any case), by the
 * source's domain or homepage, else the source most posts from this host were filed under ("kubernetes.io" finds the
 * existing "Kubernetes Blog"). Null when none matches, and the form then offers the site name or the host.
 */
export async function findSourceForSite(actor: Actor, site: { name: string | null; host: string }, now = new Date()): Promise<string | null> {
  const host = bareHost(site.host);
  const visible = canPublish(actor) ? {} : { posts: { some: viewablePostWhere(actor, now) } };
  const sources = await prisma.source.findMany({ where: visible, select: { id: true, name: true, domain: true, homepage: true } });
  const wanted = site.name?.trim().toLowerCase();
  const byName = wanted ? sources.find((source) => source.name.toLowerCase() === wanted) : undefined;
  const byDomain = sources.find((source) => (source.domain && bareHost(source.domain) === host) || hostOf(source.homepage) === host);
  if (byName ?? byDomain) return (byName ?? byDomain)!.name;
  const prefixes = ["https://", "http://"].flatMap((scheme) => [`${scheme}${host}/`, `${scheme}www.${host}/`]);
  const counts = await prisma.post.groupBy({
    by: ["sourceId"],
    where: { AND: [viewablePostWhere(actor, now), { sourceId: { not: null } }, { OR: prefixes.map((prefix) => ({ canonicalUrl: startingWith(prefix) })) }] },
    _count: { _all: true },
  });
  const best = counts.sort((a, b) => b._count._all - a._count._all)[0];
  return sources.find((source) => source.id === best?.sourceId)?.name ?? null;
}
