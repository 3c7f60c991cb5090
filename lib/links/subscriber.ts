import "server-only";
import type { PostEventSubscriber } from "@/lib/events/subscribers";
import { enqueueJob } from "@/lib/jobs/mutations";
import { linksArchiveKind } from "./archive";

/** Hears post.published (lib/events/subscribers.ts): a `links.archive` job for the post, once per event. */
export const linkArchiveSubscriber: PostEventSubscriber = {
  name: "links",
  events: ["post.published"],
  async handle(event, post, context) {
    if (!post) return;
    await enqueueJob(linksArchiveKind, { postId: post.id }, { idempotencyKey: context.idempotencyKey });
  },
};
