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
  /**
   * A save's events: the post as readers saw it before the change (its article and the feeds that carried it), so
   * subscribers can tell the feeds it left and whether its article changed. Absent when readers did not see it.
   */
  before: z.object({ externalUrl: z.string(), tagSlugs: z.array(z.string()), sourceSlug: z.string().nullable() }).optional(),
});
export type PostEvent = z.infer<typeof postEventSchema>;
export type PostBeforeEvent = NonNullable<PostEvent["before"]>;
