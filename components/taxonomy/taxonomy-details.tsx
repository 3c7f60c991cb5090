import Link from "next/link";
import { DeleteTaxonomyForm } from "@/components/taxonomy/delete-form";
import { MergeForm } from "@/components/taxonomy/merge-form";
import { TaxonomyForm } from "@/components/taxonomy/taxonomy-form";
import type { ActionState } from "@/lib/action-state";
import { formatDateTime } from "@/lib/format";
import { taxonomyLabel } from "@/lib/seo/taxonomy-metadata";
import { TAXONOMY_WORDS, type TaxonomyFormValues, type TaxonomyKind, type TaxonomyWords } from "@/lib/taxonomy/kinds";
import type { MergeValues } from "@/lib/taxonomy/schema";
import type { TaxonomyListRow } from "./taxonomy-list";

type FormAction<V extends Record<string, unknown>> = (state: ActionState<V>, formData: FormData) => Promise<ActionState<V>>;

export type TaxonomyActions = { edit: FormAction<TaxonomyFormValues>; merge: FormAction<MergeValues>; remove: FormAction<Record<string, string>> };

type Props = {
  kind: TaxonomyKind;
  item: TaxonomyListRow & { createdAt: Date; homepage?: string | null };
  /** Every name of this kind, to pick the one to merge into. */
  names: { name: string; slug: string }[];
  /** Just back from a merge into this one (`?merged=1`). */
  merged: boolean;
  /** The site's time zone, for the creation time. */
  timeZone: string;
  actions: TaxonomyActions;
  /** The kind's own facts (<dt>/<dd> pairs), after its public page. */
  ownFacts?: React.ReactNode;
};

const posts = (count: number) => `${count} ${count === 1 ? "post" : "posts"}`;

/** One tag's or source's admin page: its counts and addresses, then editing, merging and deleting it. */
export function TaxonomyDetails({ kind, item, names, merged, timeZone, actions, ownFacts }: Props) {
  const words: TaxonomyWords = TAXONOMY_WORDS[kind];
  const publicPath = `${words.publicBase}/${item.slug}`;
  const target = { noun: words.one, idField: words.idField, id: item.id, name: item.name };
  const stay = item.postCount === 1 ? "stays" : "stay";
  return (
    <>
      <p>
        <Link href={words.adminBase}>← All {words.many}</Link>
      </p>
      <h1 className="page-heading">
        {taxonomyLabel(kind, item.name)}
        <small>
          {publicPath} · {item.publishedCount} published of {posts(item.postCount)}
        </small>
      </h1>
      {merged && (
        <div className="notice notice--success" role="status">
          <p>{words.detail.merged}</p>
        </div>
      )}
      <dl>
        <dt>Public page</dt>
        <dd>{item.publishedCount > 0 ? <a href={publicPath}>{publicPath}</a> : words.detail.noPublicPage}</dd>
        {ownFacts}
        <dt>Posts</dt>
        <dd>
          <Link href={`/admin/posts?${words.postsParam}=${encodeURIComponent(item.slug)}`}>
            All {posts(item.postCount)} {words.detail.allPosts}
          </Link>
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(item.createdAt, timeZone)}</dd>
      </dl>
      <section aria-labelledby={`${words.editVerb}-heading`}>
        <h2 id={`${words.editVerb}-heading`}>{words.detail.editHeading}</h2>
        <TaxonomyForm
          kind={kind}
          id={item.id}
          initialValues={Object.fromEntries(words.fields.map((field) => [field, item[field] ?? ""])) as TaxonomyFormValues}
          action={actions.edit}
        />
      </section>
      <section aria-labelledby="merge-heading">
        <h2 id="merge-heading">Merge into another {words.one}</h2>
        <p>{words.detail.mergeWhen}</p>
        <MergeForm
          {...target}
          explanation={`Its ${posts(item.postCount)} ${words.detail.mergeMoves(item.postCount)} Then “${item.name}” is deleted and ${publicPath} shows “not found”. This cannot be undone.`}
          suggestions={names.filter((other) => other.slug !== item.slug).map((other) => other.name)}
          action={actions.merge}
        />
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        <DeleteTaxonomyForm
          {...target}
          explanation={`Delete “${item.name}” for good? Its ${posts(item.postCount)} ${stay} on the site ${words.detail.deleteKeeps}, and ${publicPath} shows “not found”. This cannot be undone. ${words.detail.deleteAdvice}`}
          action={actions.remove}
        />
      </section>
    </>
  );
}
