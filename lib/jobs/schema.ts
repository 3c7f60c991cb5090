import { z } from "zod";

/** A job's life: QUEUED → RUNNING → DONE, or FAILED (waiting to retry) → RUNNING…, or DEAD once its attempts are used up. */
export const JOB_STATES = ["QUEUED", "RUNNING", "FAILED", "DONE", "DEAD"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** The words /admin/jobs uses for each state. */
export const JOB_STATE_LABELS: Record<JobState, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  FAILED: "Failed, will retry",
  DONE: "Done",
  DEAD: "Dead",
};

/** The "Retry now" and "Discard" buttons' form. */
export const jobActionSchema = z.object({ jobId: z.string().trim().min(1).max(100) });
