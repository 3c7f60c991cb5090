import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { SlugKind } from "./schema";

// Old addresses of posts, tags and sources. A redirect names the record, not its newest slug, so renaming A → B → C
// leaves /A and /B both pointing at the record and answering with C: chains never need rewriting.

/**
 * Records that a record left `oldSlug` for `newSlug`, in the transaction that changes it. The new slug is live again
 * for this kind, so any redirect from it is dropped (a live address always wins over an old one).
 */
export async function recordSlugChange(tx: DbTransaction, kind: SlugKind, targetId: string, oldSlug: string, newSlug: string): Promise<void> {
  if (oldSlug === newSlug) return;
  await releaseSlug(tx, kind, newSlug);
  await tx.slugRedirect.upsert({ where: { kind_oldSlug: { kind, oldSlug } }, create: { kind, oldSlug, targetId }, update: { targetId } });
}

/** Drops the redirects from slugs that records now hold (a new post, tag or source took an old address). */
export async function releaseSlug(tx: DbTransaction, kind: SlugKind, slugs: string | string[]): Promise<void> {
  const oldSlugs = typeof slugs === "string" ? [slugs] : slugs;
  if (oldSlugs.length) await tx.slugRedirect.deleteMany({ where: { kind, oldSlug: { in: oldSlugs } } });
}

/** A tag or source merged into another: its slug and every earlier one now lead to the one kept. */
export async function redirectMergedTerm(tx: DbTransaction, kind: SlugKind, from: { id: string; slug: string }, intoId: string): Promise<void> {
  await tx.slugRedirect.updateMany({ where: { kind, targetId: from.id }, data: { targetId: intoId } });
  await tx.slugRedirect.upsert({
    where: { kind_oldSlug: { kind, oldSlug: from.slug } },
    create: { kind, oldSlug: from.slug, targetId: intoId },
    update: { targetId: intoId },
  });
}
