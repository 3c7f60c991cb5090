import { describe, expect, it } from "vitest";
import { newToken } from "@/lib/auth/tokens";
import { DEFAULT_PREVIEW_DAYS, PREVIEW_DURATION_CHOICES, createPreviewLinkSchema, isWellFormedPreviewToken, previewPath } from "@/lib/previews/schema";

describe("preview link tokens", () => {
  it("accepts what newToken makes and the path carries it alone", () => {
    const { token } = newToken();
    expect(isWellFormedPreviewToken(token)).toBe(true);
    expect(previewPath(token)).toBe(`/preview/${token}`);
  });

  it.each(["", "abc", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}/`, `${"A".repeat(42)}.`, "../../admin/users", " ".repeat(43)])(
    "refuses %j before any lookup",
    (token) => expect(isWellFormedPreviewToken(token)).toBe(false),
  );
});

describe("making a link", () => {
  it("lasts one of the offered durations, 7 days by default", () => {
    expect(PREVIEW_DURATION_CHOICES).toContain(DEFAULT_PREVIEW_DAYS);
    expect(createPreviewLinkSchema.parse({ postId: "p1", days: "7" })).toEqual({ postId: "p1", days: 7 });
    expect(createPreviewLinkSchema.parse({ postId: "p1", days: "30" }).days).toBe(30);
  });

  it.each(["0", "31", "365", "-1", "7.5", "", "none"])("refuses a duration of %j days", (days) =>
    expect(createPreviewLinkSchema.safeParse({ postId: "p1", days }).success).toBe(false),
  );

  it("refuses a missing or oversized post id", () => {
    expect(createPreviewLinkSchema.safeParse({ postId: "", days: "7" }).success).toBe(false);
    expect(createPreviewLinkSchema.safeParse({ postId: "x".repeat(65), days: "7" }).success).toBe(false);
  });
});
