import "server-only";
// Who hears of post events: each subscriber runs in the `post.event` job, so it must be idempotent (a job may run
// again after a crash; context.idempotencyKey is stable across runs). Later features (webhooks, WebSub) add
// themselves here, typically by enqueuing their own jobs with keys derived from the event's.
import { recordAudit } from "@/lib/audit/mutations";
import type { JobContext } from "@/lib/jobs/define";
import { getPostForEvent, hasScheduledPublicationEntry } from "./queries";
import type { PostEvent, PostEventName } from "./schema";
import { webhookSubscriber } from "@/lib/webhooks/subscriber";
import { webmentionSubscriber } from "@/lib/webmention/subscriber";
import { websubSubscriber } from "@/lib/websub/subscriber";
import { linkArchiveSubscriber } from "@/lib/links/subscriber";

export type EventPost = NonNullable<Awaited<ReturnType<typeof getPostForEvent>>>;

export type PostEventSubscriber = {
  name: string;
  events: readonly PostEventName[];
  handle(event: PostEvent, post: EventPost | null, context: JobContext): Promise<void>;
};

/** The audit log's "Published on schedule" entry, written by the site itself when a scheduled post goes public. */
const auditScheduledPublication: PostEventSubscriber = {
  name: "audit",
  events: ["post.published"],
  async handle(event, post) {
    if (!event.scheduledFor || !post || (await hasScheduledPublicationEntry(post.id, event.scheduledFor))) return;
    await recordAudit({
      actor: null,
      automatic: "Linkpress",
      action: "post.publish_on_schedule",
      target: { type: "post", id: post.id, label: post.title },
      details: { scheduledFor: event.scheduledFor },
      ip: null,
    });
  },
};

export const POST_EVENT_SUBSCRIBERS: readonly PostEventSubscriber[] = [
  auditScheduledPublication,
  webhookSubscriber,
  websubSubscriber,
  webmentionSubscriber,
  linkArchiveSubscriber,
];
