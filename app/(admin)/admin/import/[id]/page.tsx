import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { ConfirmImportButtons, ResumeImportButton } from "@/components/import/job-controls";
import { JobProgress } from "@/components/import/job-progress";
import { ReportTable } from "@/components/import/report-table";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { isJobActiveHere } from "@/lib/import/jobs";
import { getImportJob } from "@/lib/import/queries";
import { isJobStalled, isProgressSnapshot, JOB_STATUS_LABELS, type ImportReport } from "@/lib/import/schema";
import { cancelImportAction, confirmImportAction, resumeImportAction } from "../actions";

export const metadata: Metadata = { title: "Import" };

type Props = { params: Promise<{ id: string }> };

function isReport(value: unknown): value is ImportReport {
  return typeof value === "object" && value !== null && "rows" in value && "counts" in value;
}

// GET /admin/import/<id>: one import: its dry run waiting for confirmation, its progress, or its final report.
export default async function ImportJobPage({ params }: Props) {
  const { id } = await params;
  const user = await requireAdminPageUser(`/admin/import/${id}`, ["ADMIN", "EDITOR"]);
  const timeZone = await getSiteTimeZone();
  const job = await getImportJob(id);
  if (!job) notFound();
  const report = isReport(job.report) ? job.report : null;
  const stalled = isJobStalled(job, new Date()) && !isJobActiveHere(job.id);
  const mayControl = job.createdById === user.id || user.role === "ADMIN";
  const options = job.options;

  return (
    <>
      <p>
        <Link href="/admin/import">← All imports</Link>
      </p>
      <h1 className="page-heading">
        Import of {job.fileName ?? "an upload"}
        <small>
          {job.createdBy?.name ?? "Someone"}, {formatDateTime(job.createdAt, timeZone)} · {JOB_STATUS_LABELS[job.status] ?? job.status.toLowerCase()}
          {options &&
            ` · existing posts: ${options.onDuplicate === "update" ? "updated where different" : "left as they are"}${options.asDraft ? " · new posts as drafts" : ""}`}
        </small>
      </h1>

      {(job.status === "CHECKING" || job.status === "RUNNING") &&
        (stalled ? (
          <div className="notice notice--error" role="alert">
            <p>This import stopped without finishing (the server may have restarted). Running it again is safe: files already imported come out unchanged.</p>
            {mayControl && <ResumeImportButton jobId={job.id} status={job.status} action={resumeImportAction} />}
          </div>
        ) : (
          <JobProgress
            label={job.status === "CHECKING" ? "Checking the files (nothing is written yet)" : "Importing"}
            processed={job.processed}
            total={job.total}
          />
        ))}

      {job.status === "RUNNING" && isProgressSnapshot(job.report) && (
        <p className="field__hint">
          So far: {job.report.counts.created} created, {job.report.counts.updated} updated, {job.report.counts.failed} failed.
        </p>
      )}

      {job.status === "PREVIEWED" && report && (
        <>
          <div className="notice notice--success" role="status">
            <p>Dry run finished: nothing has been written yet. Check the table, then start the import.</p>
          </div>
          {mayControl ? (
            <ConfirmImportButtons
              jobId={job.id}
              count={report.counts.created + report.counts.updated}
              actions={{ confirm: confirmImportAction, cancel: cancelImportAction }}
            />
          ) : (
            <p className="field__hint">Only the person who uploaded this import, or an admin, can start it.</p>
          )}
          <ReportTable report={report} />
        </>
      )}

      {job.status === "DONE" && report && (
        <>
          <div className={`notice ${report.counts.failed ? "notice--error" : "notice--success"}`} role="status">
            <p>
              Import finished{job.finishedAt ? ` at ${formatDateTime(job.finishedAt, timeZone)}` : ""}: {report.counts.created} created, {report.counts.updated}{" "}
              updated, {report.counts.unchanged} unchanged, {report.counts.skipped} skipped, {report.counts.failed} failed.
            </p>
          </div>
          <ReportTable report={report} />
        </>
      )}

      {job.status === "FAILED" && (
        <div className="notice notice--error" role="alert">
          <p>{job.report && "error" in job.report ? job.report.error : "The import failed."}</p>
        </div>
      )}
      {job.status === "CANCELLED" && <p className="empty">This import was cancelled; nothing was written.</p>}
      {job.status === "EXPIRED" && (
        <p className="empty">Nobody confirmed this dry run within a day, so the upload was deleted. Upload the files again to import them.</p>
      )}
    </>
  );
}
