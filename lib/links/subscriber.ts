import "server-only";
import type { PostEventSubscriber } from "@/lib/events/subscribers";
import { enqueueJob } from "@/lib/jobs/mutations";
import { linksArchiveKind } from "./archive";
import { automaticLinkWorkOn } from "./queries";

/**
 * Hears post.published (lib/events/subscribers.ts): a `links.archive` job for the post, once per event; none when the
 * operator turned automatic link work off.
 */
export const linkArchiveSubscriber: PostEventSubscriber = {
  name: "links",
  events: ["post.published"],
  async handle(event, post, context) {
    if (!post || !automaticLinkWorkOn()) return;
    await enqueueJob(linksArchiveKind, { postId: post.id }, { idempotencyKey: context.idempotencyKey });
  },
};
