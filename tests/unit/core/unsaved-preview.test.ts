import { describe, expect, it } from "vitest";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { renderUnsavedPost } from "@/lib/previews/unsaved";

const now = new Date("2026-12-03T10:00:00Z");
const form = (overrides: Record<string, string> = {}) => ({
  ...EMPTY_POST_FORM,
  title: "Why SQLite",
  externalUrl: "https://example.org/why-sqlite",
  tldr: "It is enough.",
  ...overrides,
});

describe("the post form's unsaved preview", () => {
  it("renders the typed values as the post's page shows them, dated now when no date is set", () => {
    const result = renderUnsavedPost(
      form({ summary: "Some **bold** words.", commentary: "Mine.", tags: "Databases, SQLite", source: "The Blog", via: "https://news.example/" }),
      "UTC",
      now,
    );
    expect(result).toEqual({
      timeZone: "UTC",
      post: {
        title: "Why SQLite",
        externalUrl: "https://example.org/why-sqlite",
        viaUrl: "https://news.example/",
        tldr: "It is enough.",
        tldrHtml: "<p>It is enough.</p>\n",
        summary: "Some **bold** words.",
        commentary: "Mine.",
        summaryHtml: expect.stringContaining("<strong>bold</strong>"),
        commentaryHtml: expect.stringContaining("Mine."),
        publishedAt: now,
        source: { name: "The Blog", slug: "the-blog" },
        tags: [
          { name: "Databases", slug: "databases" },
          { name: "SQLite", slug: "sqlite" },
        ],
      },
    });
  });

  it("keeps a typed publish date, and markup in the text stays text", () => {
    const result = renderUnsavedPost(
      form({ publishedAt: "2027-01-02T03:04", summary: '<script>alert(1)</script> <img src=x onerror="alert(1)">' }),
      "UTC",
      now,
    );
    if (!("post" in result)) throw new Error("expected a post");
    expect(result.post.publishedAt.toISOString()).toBe("2027-01-02T03:04:00.000Z");
    expect(result.post.summaryHtml).not.toMatch(/<script|<img/);
    expect(result.post.summaryHtml).toContain("&lt;script&gt;");
  });

  it("reads a typed publish date in the site's time zone, as the save does", () => {
    const result = renderUnsavedPost(form({ publishedAt: "2027-07-02T09:30" }), "America/New_York", now);
    if (!("post" in result)) throw new Error("expected a post");
    expect(result.post.publishedAt.toISOString()).toBe("2027-07-02T13:30:00.000Z");
    expect(result.timeZone).toBe("America/New_York");
  });

  it("lists what the form's rules refuse, field by field, instead of a preview", () => {
    const result = renderUnsavedPost(form({ title: "", externalUrl: "javascript:alert(1)", slug: "Not A Slug" }), "UTC", now);
    expect("problems" in result && result.problems.map((problem) => problem.field).sort()).toEqual(["externalUrl", "slug", "title"]);
  });

  it("refuses input that is not the form's strings", () => {
    for (const values of [null, "text", 42, ["a"], { title: 5 }, form({ summary: "x".repeat(200_001) })])
      expect("problems" in renderUnsavedPost(values, "UTC", now)).toBe(true);
  });
});
