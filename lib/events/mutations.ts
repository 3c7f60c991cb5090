import "server-only";
import type { DbTransaction } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/mutations";
import { postEventKind } from "./kind";
import type { PendingPostEvent } from "./post-events";
import type { PostBeforeEvent } from "./schema";

/**
 * Queues a post's events in the caller's transaction (an outbox: they exist only if the change commits). A scheduled
 * publication is keyed by post and time, so saving the same schedule twice queues it once. `before` (what readers saw
 * until this change) goes with the events that happen now.
 */
export async function emitPostEvents(tx: DbTransaction, postId: string, events: PendingPostEvent[], now: Date, before?: PostBeforeEvent): Promise<void> {
  for (const { event, at } of events) {
    const scheduledFor = at?.toISOString();
    await enqueueJob(
      postEventKind,
      { event, postId, occurredAt: now.toISOString(), ...(scheduledFor ? { scheduledFor } : before ? { before } : {}) },
      { tx, ...(at ? { runAt: at, idempotencyKey: `${postId}@${scheduledFor}` } : {}) },
    );
  }
}
