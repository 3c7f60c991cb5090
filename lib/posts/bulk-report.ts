// A bulk action's outcomes counted per reason, and said in one sentence: pure, so the wording is unit-tested.
import type { BulkAction } from "./schema";

/** What happened to one post: changed, left as it was (and why), or refused (and why). */
export type BulkResult = { result: "done" } | { result: "unchanged" | "refused"; reason: string; detail?: string };
export type BulkOutcome = { postId: string; title: string } & BulkResult;

/** The outcomes of a bulk action, counted: how many were done, and how many were left or refused for each reason. */
export type BulkReport = {
  action: BulkAction;
  done: number;
  unchanged: { reason: string; count: number }[];
  refused: { reason: string; count: number; posts: { title: string; detail: string }[] }[];
};

function countBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Counts the outcomes per result and reason, in the order the reasons first came up. */
export function reportOutcomes(action: BulkAction, outcomes: BulkOutcome[]): BulkReport {
  const left = outcomes.flatMap((outcome) => (outcome.result === "unchanged" ? [outcome] : []));
  const refused = outcomes.flatMap((outcome) => (outcome.result === "refused" ? [outcome] : []));
  return {
    action,
    done: outcomes.filter((outcome) => outcome.result === "done").length,
    unchanged: [...countBy(left, (outcome) => outcome.reason)].map(([reason, group]) => ({ reason, count: group.length })),
    refused: [...countBy(refused, (outcome) => outcome.reason)].map(([reason, group]) => ({
      reason,
      count: group.length,
      posts: group.map((outcome) => ({ title: outcome.title, detail: outcome.detail ?? outcome.reason })),
    })),
  };
}

const DONE_WORDS: Record<BulkAction, string> = {
  publish: "published",
  unpublish: "unpublished",
  trash: "moved to the trash",
  add_tag: "tagged",
  remove_tag: "untagged",
  set_source: "given the source",
};

// A reason as part of the summary: no closing full stop, since the summary joins several.
const clause = (reason: string) => reason.replace(/\.$/, "");

/** The report in one sentence, per reason: "12 published, 3 refused: Only editors and admins can publish…". */
export function bulkSummary(report: BulkReport): string {
  const parts = [
    `${report.done} ${DONE_WORDS[report.action]}`,
    ...report.unchanged.map((group) => `${group.count} unchanged: ${clause(group.reason)}`),
    ...report.refused.map((group) => `${group.count} refused: ${clause(group.reason)}`),
  ];
  return `${parts.join("; ")}.`;
}
