// Post events on the queue: every save, delete and restore queues its events in its own transaction; a scheduled
// post's "published" event runs at its publish time (not before), once, and a re-scheduled or unpublished post's
// earlier event ends quietly. After downtime the due ones run in the order of their times.
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { postEventKind } from "@/lib/events/kind";
import { postEventSchema, type PostEvent } from "@/lib/events/schema";
import { deletePost, restorePost, savePost } from "@/lib/posts/mutations";
import { startJobWorker, type JobWorker } from "@/lib/jobs/worker";
import { createTestUser, describeDatabase, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";
import { waitFor } from "../support/jobs";

// The order in which "published on schedule" entries are written, by post.
const scheduledAudits = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/audit/mutations", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/audit/mutations")>();
  return {
    ...original,
    recordAudit: async (...args: Parameters<typeof original.recordAudit>) => {
      if (args[0].action === "post.publish_on_schedule" && args[0].target?.id) scheduledAudits.push(args[0].target.id);
      return original.recordAudit(...args);
    },
  };
});

const HOUR = 60 * 60 * 1000;
/** A publish time in the future, to the minute (as the form sends it). */
const inHours = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / 60_000) * 60_000);

async function eventsOf(postId: string): Promise<{ id: string; state: string; runAt: Date; event: PostEvent }[]> {
  const jobs = await prisma.job.findMany({ where: { kind: "post.event", payload: { contains: postId } }, orderBy: [{ createdAt: "asc" }, { runAt: "asc" }] });
  return jobs.map((job) => ({ id: job.id, state: job.state, runAt: job.runAt, event: postEventSchema.parse(JSON.parse(job.payload)) }));
}

const scheduleEntries = (postId: string) => prisma.auditLog.findMany({ where: { action: "post.publish_on_schedule", targetId: postId } });

let worker: JobWorker | null = null;
function runEvents() {
  worker = startJobWorker({ kinds: [postEventKind], recurring: [], pollMs: 20, concurrency: 1 });
}

describeDatabase("post events on the job queue", () => {
  let editor: TestUser;
  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });
  afterEach(async () => {
    await worker?.stop(1000);
    worker = null;
    vi.useRealTimers();
  });

  it("queues published, updated, unpublished, deleted and restored events with the change, and none for a refused save", async () => {
    const input = testPostInput("events", "Events");
    const draft = await savePost(editor, { intent: "draft", input });
    expect(await eventsOf(draft.id)).toEqual([]);
    const published = await savePost(editor, { intent: "publish", postId: draft.id, version: draft.version, input });
    const updated = await savePost(editor, {
      intent: "publish",
      postId: draft.id,
      version: published.version,
      input: { ...input, title: `${input.title} again` },
    });
    // A stale save is refused: its transaction, events included, rolls back.
    await expect(savePost(editor, { intent: "unpublish", postId: draft.id, version: draft.version, input })).rejects.toThrow(/changed by someone else/);
    const unpublished = await savePost(editor, { intent: "unpublish", postId: draft.id, version: updated.version, input });
    const republished = await savePost(editor, { intent: "publish", postId: draft.id, version: unpublished.version, input });
    await deletePost(editor, draft.id);
    await restorePost(editor, draft.id);
    const events = await eventsOf(draft.id);
    expect(events.map((entry) => entry.event.event)).toEqual([
      "post.published",
      "post.updated",
      "post.unpublished",
      "post.published",
      "post.deleted",
      "post.published",
    ]);
    expect(republished.version).toBe(5);
    for (const entry of events) expect(entry.event).toMatchObject({ postId: draft.id, occurredAt: expect.any(String) });
  });

  it("fires a scheduled post's published event at its time and not before, once, with an audit entry", async () => {
    const publishAt = inHours(1);
    const post = await savePost(editor, { intent: "schedule", input: { ...testPostInput("events", "Scheduled"), publishedAt: publishAt } });
    const events = await eventsOf(post.id);
    expect(events.map(({ event }) => [event.event, event.scheduledFor ?? null])).toEqual([
      ["post.scheduled", null],
      ["post.published", publishAt.toISOString()],
    ]);
    expect(events[0].runAt.getTime()).toBeLessThanOrEqual(Date.now());
    const published = events[1];
    expect(published.runAt.getTime()).toBe(publishAt.getTime());

    // Before its time the worker runs the "scheduled" event and leaves the "published" one queued.
    runEvents();
    await waitFor(async () => (await eventsOf(post.id))[0].state === "DONE", "the scheduled event");
    expect((await eventsOf(post.id))[1].state).toBe("QUEUED");
    expect(await scheduleEntries(post.id)).toHaveLength(0);
    await worker!.stop(1000);

    // The clock reaches the publish time (no reader visits): the event fires and says so in the audit log.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(publishAt.getTime() + 1000);
    runEvents();
    await waitFor(async () => (await eventsOf(post.id))[1].state === "DONE", "the published event");
    const entries = await scheduleEntries(post.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: null, actorLabel: "Linkpress", details: JSON.stringify({ scheduledFor: publishAt.toISOString() }) });
    // Run again (a worker that died after the entry and before marking the job done): still one entry.
    const context = { jobId: published.id, attempt: 2, idempotencyKey: published.id, signal: new AbortController().signal };
    await postEventKind.handle(published.event, context);
    expect(await scheduleEntries(post.id)).toHaveLength(1);
  });

  it("lets a re-scheduled or unpublished post's earlier event end quietly", async () => {
    const first = inHours(1);
    const second = inHours(2);
    const input = testPostInput("events", "Moved");
    const moved = await savePost(editor, { intent: "schedule", input: { ...input, publishedAt: first } });
    await savePost(editor, { intent: "schedule", postId: moved.id, version: moved.version, input: { ...input, publishedAt: second } });
    const dropped = await savePost(editor, { intent: "schedule", input: { ...testPostInput("events", "Dropped"), publishedAt: first } });
    await savePost(editor, {
      intent: "unpublish",
      postId: dropped.id,
      version: dropped.version,
      input: { ...testPostInput("events", "Dropped"), publishedAt: first },
    });

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(second.getTime() + 1000);
    runEvents();
    await waitFor(async () => (await eventsOf(moved.id)).every((job) => job.state === "DONE"), "the moved post's events");
    await waitFor(async () => (await eventsOf(dropped.id)).every((job) => job.state === "DONE"), "the dropped post's events");
    expect((await scheduleEntries(moved.id)).map((entry) => entry.details)).toEqual([JSON.stringify({ scheduledFor: second.toISOString() })]);
    expect(await scheduleEntries(dropped.id)).toHaveLength(0);
  });

  it("after downtime, fires each due publication once, in the order of their times", async () => {
    const times = [inHours(3), inHours(1), inHours(2)];
    const posts = [];
    for (const at of times) posts.push(await savePost(editor, { intent: "schedule", input: { ...testPostInput("events", "Downtime"), publishedAt: at } }));
    scheduledAudits.length = 0;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(inHours(4).getTime());
    runEvents();
    for (const post of posts) await waitFor(async () => (await eventsOf(post.id)).every((job) => job.state === "DONE"), "the due events");
    const ours = new Set(posts.map((post) => post.id));
    expect(scheduledAudits.filter((id) => ours.has(id))).toEqual([posts[1].id, posts[2].id, posts[0].id]);
    for (const post of posts) expect(await scheduleEntries(post.id)).toHaveLength(1);
  });
});
