import { describe, expect, it } from "vitest";
import { bulkSummary, reportOutcomes, type BulkOutcome } from "@/lib/posts/bulk-report";

const done = (n: number): BulkOutcome[] => Array.from({ length: n }, (_, i) => ({ postId: `d${i}`, title: `Done ${i}`, result: "done" }));
const refused = (n: number, reason: string, detail?: string): BulkOutcome[] =>
  Array.from({ length: n }, (_, i) => ({ postId: `r${i}`, title: `Refused ${i}`, result: "refused", reason, detail }));

describe("the bulk action's report", () => {
  it("counts the posts done and refused per reason, in one sentence", () => {
    const report = reportOutcomes("publish", [
      ...done(12),
      ...refused(3, "Only editors and admins can publish, schedule or unpublish posts. Save it as a draft instead."),
    ]);
    expect(bulkSummary(report)).toBe("12 published; 3 refused: Only editors and admins can publish, schedule or unpublish posts. Save it as a draft instead.");
  });

  it("keeps each reason apart, in the order they came up, with the posts each refused and the detail", () => {
    const outcomes: BulkOutcome[] = [
      { postId: "a", title: "A", result: "refused", reason: "This post is in the trash. Restore it from the trash to edit it." },
      { postId: "b", title: "B", result: "unchanged", reason: "it is already published" },
      ...done(2),
      { postId: "c", title: "C", result: "refused", reason: "changed by someone else", detail: "This post was changed by someone else (Ed, …)" },
      { postId: "d", title: "D", result: "refused", reason: "This post is in the trash. Restore it from the trash to edit it." },
    ];
    const report = reportOutcomes("publish", outcomes);
    expect(report.done).toBe(2);
    expect(report.refused).toEqual([
      {
        reason: "This post is in the trash. Restore it from the trash to edit it.",
        count: 2,
        posts: [
          { title: "A", detail: "This post is in the trash. Restore it from the trash to edit it." },
          { title: "D", detail: "This post is in the trash. Restore it from the trash to edit it." },
        ],
      },
      { reason: "changed by someone else", count: 1, posts: [{ title: "C", detail: "This post was changed by someone else (Ed, …)" }] },
    ]);
    expect(bulkSummary(report)).toBe(
      "2 published; 1 unchanged: it is already published; 2 refused: This post is in the trash. Restore it from the trash to edit it; 1 refused: changed by someone else.",
    );
  });

  it.each([
    ["unpublish", "1 unpublished."],
    ["trash", "1 moved to the trash."],
    ["add_tag", "1 tagged."],
    ["remove_tag", "1 untagged."],
    ["set_source", "1 given the source."],
  ] as const)("words %s", (action, sentence) => {
    expect(bulkSummary(reportOutcomes(action, done(1)))).toBe(sentence);
  });

  it("says when nothing was done", () => {
    expect(bulkSummary(reportOutcomes("trash", refused(1, "You can only delete your own drafts.")))).toBe(
      "0 moved to the trash; 1 refused: You can only delete your own drafts.",
    );
  });
});
