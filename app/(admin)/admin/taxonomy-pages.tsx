import { notFound, redirect } from "next/navigation";
import { TaxonomyDetails, type TaxonomyActions } from "@/components/taxonomy/taxonomy-details";
import { TaxonomyList, type TaxonomyListProps, type TaxonomyListRow } from "@/components/taxonomy/taxonomy-list";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import type { Page } from "@/lib/posts/queries";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { TAXONOMY_WORDS, type TaxonomyKind } from "@/lib/taxonomy/kinds";
import { taxonomyListQuerySchema, type TaxonomyListQuery } from "@/lib/taxonomy/schema";

// The two admin pages every kind has, /admin/<kind> and /admin/<kind>/<id>: the same checks, reads and layout.

/** Editors and admins only; others go back to their posts with a notice. */
async function requireTaxonomyPageUser(path: string) {
  const user = await requireAdminPageUser(path);
  if (!canManageTaxonomy(user)) redirect("/admin/posts?denied=1");
}

type ListSpec<Row extends TaxonomyListRow> = Pick<TaxonomyListProps<Row>, "kind" | "ownColumns"> & {
  list: (query: TaxonomyListQuery) => Promise<Page<Row>>;
};

/** The list page of a kind: searched by name (and the kind's own filter), sorted, 50 a page. */
export function taxonomyListPage<Row extends TaxonomyListRow>({ kind, list, ownColumns }: ListSpec<Row>) {
  return async function TaxonomyListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
    await requireTaxonomyPageUser(TAXONOMY_WORDS[kind].adminBase);
    const raw = await searchParams;
    const query = taxonomyListQuerySchema.parse({ q: raw.q, sort: raw.sort, page: raw.page });
    return <TaxonomyList kind={kind} query={query} result={await list(query)} deleted={Boolean(raw.deleted)} ownColumns={ownColumns} />;
  };
}

type DetailRow = TaxonomyListRow & { createdAt: Date; homepage?: string | null };

type DetailSpec<Row extends DetailRow> = {
  kind: TaxonomyKind;
  /** One record with its counts (null when gone), and every name of the kind to pick one to merge into. */
  reads: { get: (id: string) => Promise<Row | null>; names: () => Promise<{ name: string; slug: string }[]> };
  actions: TaxonomyActions;
  /** The kind's own facts (<dt>/<dd> pairs), shown after its public page. */
  ownFacts?: (row: Row) => React.ReactNode;
};

/** The page of one tag or source: its posts, and editing, merging or deleting it. */
export function taxonomyDetailPage<Row extends DetailRow>({ kind, reads, actions, ownFacts }: DetailSpec<Row>) {
  return async function TaxonomyDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ merged?: string }> }) {
    const { id } = await params;
    await requireTaxonomyPageUser(`${TAXONOMY_WORDS[kind].adminBase}/${id}`);
    const [item, all, { merged }, timeZone] = await Promise.all([reads.get(id), reads.names(), searchParams, getSiteTimeZone()]);
    if (!item) notFound();
    return <TaxonomyDetails kind={kind} item={item} names={all} merged={Boolean(merged)} timeZone={timeZone} actions={actions} ownFacts={ownFacts?.(item)} />;
  };
}
