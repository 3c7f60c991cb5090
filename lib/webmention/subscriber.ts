import "server-only";
import type { PostEventSubscriber } from "@/lib/events/subscribers";
import { queueWebmention } from "./mutations";

/** A post readers can now see, or one whose edit changed the article it links to, tells that article (when the setting is on). */
export const webmentionSubscriber: PostEventSubscriber = {
  name: "webmention",
  events: ["post.published", "post.updated"],
  async handle(event, _post, context) {
    if (event.event === "post.published") await queueWebmention(event.postId, context.idempotencyKey);
    // An update without `before` (queued by an older version) cannot tell whether the article changed: nothing is sent.
    else if (event.before) await queueWebmention(event.postId, context.idempotencyKey, event.before.externalUrl);
  },
};
