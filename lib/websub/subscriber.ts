import "server-only";
import type { PostEventSubscriber } from "@/lib/events/subscribers";
import { queueWebSubPings } from "./mutations";

/** Publishing, changing, unpublishing or deleting a public post changes the feeds that carry it: their hub is told. */
export const websubSubscriber: PostEventSubscriber = {
  name: "websub",
  events: ["post.published", "post.updated", "post.unpublished", "post.deleted"],
  async handle(event, _post, context) {
    await queueWebSubPings(event.postId, context.idempotencyKey, event.before);
  },
};
