import Link from "next/link";
import type { Metadata } from "next";
import { ImportUploadForm } from "@/components/import/upload-form";
import { requireAdminPageUser } from "@/lib/auth/session";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { listImportJobs } from "@/lib/import/queries";
import { JOB_STATUS_LABELS, UPLOAD_ERRORS, type UploadErrorCode } from "@/lib/import/schema";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Import" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/import: upload files for a dry run, and the history of imports. Editors and admins only.
export default async function ImportPage({ searchParams }: Props) {
  await requireAdminPageUser("/admin/import", ["ADMIN", "EDITOR"]);
  const timeZone = await getSiteTimeZone();
  const params = await searchParams;
  const code = typeof params.error === "string" && Object.hasOwn(UPLOAD_ERRORS, params.error) ? (params.error as UploadErrorCode) : undefined;
  const jobs = await listImportJobs();
  return (
    <>
      <h1 className="page-heading">Import</h1>
      {params.cancelled && (
        <div className="notice notice--success" role="status">
          <p>The import was cancelled; nothing was written.</p>
        </div>
      )}
      <p>
        Upload link posts in the Markdown format Linkpress exports (YAML front matter: title, date, tags, source, external_url…), or a bookmark file from a
        browser, Pinboard, Pocket or linkding. You see what would happen to each file before anything is written. For very large imports use the command line:{" "}
        <code>npm run import -- &lt;folder&gt;</code>.
      </p>
      <ImportUploadForm initialError={code ? UPLOAD_ERRORS[code] : undefined} />

      <h2 style={{ marginTop: "2.5rem" }}>Recent imports</h2>
      {jobs.length === 0 ? (
        <p className="empty">No imports yet.</p>
      ) : (
        <DataTable caption="Recent imports" columns={["Started", "Upload", "By", "Status", "Files"]}>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td>
                <Link href={`/admin/import/${job.id}`}>
                  <time dateTime={job.createdAt.toISOString()}>{formatDateTime(job.createdAt, timeZone)}</time>
                </Link>
              </td>
              <td style={{ overflowWrap: "anywhere" }}>{job.fileName ?? "—"}</td>
              <td>{job.createdBy?.name ?? "—"}</td>
              <td>{JOB_STATUS_LABELS[job.status] ?? job.status.toLowerCase()}</td>
              <td>{job.total.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
