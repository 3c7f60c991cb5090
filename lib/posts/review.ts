import "server-only";
// The review queue: a contributor submits a draft (through savePost, intent "review"), which locks it for them; an
// editor publishes or schedules it (savePost again) or returns it to its author with a note. Each step leaves a note
// on the post's thread where it has one, a notice and an email for the author when someone else acted, and an audit entry.
import { prisma, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canReviewPosts, canViewPostNotes, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/mutations";
import { reviewMail } from "@/lib/mail/messages";
import { deliverMail } from "@/lib/mail/send";
import { createNotice, type NoticeKind } from "@/lib/notices/notices";
import { site } from "@/lib/settings/defaults";
import { recordRevisions } from "./revisions";
import { notTrashedWhere } from "./visibility";
import type { PostStatus } from "./schema";

type NamedOrNot = Actor & { name?: string | null };

/** The notices a review step leaves its author. */
type ReviewNoticeKind = Exclude<NoticeKind, "WEBHOOK_DISABLED">;

/** What to email a post's author once the step's transaction has committed. */
export type ReviewNotification = { to: string; name: string; kind: ReviewNoticeKind; by: string; title: string; postId: string };

async function nameOf(tx: DbTransaction, actor: NamedOrNot): Promise<string> {
  if (actor.name) return actor.name;
  const user = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  return user?.name ?? "Someone";
}

async function addNote(tx: DbTransaction, actor: NamedOrNot, postId: string, kind: "SUBMIT" | "RETURN", body: string) {
  await tx.postNote.create({ data: { postId, authorId: actor.id, authorLabel: await nameOf(tx, actor), kind, body } });
}

/** The author's notice for a step someone else took, and the email to send; nothing for one's own step. */
async function noticeForAuthor(tx: DbTransaction, actor: NamedOrNot, post: { id: string; title: string; authorId: string | null }, kind: ReviewNoticeKind) {
  if (!post.authorId || post.authorId === actor.id) return null;
  const author = await tx.user.findUnique({ where: { id: post.authorId }, select: { name: true, email: true, isActive: true } });
  if (!author?.isActive) return null;
  const by = await nameOf(tx, actor);
  await createNotice(tx, { userId: post.authorId, postId: post.id, kind, actorLabel: by, postTitle: post.title });
  return { to: author.email, name: author.name, kind, by, title: post.title, postId: post.id } satisfies ReviewNotification;
}

/**
 * The review side of a save, in its transaction (savePost calls it after the post is written): a submission adds the
 * author's note (empty when they wrote none; it dates the submission); publishing or scheduling a post that was in
 * review tells its author. The audit entry is savePost's own (post.submit, post.publish, post.schedule).
 */
export async function recordReviewStep(
  tx: DbTransaction,
  actor: NamedOrNot,
  step: { post: { id: string; title: string; authorId: string | null }; before: string | null; status: PostStatus; note?: string },
): Promise<ReviewNotification | null> {
  if (step.status === "IN_REVIEW" && step.before !== "IN_REVIEW") await addNote(tx, actor, step.post.id, "SUBMIT", step.note ?? "");
  if (step.before === "IN_REVIEW" && (step.status === "PUBLISHED" || step.status === "SCHEDULED")) return noticeForAuthor(tx, actor, step.post, step.status);
  return null;
}

/** Emails the author about a step, when SMTP is configured (never fails the step). */
export async function deliverReviewNotification(notification: ReviewNotification): Promise<boolean> {
  const link = `${site.url}/admin/posts/${notification.postId}/edit`;
  return deliverMail(reviewMail(notification.to, notification.name, { ...notification, link }), "review notice");
}

/**
 * "Return to author": an editor sends a post in review back to DRAFT with a note, which unlocks it for its author.
 * Refused for anyone who may not review, for a post that is not in review, and (with `version`) when the post changed
 * since the editor loaded it.
 */
export async function returnPostToAuthor(
  actor: NamedOrNot,
  command: { postId: string; note: string; version?: number },
): Promise<{ id: string; title: string }> {
  if (!canReviewPosts(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can return a post to its author.");
  const { post, notification } = await prisma.$transaction(async (tx) => {
    const post = await tx.post.findFirst({
      where: { id: command.postId, ...notTrashedWhere },
      select: { id: true, title: true, status: true, authorId: true, version: true },
    });
    if (!post) throw new AppError("NOT_FOUND", "This post no longer exists.");
    if (post.status !== "IN_REVIEW") throw new AppError("CONFLICT", "This post is not in review, so there is nothing to return.");
    const version = command.version ?? post.version;
    // The status and version in the WHERE clause: of a return and a publish at once, only one happens.
    const { count } = await tx.post.updateMany({
      where: { id: post.id, status: "IN_REVIEW", version },
      data: { status: "DRAFT", version: { increment: 1 }, updatedById: actor.id },
    });
    if (count === 0) throw new AppError("CONFLICT", "This post changed after you opened it. Reload it, then return it.");
    await recordRevisions(tx, [post.id], actor, "form");
    await addNote(tx, actor, post.id, "RETURN", command.note);
    await recordAudit({ actor, action: "post.return", target: { type: "post", id: post.id, label: post.title } }, tx);
    return { post, notification: await noticeForAuthor(tx, actor, post, "RETURNED") };
  });
  if (notification) await deliverReviewNotification(notification);
  return { id: post.id, title: post.title };
}

/** A post's review thread, oldest first, for its author and editors (empty for anyone else). */
export async function listPostNotes(actor: Actor, post: { id: string; authorId: string | null; status: string }) {
  if (!canViewPostNotes(actor, post)) return [];
  return prisma.postNote.findMany({
    where: { postId: post.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, body: true, authorLabel: true, createdAt: true },
  });
}

/** The review inbox: posts in review, the longest waiting first, with who submitted them and when. */
export async function listReviewQueue(actor: Actor) {
  if (!canReviewPosts(actor)) return [];
  const posts = await prisma.post.findMany({
    where: { ...notTrashedWhere, status: "IN_REVIEW" },
    select: {
      id: true,
      title: true,
      updatedAt: true,
      author: { select: { name: true } },
      notes: { where: { kind: "SUBMIT" }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  return posts
    .map((post) => ({ id: post.id, title: post.title, author: post.author?.name ?? null, submittedAt: post.notes[0]?.createdAt ?? post.updatedAt }))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

/** How many posts wait in the review inbox (0 for anyone who may not review). */
export async function countPostsInReview(actor: Actor): Promise<number> {
  return canReviewPosts(actor) ? prisma.post.count({ where: { ...notTrashedWhere, status: "IN_REVIEW" } }) : 0;
}
