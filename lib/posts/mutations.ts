import "server-only";
import { prisma, startingWith, type DbTransaction, type Prisma } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { canDeletePost, canEditPost, canPublish, canPurgePosts, canRestorePost, canSubmitForReview, canViewPost, type Actor } from "@/lib/auth/permissions";
import { recordSlugChange, releaseSlug } from "@/lib/redirects/mutations";
import { firstFreeSlug } from "@/lib/slug";
import { postSlugBase } from "./rules";
import { ensureTags } from "@/lib/tags/mutations";
import { ensureSource } from "@/lib/sources/mutations";
import { recordAudit, type AuditEntry } from "@/lib/audit/mutations";
import { invalidatePostContent } from "@/lib/cache/public-content";
import { readPostCacheFacts } from "@/lib/cache/queries";
import type { PostCacheFacts } from "@/lib/http/cache-policy";
import { emitPostEvents } from "@/lib/events/mutations";
import { getPostBeforeChange } from "@/lib/events/queries";
import { postEventsForDelete, postEventsForSave } from "@/lib/events/post-events";
import { defineJobKind, noPayload } from "@/lib/jobs/define";
import { canonicalizeUrl } from "./canonical-url";
import { existingPostLink } from "./existing";
import { recordRevisions, type RevisionHow } from "./revisions";
import { deliverReviewNotification, recordReviewStep, type ReviewNotification } from "./review";
import { decideStatus, isPubliclyVisible, notTrashedWhere, trashedWhere, trashExpiredWhere } from "./visibility";
import { TRASH_DAYS, type PostInput, type PostIntent, type PostStatus } from "./schema";

export type SavePostCommand = {
  /** Absent for a new post. */
  postId?: string;
  /** The version the editor's form was loaded from; required when editing. */
  version?: number;
  intent: PostIntent;
  input: PostInput;
  /** How the save arrived, for the post's history: "api" when the actor came through a token, else "form" unless given. */
  how?: RevisionHow;
  /** The author's note to the editors when submitting for review (intent "review"); saved on the post's thread. */
  note?: string;
  /**
   * Facts for the audit entry (a bulk action's change). Plain edits are not logged, but with this given an edit that
   * changes no visibility is logged as "post.edit", so every post a bulk action changes has its entry.
   */
  audit?: Record<string, unknown>;
};

export type SavedPost = {
  id: string;
  slug: string;
  status: PostStatus;
  publishedAt: Date | null;
  version: number;
  /** Whether readers could see the post before or after the save; only then are public pages refreshed. */
  visibleChange: boolean;
  /** The post as readers saw it before and see it after (when they do): what names the cached pages to drop. */
  publicFacts: PostCacheFacts[];
  /** The author's email to send after the save (an editor published or scheduled their post from review). */
  notify: ReviewNotification | null;
};

type ExistingPost = {
  id: string;
  authorId: string | null;
  status: string;
  slug: string;
  version: number;
  publishedAt: Date | null;
  dateText: string | null;
  deletedAt: Date | null;
};

function formatWhen(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

// The form shows dates to the minute; an unchanged field must not cut an imported date's seconds (18:53:48.536).
function keepStoredPrecision(requested: Date | null, stored: Date | null): Date | null {
  if (!requested || !stored) return requested;
  return Math.floor(stored.getTime() / 60_000) * 60_000 === requested.getTime() ? stored : requested;
}

function authorize(actor: Actor, intent: PostIntent, existing: ExistingPost | null) {
  if (existing && !canEditPost(actor, existing))
    throw new AppError(
      "FORBIDDEN",
      existing.status === "IN_REVIEW" && existing.authorId === actor.id
        ? "This post is in review: you can edit it again once an editor returns it to you."
        : "You can only edit your own drafts. Ask an editor to change this post.",
    );
  if (intent === "review") {
    if (!canSubmitForReview(actor, existing))
      throw new AppError("CONFLICT", "Only a draft can be submitted for review. This post is already published or scheduled.");
    return;
  }
  // Back to draft only through "Return to author", whose note tells the author why.
  if (existing?.status === "IN_REVIEW" && (intent === "draft" || intent === "unpublish"))
    throw new AppError("CONFLICT", "This post is in review: return it to its author with a note, or publish or schedule it.");
  if (intent !== "draft" && !canPublish(actor))
    throw new AppError("FORBIDDEN", "Only editors and admins can publish, schedule or unpublish posts. Save it as a draft instead.");
}

async function findDuplicate(tx: DbTransaction, canonicalUrl: string, exceptId?: string) {
  const duplicate = await tx.post.findUnique({
    where: { canonicalUrl },
    select: { id: true, title: true, slug: true, authorId: true, status: true, publishedAt: true },
  });
  return duplicate && duplicate.id !== exceptId ? duplicate : null;
}

type Duplicate = NonNullable<Awaited<ReturnType<typeof findDuplicate>>>;

// What a save and a restore say when another post links the same article.
const DUPLICATE_WORDS = {
  save: {
    unnamed: "This URL is already used by another post. Ask an editor if it should be posted again.",
    named: (title: string) => `A post for this article already exists: “${title}”.`,
  },
  restore: {
    unnamed: "Another post now links the same article, so this one cannot be restored. Ask an editor.",
    named: (title: string) => `Another post now links the same article: “${title}”. Delete it or change its URL, then restore this one.`,
  },
};

// The refusal names the other post only to someone who may open it, and links where they may open it.
function duplicateError(duplicate: Duplicate, actor: Actor, now: Date, doing: keyof typeof DUPLICATE_WORDS = "save") {
  const words = DUPLICATE_WORDS[doing];
  const field = doing === "save" ? { field: "externalUrl" } : {};
  if (!canViewPost(actor, duplicate, now)) return new AppError("CONFLICT", words.unnamed, field);
  const { href, hrefLabel } = existingPostLink(duplicate, actor, now);
  return new AppError("CONFLICT", words.named(duplicate.title), href ? { ...field, href, hrefLabel } : field);
}

async function chooseSlug(tx: DbTransaction, wanted: string, exceptId?: string): Promise<string> {
  const base = wanted;
  const clashes = await tx.post.findMany({
    where: { slug: startingWith(base), ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { slug: true },
  });
  return firstFreeSlug(base, new Set(clashes.map((row) => row.slug)));
}

async function staleVersionError(tx: DbTransaction, postId: string) {
  const current = await tx.post.findUnique({
    where: { id: postId },
    select: { updatedAt: true, version: true, updatedBy: { select: { name: true } } },
  });
  if (!current) return new AppError("NOT_FOUND", "This post has been deleted by someone else.");
  const who = current.updatedBy?.name ?? "someone else";
  return new AppError(
    "CONFLICT",
    `This post was changed by someone else (${who}, ${formatWhen(current.updatedAt)}) after you opened it. Your text is still here: reload the post in another tab, then copy your changes across.`,
    // For the API's 409: the version to send next time and who made it (the form shows the sentence alone).
    { currentVersion: current.version, updatedBy: current.updatedBy?.name ?? null },
  );
}

/** The audit action for a change of visibility (publish, schedule, unpublish); plain edits are not logged. */
function auditedTransition(existing: ExistingPost | null, status: PostStatus, publishedAt: Date | null): AuditEntry["action"] | null {
  const before = existing?.status ?? "DRAFT";
  if (status === "IN_REVIEW" && before !== "IN_REVIEW") return "post.submit";
  if (status === "PUBLISHED" && before !== "PUBLISHED") return "post.publish";
  if (status === "SCHEDULED" && (before !== "SCHEDULED" || existing?.publishedAt?.getTime() !== publishedAt?.getTime())) return "post.schedule";
  if (status === "DRAFT" && before !== "DRAFT") return "post.unpublish";
  return null;
}

async function writePost(tx: DbTransaction, actor: Actor, command: SavePostCommand, now: Date): Promise<SavedPost> {
  const { input, intent } = command;
  const existing: ExistingPost | null = command.postId
    ? await tx.post.findUnique({
        where: { id: command.postId },
        select: { id: true, authorId: true, status: true, slug: true, version: true, publishedAt: true, dateText: true, deletedAt: true },
      })
    : null;
  if (command.postId && !existing) throw new AppError("NOT_FOUND", "This post no longer exists.");
  if (existing?.deletedAt) throw new AppError("NOT_FOUND", "This post is in the trash. Restore it from the trash to edit it.", TRASH_LINK);
  authorize(actor, intent, existing);
  if (existing && command.version !== existing.version) throw await staleVersionError(tx, existing.id);
  const cachedBefore = existing && isPubliclyVisible(existing, now) ? await readPostCacheFacts(tx, existing.id) : null;

  const { status, publishedAt } = decideStatus(intent, keepStoredPrecision(input.publishedAt, existing?.publishedAt ?? null), now);
  const canonicalUrl = canonicalizeUrl(input.externalUrl);
  const duplicate = await findDuplicate(tx, canonicalUrl, existing?.id);
  if (duplicate) throw duplicateError(duplicate, actor, now);

  const slug = await chooseSlug(tx, input.slug || existing?.slug || postSlugBase(input.title, input.externalUrl, publishedAt, now), existing?.id);
  const sourceId = await ensureSource(tx, input.source, input.externalUrl);
  const tagIds = await ensureTags(tx, input.tags);
  const sameInstant = existing?.publishedAt?.getTime() === publishedAt?.getTime();
  const data = {
    title: input.title,
    slug,
    externalUrl: input.externalUrl,
    viaUrl: input.via,
    canonicalUrl,
    sourceId,
    tldr: input.tldr,
    summary: input.summary,
    commentary: input.commentary,
    status,
    publishedAt,
    // The imported date string is kept only while the instant it names is unchanged.
    dateText: sameInstant ? (existing?.dateText ?? null) : null,
    updatedById: actor.id,
  };

  // What readers saw until now, for the events' subscribers (the feeds the post leaves, an article that changed).
  const before = existing && isPubliclyVisible(existing, now) ? await getPostBeforeChange(tx, existing.id) : undefined;
  let id: string;
  let version: number;
  if (existing) {
    // The version in the WHERE clause makes the check and the write one atomic step.
    const { count } = await tx.post.updateMany({
      where: { id: existing.id, version: existing.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw await staleVersionError(tx, existing.id);
    await tx.postTag.deleteMany({ where: { postId: existing.id } });
    id = existing.id;
    version = existing.version + 1;
  } else {
    const created = await tx.post.create({ data: { ...data, authorId: actor.id }, select: { id: true, version: true } });
    id = created.id;
    version = created.version;
  }
  if (tagIds.length) await tx.postTag.createMany({ data: tagIds.map((tagId, position) => ({ postId: id, tagId, position })) });
  // The old address keeps working (301); a new post on an old address takes it over.
  if (existing) await recordSlugChange(tx, "post", id, existing.slug, slug);
  else await releaseSlug(tx, "post", slug);
  await recordRevisions(tx, [id], actor, command.how ?? ("via" in actor ? "api" : "form"));
  const audited = auditedTransition(existing, status, publishedAt) ?? (command.audit ? "post.edit" : null);
  const details = existing?.status === "IN_REVIEW" ? { fromReview: true, ...command.audit } : command.audit;
  if (audited) await recordAudit({ actor, action: audited, target: { type: "post", id, label: input.title }, details }, tx);
  // Every door saves through here, so this is where a post's events (webhooks, WebSub…) are queued, in the same transaction.
  await emitPostEvents(tx, id, postEventsForSave(existing, { status, publishedAt }, now), now, before);
  const post = { id, title: input.title, authorId: existing ? existing.authorId : actor.id };
  const notify = await recordReviewStep(tx, actor, { post, before: existing?.status ?? null, status, note: command.note });
  const after = isPubliclyVisible({ status, publishedAt }, now) ? await readPostCacheFacts(tx, id) : null;
  const publicFacts = [cachedBefore, after].filter((facts): facts is PostCacheFacts => facts !== null);
  return { id, slug, status, publishedAt, version, visibleChange: publicFacts.length > 0, publicFacts, notify };
}

/**
 * Creates or updates a post and applies the intent (save draft, publish, schedule, unpublish) in one transaction.
 * Public pages are refreshed only when readers could see the post before or after: a draft's saves leave the public
 * cache alone (a scheduled post's due time is read by the cache itself).
 */
export async function savePost(actor: Actor, command: SavePostCommand, now = new Date()): Promise<SavedPost> {
  const saved = await writePostOnce(actor, command, now);
  if (saved.visibleChange) await invalidatePostContent(saved.publicFacts);
  if (saved.notify) await deliverReviewNotification(saved.notify);
  return saved;
}

async function writePostOnce(actor: Actor, command: SavePostCommand, now: Date): Promise<SavedPost> {
  try {
    return await prisma.$transaction((tx) => writePost(tx, actor, command, now));
  } catch (error) {
    const target = uniqueViolationTarget(error);
    if (!target) throw error;
    // Another save won a race for the same article or slug between our check and our write.
    if (target.some((field) => field.includes("canonicalUrl"))) {
      const duplicate = await findDuplicate(prisma, canonicalizeUrl(command.input.externalUrl), command.postId);
      if (duplicate) throw duplicateError(duplicate, actor, now);
    }
    if (target.some((field) => field.includes("slug"))) return prisma.$transaction((tx) => writePost(tx, actor, command, now));
    throw error;
  }
}

const TRASH_LINK = { href: "/admin/trash", hrefLabel: "Open the trash" };

/**
 * Moves a post to the trash, where it waits TRASH_DAYS to be restored before it is deleted for good. Every read but
 * the trash's treats it as gone, and it lets go of its canonical URL, so the article may be posted again; it keeps its
 * slug, its tags and its source. Public pages are refreshed when readers could see it.
 */
export async function deletePost(actor: Actor, postId: string, now = new Date()): Promise<{ slug: string }> {
  const deleted = await prisma.$transaction(async (tx) => {
    const post = await tx.post.findFirst({
      where: { id: postId, ...notTrashedWhere },
      select: { authorId: true, status: true, publishedAt: true, slug: true, title: true },
    });
    if (!post) throw new AppError("NOT_FOUND", "This post no longer exists.");
    if (!canDeletePost(actor, post)) throw new AppError("FORBIDDEN", "You can only delete your own drafts.");
    // Only a post still outside the trash: of two deletes at once, the second finds nothing to move.
    const { count } = await tx.post.updateMany({
      where: { id: postId, ...notTrashedWhere },
      data: { deletedAt: now, deletedById: actor.id, canonicalUrl: null },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "This post no longer exists.");
    await recordAudit({ actor, action: "post.delete", target: { type: "post", id: postId, label: post.title }, details: { trashed: true } }, tx);
    await emitPostEvents(tx, postId, postEventsForDelete(post, now), now);
    return { slug: post.slug, shown: isPubliclyVisible(post, now) ? await readPostCacheFacts(tx, postId) : null };
  });
  if (deleted.shown) await invalidatePostContent([deleted.shown]);
  return { slug: deleted.slug };
}

export type RestoredPost = {
  id: string;
  title: string;
  slug: string;
  status: PostStatus;
  publishedAt: Date | null;
  /** Whether readers see it again (public pages were refreshed). */
  visible: boolean;
};

/**
 * Brings a post back from the trash as it was: its status, dates, slug (which it kept), tags and source. Whoever could
 * delete it may (a contributor their own draft). Refused while another post links the same article, since two posts
 * for one article are never allowed.
 */
export async function restorePost(actor: Actor, postId: string, now = new Date()): Promise<RestoredPost> {
  const run = () => prisma.$transaction((tx) => restoreFromTrash(tx, actor, postId, now));
  let restored: RestoredPost & { publicFacts: PostCacheFacts[] };
  try {
    restored = await run();
  } catch (error) {
    // A save claimed the article's URL between our check and our write.
    if (!uniqueViolationTarget(error)) throw error;
    restored = await run();
  }
  const { publicFacts, ...result } = restored;
  if (result.visible) await invalidatePostContent(publicFacts);
  return result;
}

async function restoreFromTrash(tx: DbTransaction, actor: Actor, postId: string, now: Date): Promise<RestoredPost & { publicFacts: PostCacheFacts[] }> {
  const post = await tx.post.findFirst({
    where: { id: postId, ...trashedWhere },
    select: { id: true, title: true, slug: true, externalUrl: true, authorId: true, status: true, publishedAt: true },
  });
  if (!post) throw new AppError("NOT_FOUND", "This post is not in the trash.");
  if (!canRestorePost(actor, post)) throw new AppError("FORBIDDEN", "You can only restore your own drafts. Ask an editor to restore this post.");
  const canonicalUrl = canonicalizeUrl(post.externalUrl);
  const duplicate = await findDuplicate(tx, canonicalUrl);
  if (duplicate) throw duplicateError(duplicate, actor, now, "restore");
  const { count } = await tx.post.updateMany({ where: { id: postId, ...trashedWhere }, data: { deletedAt: null, deletedById: null, canonicalUrl } });
  if (count === 0) throw new AppError("NOT_FOUND", "This post is not in the trash.");
  await recordAudit({ actor, action: "post.restore", target: { type: "post", id: postId, label: post.title } }, tx);
  // Back from the trash, a post readers see again is news again; a scheduled one is queued anew for its date.
  await emitPostEvents(tx, postId, postEventsForSave({ status: "DRAFT", publishedAt: null }, post, now), now);
  const visible = isPubliclyVisible(post, now);
  return {
    id: post.id,
    title: post.title,
    slug: post.slug,
    status: post.status as PostStatus,
    publishedAt: post.publishedAt,
    visible,
    publicFacts: visible ? [(await readPostCacheFacts(tx, postId))!] : [],
  };
}

/** Deletes trashed posts (those `where` picks) for good, one audit entry each. Readers no longer saw them: nothing to refresh. */
async function purgeTrashed(where: Prisma.PostWhereInput, audit: Pick<AuditEntry, "actor" | "automatic" | "details">): Promise<number> {
  return prisma.$transaction(async (tx) => {
    // AND, not a spread: `where` may name deletedAt too (the expiry date).
    const posts = await tx.post.findMany({ where: { AND: [where, trashedWhere] }, select: { id: true, title: true } });
    if (posts.length === 0) return 0;
    await tx.post.deleteMany({ where: { id: { in: posts.map((post) => post.id) }, ...trashedWhere } });
    for (const post of posts) await recordAudit({ ...audit, action: "post.purge", target: { type: "post", id: post.id, label: post.title } }, tx);
    return posts.length;
  });
}

/** Deletes one post in the trash for good: admins only, and only from the trash. */
export async function purgePost(actor: Actor, postId: string): Promise<void> {
  if (!canPurgePosts(actor)) throw new AppError("FORBIDDEN", "Only admins can delete posts for good.");
  if ((await purgeTrashed({ id: postId }, { actor })) === 0) throw new AppError("NOT_FOUND", "This post is not in the trash.");
}

/** Deletes for good the posts trashed more than TRASH_DAYS before `now` (the recurring trashPurgeKind job calls it). */
export async function purgeExpiredTrash(now = new Date()): Promise<number> {
  return purgeTrashed(trashExpiredWhere(now), { actor: null, automatic: "Linkpress", details: { expired: `${TRASH_DAYS} days in the trash` } });
}

/** The background job that empties the trash of expired posts (recurring: see lib/jobs/kinds.ts). */
export const trashPurgeKind = defineJobKind({
  kind: "posts.purge_trash",
  payload: noPayload,
  maxAttempts: 3,
  handle: async () => void (await purgeExpiredTrash()),
});
