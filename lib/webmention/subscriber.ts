import "server-only";
import type { PostEventSubscriber } from "@/lib/events/subscribers";
import { queueWebmention } from "./mutations";

/**
 * A post readers can now see tells the article it links to (when the setting is on). Only on publication: the event
 * does not say whether an update changed the article's URL.
 */
export const webmentionSubscriber: PostEventSubscriber = {
  name: "webmention",
  events: ["post.published"],
  async handle(event, _post, context) {
    await queueWebmention(event.postId, context.idempotencyKey);
  },
};
