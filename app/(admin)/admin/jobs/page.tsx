import type { Metadata } from "next";
import { JobButtons } from "@/components/admin/job-actions";
import { DataTable } from "@/components/ui/data-table";
import { FormNotice } from "@/components/ui/form-notice";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { countJobsByKind, listJobsInState, type JobListItem } from "@/lib/jobs/queries";
import { JOB_STATE_LABELS, type JobState } from "@/lib/jobs/schema";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { discardJobAction, retryJobAction } from "./actions";

export const metadata: Metadata = { title: "Background jobs" };

const COUNTED: JobState[] = ["QUEUED", "RUNNING", "FAILED", "DEAD", "DONE"];

// Each list: its heading, and what the time column means for it.
const LISTS: { state: JobState; heading: string; when: string }[] = [
  { state: "FAILED", heading: "Failed, waiting to retry", when: "Next try" },
  { state: "DEAD", heading: "Dead (attempts used up)", when: "Last change" },
  { state: "QUEUED", heading: "Queued", when: "Runs at" },
  { state: "RUNNING", heading: "Running", when: "Lease until" },
];

const LIST_SIZE = 50;
const DONE_MESSAGES: Record<string, string> = { retried: "The job is queued to run again now.", discarded: "The job is discarded." };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const jobLabel = (job: JobListItem) => `${job.kind} job ${job.id}`;

// GET /admin/jobs: the background queue for admins: counts per kind and state, the jobs that need a look, retry and discard.
export default async function JobsPage({ searchParams }: Props) {
  await requireAdminPageUser("/admin/jobs", ["ADMIN"]);
  const { done } = await searchParams;
  const doneMessage = typeof done === "string" ? DONE_MESSAGES[done] : undefined;
  const [counts, timeZone, ...lists] = await Promise.all([
    countJobsByKind(),
    getSiteTimeZone(),
    ...LISTS.map(({ state }) => listJobsInState(state, LIST_SIZE)),
  ]);
  const actions = { retry: retryJobAction, discard: discardJobAction };
  const when = (job: JobListItem) => (job.state === "RUNNING" ? job.leaseExpiresAt : job.state === "DEAD" ? job.updatedAt : job.runAt);
  return (
    <>
      <h1 className="page-heading">Background jobs</h1>
      {doneMessage && <FormNotice state={{ status: "success", message: doneMessage }} />}
      <p className="field__hint">
        Imports, scheduled publications, post events and clean-ups run here, in every app instance. A failed job is tried again after a growing pause; once its
        attempts are used up it is dead until you retry or discard it.
        {process.env.JOBS_WORKER === "off" ? " This instance runs no jobs itself (JOBS_WORKER=off)." : ""}
      </p>
      <h2>Jobs by kind</h2>
      {counts.length === 0 ? (
        <p className="empty">No jobs yet.</p>
      ) : (
        <DataTable caption="Jobs by kind and state" columns={["Kind", ...COUNTED.map((state) => JOB_STATE_LABELS[state])]}>
          {counts.map(({ kind, counts: byState }) => (
            <tr key={kind}>
              <th scope="row">{kind}</th>
              {COUNTED.map((state) => (
                <td key={state}>{byState[state]}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
      {LISTS.map(({ state, heading, when: whenLabel }, index) => (
        <section key={state} aria-labelledby={`jobs-${state}`}>
          <h2 id={`jobs-${state}`}>{heading}</h2>
          {lists[index].length === 0 ? (
            <p className="empty">None.</p>
          ) : (
            <DataTable caption={`${heading}: jobs`} columns={["Job", "Attempts", whenLabel, "Last error", "Actions"]}>
              {lists[index].map((job) => {
                const at = when(job);
                return (
                  <tr key={job.id}>
                    <td>
                      {job.kind}
                      <br />
                      <small>{job.id}</small>
                    </td>
                    <td>
                      {job.attempts} of {job.maxAttempts}
                    </td>
                    <td>{at ? <time dateTime={at.toISOString()}>{formatDateTime(at, timeZone)}</time> : "—"}</td>
                    <td>{job.lastError ?? "—"}</td>
                    <td>
                      {job.state === "RUNNING" ? (
                        "—"
                      ) : (
                        <JobButtons jobId={job.id} label={jobLabel(job)} canRetry={job.state === "FAILED" || job.state === "DEAD"} actions={actions} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
          {lists[index].length === LIST_SIZE && <p className="field__hint">The first {LIST_SIZE} are shown.</p>}
        </section>
      ))}
    </>
  );
}
