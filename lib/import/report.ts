/**
 * Text for the command line: the progress line and the final report. Pure, so it is unit-tested as it prints.
 */
import { DRY_RUN_LABELS, type ImportReport, type OutcomeCounts, type ReportRow } from "./schema";

const number = new Intl.NumberFormat("en-US");

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

export type ProgressFigures = { processed: number; total: number; elapsedMs: number };

/** Rate in files per second and the time left, from what is done so far. */
export function progressFigures({ processed, total, elapsedMs }: ProgressFigures): { rate: number; etaSeconds: number } {
  const rate = elapsedMs > 0 ? (processed * 1000) / elapsedMs : 0;
  return { rate, etaSeconds: rate > 0 ? (total - processed) / rate : Number.POSITIVE_INFINITY };
}

/** `[██████░░░░] 600/1,000  60%  1,234 files/s  ETA 1s` for a terminal of the given width. */
export function progressBar(figures: ProgressFigures, width = 80): string {
  const { rate, etaSeconds } = progressFigures(figures);
  const share = figures.total > 0 ? Math.min(1, figures.processed / figures.total) : 1;
  const tail = ` ${number.format(figures.processed)}/${number.format(figures.total)}  ${Math.floor(share * 100)}%  ${number.format(Math.round(rate))} files/s  ETA ${duration(etaSeconds)}`;
  // Room for the longest tail, so the bar keeps its width while the numbers grow.
  const barWidth = Math.max(10, Math.min(30, width - 60));
  const filled = Math.round(share * barWidth);
  return `[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}]${tail}`;
}

/** The same facts as one plain line, for logs and pipes. */
export function progressLine(figures: ProgressFigures): string {
  const { rate, etaSeconds } = progressFigures(figures);
  const percent = figures.total > 0 ? Math.floor((figures.processed / figures.total) * 100) : 100;
  return `${number.format(figures.processed)} of ${number.format(figures.total)} files (${percent}%), ${number.format(Math.round(rate))} files/s, about ${duration(etaSeconds)} left`;
}

export function countsLine(counts: OutcomeCounts, dryRun: boolean): string {
  const label = (outcome: keyof OutcomeCounts) => (dryRun ? DRY_RUN_LABELS[outcome] : outcome === "skipped" ? "skipped as duplicates" : outcome);
  return (Object.keys(counts) as (keyof OutcomeCounts)[]).map((outcome) => `${number.format(counts[outcome])} ${label(outcome)}`).join(", ");
}

function describeRow(row: ReportRow): string {
  const where = row.line ? `${row.file}, line ${row.line}` : row.file;
  return `  ${where}: ${row.reason ?? row.title ?? ""}`;
}

/** The final report: the counts, then every failed, skipped and updated file with its reason. */
export function formatReport(report: ImportReport): string[] {
  const lines = [`${report.dryRun ? "Dry run (nothing was written): " : ""}${countsLine(report.counts, report.dryRun)}.`];
  const sections: [ReportRow["outcome"], string][] = [
    ["failed", report.dryRun ? "Errors" : "Failed"],
    ["skipped", report.dryRun ? "Duplicates (would be skipped)" : "Skipped as duplicates"],
    ["updated", report.dryRun ? "Would update" : "Updated"],
  ];
  for (const [outcome, heading] of sections) {
    const rows = report.rows.filter((row) => row.outcome === outcome);
    if (rows.length) lines.push("", `${heading} (${number.format(rows.length)}):`, ...rows.map(describeRow));
  }
  const warned = report.rows.filter((row) => row.warnings?.length);
  if (warned.length) {
    lines.push("", `Warnings (${number.format(warned.length)} files):`);
    for (const row of warned) for (const warning of row.warnings ?? []) lines.push(`  ${row.file}: ${warning}`);
  }
  const seconds = report.durationMs / 1000;
  if (report.total > 0 && seconds > 0)
    lines.push("", `${number.format(report.total)} files in ${seconds.toFixed(1)} s (${number.format(Math.round(report.total / seconds))} files/s).`);
  return lines;
}
