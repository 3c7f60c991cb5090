import "server-only";
// The `post.event` job: the one place where "something happened to a post" reaches the subscribers, at the time it
// is due (a scheduled publication runs at its publish time, even if no reader visits).
import { defineJobKind } from "@/lib/jobs/define";
import { isPubliclyVisible } from "@/lib/posts/visibility";
import { getPostForEvent } from "./queries";
import { postEventSchema } from "./schema";
import { POST_EVENT_SUBSCRIBERS } from "./subscribers";

export const postEventKind = defineJobKind({
  kind: "post.event",
  payload: postEventSchema,
  maxAttempts: 10,
  async handle(event, context) {
    const post = await getPostForEvent(event.postId);
    // A scheduled publication whose post was re-scheduled, unpublished or deleted since: the newer save queued its own.
    if (event.scheduledFor) {
      const due = post !== null && post.publishedAt?.toISOString() === event.scheduledFor && isPubliclyVisible(post, new Date());
      if (!due) return;
    }
    for (const subscriber of POST_EVENT_SUBSCRIBERS) {
      if (subscriber.events.includes(event.event)) await subscriber.handle(event, post, context);
    }
  },
});
