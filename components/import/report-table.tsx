import Link from "next/link";
import { DRY_RUN_LABELS, OUTCOMES, type ImportReport, type Outcome, type ReportRow } from "@/lib/import/schema";
import { DataTable } from "@/components/ui/data-table";

// Tables beyond this many rows stop being readable; the counts above still cover everything.
const MAX_ROWS = 1000;

const FINAL_LABELS: Record<Outcome, string> = {
  created: "created",
  updated: "updated",
  unchanged: "unchanged",
  skipped: "skipped (duplicate)",
  failed: "failed",
};

// Problems first, then changes, then the rest.
const ORDER: Record<Outcome, number> = { failed: 0, skipped: 1, updated: 2, created: 3, unchanged: 4 };

function Badge({ outcome, dryRun }: { outcome: Outcome; dryRun: boolean }) {
  const label = dryRun ? DRY_RUN_LABELS[outcome] : FINAL_LABELS[outcome];
  const style = outcome === "failed" ? { background: "var(--danger-soft)", color: "var(--danger)" } : undefined;
  const variant = outcome === "unchanged" || outcome === "skipped" ? " status--draft" : "";
  return (
    <span className={`status${variant}`} style={style}>
      {label}
    </span>
  );
}

function Details({ row }: { row: ReportRow }) {
  return (
    <>
      {row.reason && (
        <p style={{ margin: 0 }}>
          {row.line ? `Line ${row.line}: ` : ""}
          {row.reason}
        </p>
      )}
      {row.warnings?.map((warning) => (
        <p key={warning} className="field__hint" style={{ margin: 0 }}>
          Warning: {warning}
        </p>
      ))}
    </>
  );
}

/** The counts of a dry run or a finished import, and a row per file with its outcome and reason. */
export function ReportTable({ report }: { report: ImportReport }) {
  const { dryRun, counts } = report;
  const rows = [...report.rows].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]).slice(0, MAX_ROWS);
  return (
    <>
      <ul
        aria-label={dryRun ? "What the import would do" : "What the import did"}
        style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem 1.5rem", listStyle: "none", padding: 0 }}
      >
        {OUTCOMES.map((outcome) => (
          <li key={outcome}>
            <strong>{counts[outcome].toLocaleString("en-US")}</strong> {dryRun ? DRY_RUN_LABELS[outcome] : FINAL_LABELS[outcome]}
          </li>
        ))}
      </ul>
      {report.rows.length > MAX_ROWS && (
        <p className="field__hint">
          Showing the first {MAX_ROWS.toLocaleString("en-US")} of {report.rows.length.toLocaleString("en-US")} files, problems first.
        </p>
      )}
      <DataTable caption={dryRun ? "Dry run, file by file" : "Import report, file by file"} columns={["File", "Result", "Title", "Details"]}>
        {rows.map((row, index) => (
          <tr key={`${row.file}-${index}`}>
            <td style={{ overflowWrap: "break-word", maxWidth: "18rem" }}>{row.file}</td>
            <td>
              <Badge outcome={row.outcome} dryRun={dryRun} />
            </td>
            <td>{row.postId && !dryRun ? <Link href={`/admin/posts/${row.postId}/edit`}>{row.title}</Link> : (row.title ?? "—")}</td>
            <td>
              <Details row={row} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
