// What a person is told about another post for the same article: the save's refusal and the form's "already posted"
// notice say it the same way, and name the post only to someone who may know it exists (canViewPost).
import { canEditPost, canViewPost, type Actor } from "@/lib/auth/permissions";
import { formatDay } from "@/lib/format";
import { effectiveStatus, isPubliclyVisible } from "./visibility";

export type ExistingPost = {
  id: string;
  title: string;
  slug: string;
  authorId: string | null;
  status: string;
  publishedAt: Date | null;
  authorName?: string | null;
};

/** A notice about an existing post: the sentence, and where the person may open it. */
export type ExistingPostNotice = { message: string; href?: string; hrefLabel?: string };

/** Where this person may open the post: its edit page when they may edit it, else its public page when readers see it. */
export function existingPostLink(post: ExistingPost, actor: Actor, now: Date): Pick<ExistingPostNotice, "href" | "hrefLabel"> {
  if (canEditPost(actor, post)) return { href: `/admin/posts/${post.id}/edit`, hrefLabel: "Open the existing post" };
  if (isPubliclyVisible(post, now)) return { href: `/posts/${post.slug}`, hrefLabel: "Open the published post" };
  return {};
}

/** "Already posted on 3 Jun 2025: “Title”", "Already a draft by Ana: “Title”", or a sentence naming nothing. */
export function describeExistingPost(post: ExistingPost, actor: Actor, now: Date, timeZone: string): ExistingPostNotice {
  if (!canViewPost(actor, post, now)) return { message: "This URL is already used by another post. Ask an editor if it should be posted again." };
  const status = effectiveStatus(post, now);
  const by = post.authorName ? ` by ${post.authorName}` : "";
  const lead =
    status === "PUBLISHED" && post.publishedAt
      ? `Already posted on ${formatDay(post.publishedAt, timeZone)}`
      : status === "SCHEDULED" && post.publishedAt
        ? `Already scheduled for ${formatDay(post.publishedAt, timeZone)}`
        : status === "IN_REVIEW"
          ? `Already in review${by}`
          : `Already a draft${by}`;
  return { message: `${lead}: “${post.title}”.`, ...existingPostLink(post, actor, now) };
}
