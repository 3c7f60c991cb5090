import { z } from "zod";

/** What happens to a post that others may want to hear of (webhooks, WebSub…): each is one `post.event` job. */
export const POST_EVENTS = ["post.published", "post.updated", "post.unpublished", "post.deleted", "post.scheduled"] as const;
export type PostEventName = (typeof POST_EVENTS)[number];

export const postEventSchema = z.object({
  event: z.enum(POST_EVENTS),
  postId: z.string().min(1),
  /** When the change was made (a scheduled publication: when it was scheduled). */
  occurredAt: z.iso.datetime(),
  /** A scheduled post's publication: the publish time it was queued for; the event is stale once the post moved. */
  scheduledFor: z.iso.datetime().optional(),
});
export type PostEvent = z.infer<typeof postEventSchema>;
