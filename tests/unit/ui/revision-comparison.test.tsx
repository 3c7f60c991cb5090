import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RevisionComparison } from "@/components/posts/revision-comparison";
import { compareRevisions, sameRevisionFields, type RevisionFields } from "@/lib/posts/revision-diff";

const base: RevisionFields = {
  title: "Securing Kubernetes traffic",
  slug: "securing-kubernetes-traffic",
  externalUrl: "https://www.example.org/k8s/",
  viaUrl: null,
  sourceName: "Tigera",
  tags: "kubernetes, security",
  tldr: "Calico adds an ingress gateway.",
  summary: "The article walks through the setup step by step.",
  commentary: "",
  status: "DRAFT",
  publishedAt: null,
};

describe("compareRevisions", () => {
  it("diffs changed fields word by word and reports the others as unchanged", () => {
    const fields = compareRevisions(base, { ...base, summary: "The article walks through the whole setup slowly.", status: "PUBLISHED" }, "UTC");
    const summary = fields.find((field) => field.field === "summary")!;
    expect(summary.changed).toBe(true);
    expect(summary.segments.filter((segment) => segment.kind !== "same")).toEqual([
      { kind: "inserted", text: "whole " },
      { kind: "deleted", text: "step by step" },
      { kind: "inserted", text: "slowly" },
    ]);
    // Each side reads back whole: the old text without the insertions, the new one without the deletions.
    const side = (left: "inserted" | "deleted") => summary.segments.map((segment) => (segment.kind === left ? "" : segment.text)).join("");
    expect(side("inserted")).toBe(base.summary);
    expect(side("deleted")).toBe("The article walks through the whole setup slowly.");
    expect(fields.find((field) => field.field === "status")).toMatchObject({
      changed: true,
      segments: expect.arrayContaining([{ kind: "inserted", text: "published" }]),
    });
    expect(fields.filter((field) => field.changed).map((field) => field.field)).toEqual(["status", "summary"]);
    expect(fields.find((field) => field.field === "title")).toEqual({
      field: "title",
      label: "Title",
      changed: false,
      segments: [{ kind: "same", text: base.title }],
    });
  });

  it("compares dates as instants and absent values as empty text", () => {
    const publishedAt = new Date("2026-05-01T09:30:00Z");
    const fields = compareRevisions(base, { ...base, publishedAt, viaUrl: "https://news.example.com/item" }, "UTC");
    expect(fields.find((field) => field.field === "publishedAt")!.segments).toEqual([{ kind: "inserted", text: expect.stringContaining("09:30") }]);
    expect(fields.find((field) => field.field === "viaUrl")!.segments).toEqual([{ kind: "inserted", text: "https://news.example.com/item" }]);
    expect(sameRevisionFields(base, { ...base })).toBe(true);
    expect(sameRevisionFields({ ...base, publishedAt }, { ...base, publishedAt: new Date(publishedAt) })).toBe(true);
    expect(sameRevisionFields(base, { ...base, publishedAt })).toBe(false);
    expect(sameRevisionFields(base, { ...base, tags: "security, kubernetes" })).toBe(false);
  });
});

describe("RevisionComparison", () => {
  it("announces insertions and deletions in words, not only in colour, and escapes the text", () => {
    const html = renderToStaticMarkup(
      <RevisionComparison fields={compareRevisions(base, { ...base, title: "Securing <script>alert(1)</script> traffic", tldr: "" }, "UTC")} />,
    );
    expect(html).toContain('<del><span class="visually-hidden">deleted: </span>Kubernetes</del>');
    expect(html).toMatch(/<ins><span class="visually-hidden">inserted: <\/span>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/ins>/);
    expect(html).toContain('<del><span class="visually-hidden">deleted: </span>Calico adds an ingress gateway.</del>');
    expect(html).not.toContain("<script>");
    expect(html).toMatch(/Unchanged: External URL, Via, Source, Tags, Status, Publish date, Summary, Commentary, Slug\./);
  });

  it("says so when the two versions are the same", () => {
    expect(renderToStaticMarkup(<RevisionComparison fields={compareRevisions(base, base, "UTC")} />)).toContain("These two versions hold the same text.");
  });
});
