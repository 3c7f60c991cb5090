import "server-only";
// Every kind of background job, in one list: the worker runs only these. A kind is declared next to its handler
// (defineJobKind in its domain) and listed here; recurring ones are also listed in RECURRING_JOBS.
import { postEventKind } from "@/lib/events/kind";
import { importRunKind } from "@/lib/import/jobs";
import { linksArchiveKind } from "@/lib/links/archive";
import { linksCheckKind } from "@/lib/links/mutations";
import { trashPurgeKind } from "@/lib/posts/mutations";
import { webhookDeliverKind } from "@/lib/webhooks/mutations";
import { webmentionSendKind } from "@/lib/webmention/mutations";
import { websubPingKind } from "@/lib/websub/mutations";
import { refreshQueryStatistics } from "@/lib/db";
import { defineJobKind, noPayload, type JobKind, type RecurringJob } from "./define";
import { pruneFinishedJobs } from "./mutations";

const HOUR_MS = 60 * 60 * 1000;

/** Done and long-dead jobs are deleted (see DONE_JOB_DAYS, DEAD_JOB_DAYS). */
export const pruneJobsKind = defineJobKind({
  kind: "jobs.prune",
  payload: noPayload,
  maxAttempts: 3,
  handle: async () => void (await pruneFinishedJobs()),
});

/** SQLite's planner statistics, hourly (an import can multiply the posts); the first hour's run is due at once. */
export const databaseStatisticsKind = defineJobKind({
  kind: "database.statistics",
  payload: noPayload,
  maxAttempts: 3,
  handle: () => refreshQueryStatistics(),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kinds with different payload types
export const JOB_KINDS: readonly JobKind<any>[] = [
  postEventKind,
  importRunKind,
  trashPurgeKind,
  pruneJobsKind,
  webhookDeliverKind,
  websubPingKind,
  webmentionSendKind,
  linksCheckKind,
  linksArchiveKind,
  databaseStatisticsKind,
];

export const RECURRING_JOBS: readonly RecurringJob[] = [
  { kind: trashPurgeKind, everyMs: HOUR_MS },
  { kind: pruneJobsKind, everyMs: 24 * HOUR_MS },
  { kind: linksCheckKind, everyMs: HOUR_MS },
  { kind: databaseStatisticsKind, everyMs: HOUR_MS },
];
