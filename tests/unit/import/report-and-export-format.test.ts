import { describe, expect, it } from "vitest";
import { parseLinkPost } from "@/lib/link-format/front-matter";
import {
  exportDateText,
  isoWithOffset,
  isSecretSettingKey,
  toBookmark,
  toContentJson,
  toLinkPostDocument,
  toLinkPostFile,
  type ExportPostRow,
} from "@/lib/export/link-posts";
import { formatReport, progressBar, progressFigures, progressLine } from "@/lib/import/report";
import { emptyCounts, isJobStalled, type ImportReport } from "@/lib/import/schema";

const row = (overrides: Partial<ExportPostRow> = {}): ExportPostRow => ({
  slug: "a-post",
  title: "A post",
  externalUrl: "https://example.com/a",
  viaUrl: null,
  tldr: "Short.",
  summary: "Longer.",
  commentary: "My *take*.",
  kind: "link",
  status: "PUBLISHED",
  publishedAt: new Date("2025-06-17T16:26:04Z"),
  dateText: null,
  extraFields: null,
  createdAt: new Date("2025-06-18T00:00:00Z"),
  source: { name: "Tigera" },
  tags: [{ tag: { name: "tigera" } }, { tag: { name: "a,b" } }],
  ...overrides,
});

describe("export format", () => {
  it("writes ISO 8601 with an offset for posts made in the UI, and the imported string otherwise", () => {
    expect(isoWithOffset(new Date("2025-06-17T16:26:04Z"))).toBe("2025-06-17T16:26:04+00:00");
    expect(isoWithOffset(new Date("2025-06-17T16:26:04.5Z"))).toBe("2025-06-17T16:26:04.500+00:00");
    expect(exportDateText(row())).toBe("2025-06-17T16:26:04+00:00");
    expect(exportDateText(row({ dateText: "2025-06-17T08:26:04-08:00" }))).toBe("2025-06-17T08:26:04-08:00");
    expect(exportDateText(row({ publishedAt: null }))).toBeNull();
  });

  it("writes a file that parses back to the post, commentary after the body line, unknown keys last", () => {
    const file = toLinkPostFile(row({ status: "DRAFT", extraFields: '{"weight":3,"aliases":["/old"],"title":"ignored"}' }));
    expect(file.name).toBe("a-post.md");
    expect(file.data).toContain("---\nOpen the original post ↗ https://example.com/a\n\nMy *take*.\n");
    const parsed = parseLinkPost(file.data);
    expect(parsed.ok && parsed.post).toEqual({
      title: "A post",
      date: "2025-06-17T16:26:04+00:00",
      tags: ["tigera", "a,b"],
      source: "Tigera",
      externalUrl: "https://example.com/a",
      viaUrl: null,
      kind: "link",
      draft: true,
      tldr: "Short.",
      summary: "Longer.",
      commentary: "My *take*.",
      extra: { weight: 3, aliases: ["/old"] },
    });
    expect(Object.keys(toLinkPostDocument(row()).extra)).toEqual([]);
  });

  it("writes via right after external_url, and reads back a via an older import kept among the unknown keys", () => {
    const file = toLinkPostFile(row({ viaUrl: "https://news.ycombinator.com/item?id=1" }));
    expect(file.data).toContain("\nexternal_url: https://example.com/a\nvia: https://news.ycombinator.com/item?id=1\npost_kind: link\n");
    expect(toLinkPostFile(row()).data).not.toMatch(/^via:/m);
    const legacy = toLinkPostDocument(row({ extraFields: '{"via":"https://lobste.rs/s/abc","weight":3}' }));
    expect([legacy.viaUrl, legacy.extra]).toEqual(["https://lobste.rs/s/abc", { weight: 3 }]);
    expect(toLinkPostDocument(row({ viaUrl: "https://example.org/x", extraFields: '{"via":"https://lobste.rs/s/abc"}' })).viaUrl).toBe("https://example.org/x");
    // A kept value the URL rule refuses could not be imported again as via.
    expect(toLinkPostDocument(row({ extraFields: '{"via":"Hacker News"}' })).viaUrl).toBeNull();
  });

  it("makes bookmarks whose tags hold no comma", () => {
    expect(toBookmark(row())).toEqual({
      title: "A post",
      url: "https://example.com/a",
      addDate: new Date("2025-06-17T16:26:04Z"),
      tags: ["tigera", "a b"],
      description: "Longer.",
    });
    expect(toBookmark(row({ publishedAt: null })).addDate).toEqual(new Date("2025-06-18T00:00:00Z"));
  });

  it("keeps credentials out of the JSON export", () => {
    for (const key of ["smtp.password", "smtpPass", "auth.secret", "api_key", "webhookToken", "session.salt"]) expect(isSecretSettingKey(key)).toBe(true);
    for (const key of ["site.title", "setup.completedAt", "site.description"]) expect(isSecretSettingKey(key)).toBe(false);
    const json = JSON.parse(
      toContentJson({
        posts: [{ ...row(), updatedAt: new Date("2025-06-19T00:00:00Z"), author: { name: "Ada" } }],
        tags: [{ name: "tigera", slug: "tigera" }],
        sources: [{ name: "Tigera", slug: "tigera", domain: "www.tigera.io", homepage: "https://www.tigera.io" }],
        settings: [
          { key: "site.title", value: "Links" },
          { key: "smtp.password", value: "hunter2" },
        ],
      }),
    );
    expect(json.settings).toEqual([{ key: "site.title", value: "Links" }]);
    expect(json.posts[0]).toMatchObject({ slug: "a-post", date: "2025-06-17T16:26:04+00:00", source: "Tigera", tags: ["tigera", "a,b"], author: "Ada" });
    expect(json.posts[0].viaUrl).toBeNull();
    expect(JSON.stringify(json)).not.toContain("hunter2");
  });
});

describe("command-line report", () => {
  it("computes rate and time left", () => {
    expect(progressFigures({ processed: 500, total: 1500, elapsedMs: 1000 })).toEqual({ rate: 500, etaSeconds: 2 });
    expect(progressLine({ processed: 500, total: 1500, elapsedMs: 1000 })).toBe("500 of 1,500 files (33%), 500 files/s, about 2s left");
    const bar = progressBar({ processed: 5000, total: 10000, elapsedMs: 4000 }, 100);
    expect(bar).toMatch(/^\[█+░+\] 5,000\/10,000 {2}50% {2}1,250 files\/s {2}ETA 4s$/);
    expect(bar.length).toBeLessThanOrEqual(100);
  });

  it("lists failures with file and line, duplicates and updates after the counts", () => {
    const report: ImportReport = {
      dryRun: false,
      counts: { ...emptyCounts(), created: 2, failed: 1, skipped: 1 },
      total: 4,
      durationMs: 2000,
      rows: [
        { file: "a.md", outcome: "created", title: "A" },
        { file: "b.md", outcome: "failed", reason: "invalid YAML: bad", line: 4 },
        { file: "c.md", outcome: "skipped", reason: "a post for this article already exists" },
        { file: "d.md", outcome: "created", title: "D", warnings: ["line 2: title was read as text '1984'; put it in quotes"] },
      ],
    };
    expect(formatReport(report)).toEqual([
      "2 created, 0 updated, 0 unchanged, 1 skipped as duplicates, 1 failed.",
      "",
      "Failed (1):",
      "  b.md, line 4: invalid YAML: bad",
      "",
      "Skipped as duplicates (1):",
      "  c.md: a post for this article already exists",
      "",
      "Warnings (1 files):",
      "  d.md: line 2: title was read as text '1984'; put it in quotes",
      "",
      "4 files in 2.0 s (2 files/s).",
    ]);
    expect(formatReport({ ...report, dryRun: true })[0]).toBe("Dry run (nothing was written): 2 new, 0 update, 0 unchanged, 1 duplicate, 1 error.");
  });
});

describe("isJobStalled", () => {
  const now = new Date("2026-01-01T00:10:00Z");
  it("tells a job without a heartbeat for two minutes from a live one", () => {
    const snapshot = (at: string) => ({ progress: true, heartbeatAt: at, counts: emptyCounts() });
    expect(isJobStalled({ status: "RUNNING", startedAt: new Date("2026-01-01T00:00:00Z"), report: snapshot("2026-01-01T00:09:30Z") }, now)).toBe(false);
    expect(isJobStalled({ status: "RUNNING", startedAt: new Date("2026-01-01T00:00:00Z"), report: snapshot("2026-01-01T00:07:00Z") }, now)).toBe(true);
    expect(isJobStalled({ status: "CHECKING", startedAt: new Date("2026-01-01T00:09:00Z"), report: null }, now)).toBe(false);
    expect(isJobStalled({ status: "DONE", startedAt: new Date("2026-01-01T00:00:00Z"), report: null }, now)).toBe(false);
  });
});
