import { describe, expect, it } from "vitest";
import { draftStorageKey, draftToOffer, formDataValues, formValuesDiffer, readStoredDraft, storedDraftText, type DraftCopy } from "@/lib/posts/draft";
import { EMPTY_POST_FORM, formRevisionFields } from "@/lib/posts/form-values";
import { LIMITS, postDraftSchema } from "@/lib/posts/schema";

const shown = { ...EMPTY_POST_FORM, title: "A title", externalUrl: "https://example.org/a", summary: "Words." };
const copy = (savedAt: string, values = shown, where: DraftCopy["where"] = "browser"): DraftCopy => ({ values, savedAt, baseVersion: 3, where });

describe("the browser copy's key", () => {
  it("is one per person and post, with one for the person's new post", () => {
    expect(draftStorageKey("user-1", "post-1")).toBe("linkpress:draft:user-1:post-1");
    expect(draftStorageKey("user-1", null)).toBe("linkpress:draft:user-1:new");
    expect(draftStorageKey("user-2", "post-1")).not.toBe(draftStorageKey("user-1", "post-1"));
    expect(draftStorageKey("user-1", "post-2")).not.toBe(draftStorageKey("user-1", "post-1"));
  });
});

describe("difference detection", () => {
  it("sees any field typed differently, and nothing when all are the same", () => {
    expect(formValuesDiffer(shown, { ...shown })).toBe(false);
    for (const field of Object.keys(EMPTY_POST_FORM) as (keyof typeof shown)[])
      expect(formValuesDiffer(shown, { ...shown, [field]: `${shown[field]} ` }), field).toBe(true);
  });

  it("offers the newest copy only when its text differs from what the form shows", () => {
    const older = copy("2026-12-01T10:00:00.000Z", { ...shown, summary: "Older words." }, "server");
    const newer = copy("2026-12-01T10:42:00.000Z", { ...shown, summary: "Newer words." });
    expect(draftToOffer([older, newer], shown)).toBe(newer);
    expect(draftToOffer([newer, older, null], shown)).toBe(newer);
    // The newest copy holds what the form shows: nothing to restore, even if an older copy differs.
    expect(draftToOffer([older, copy("2026-12-01T11:00:00.000Z")], shown)).toBeNull();
    expect(draftToOffer([null, null], shown)).toBeNull();
  });

  it("reads form data field by field, an absent field as empty", () => {
    const data = new FormData();
    data.set("title", "Typed");
    data.set("intent", "draft");
    expect(formDataValues(data)).toEqual({ ...EMPTY_POST_FORM, title: "Typed" });
  });
});

describe("the stored copy", () => {
  it("reads back what was stored", () => {
    const stored = copy("2026-12-01T10:42:00.000Z", shown, "server");
    expect(readStoredDraft(storedDraftText(stored))).toEqual(stored);
  });

  it("is no copy when the text is not one (missing, not JSON, another shape, too long)", () => {
    const valid = JSON.parse(storedDraftText(copy("2026-12-01T10:42:00.000Z"))) as Record<string, unknown>;
    for (const text of [
      null,
      "",
      "{",
      "[]",
      JSON.stringify({ ...valid, savedAt: "yesterday" }),
      JSON.stringify({ ...valid, baseVersion: 0 }),
      JSON.stringify({ ...valid, values: { title: "only a title" } }),
      JSON.stringify({ ...valid, values: { ...shown, commentary: "x".repeat(LIMITS.commentary * 2 + 1) } }),
    ])
      expect(readStoredDraft(text), String(text).slice(0, 40)).toBeNull();
  });
});

describe("the autosave's schema", () => {
  it("keeps half-typed text the form would refuse, within twice each field's limit", () => {
    const halfTyped = { ...EMPTY_POST_FORM, externalUrl: "htt", slug: "Not A Slug", publishedAt: "2026-02-3" };
    expect(postDraftSchema.parse(halfTyped)).toEqual(halfTyped);
    expect(postDraftSchema.safeParse({ ...EMPTY_POST_FORM, title: "t".repeat(LIMITS.title * 2) }).success).toBe(true);
    expect(postDraftSchema.safeParse({ ...EMPTY_POST_FORM, title: "t".repeat(LIMITS.title * 2 + 1) }).success).toBe(false);
    expect(postDraftSchema.safeParse({ ...EMPTY_POST_FORM, tags: 5 }).success).toBe(false);
  });

  it("turns form values into a revision's fields, a date still being typed as no date", () => {
    const fields = formRevisionFields({ ...shown, via: "", source: "The Paper", publishedAt: "2026-05-01T09:30" }, "DRAFT", "UTC");
    expect(fields).toMatchObject({ viaUrl: null, sourceName: "The Paper", status: "DRAFT", publishedAt: new Date("2026-05-01T09:30:00Z") });
    expect(formRevisionFields({ ...shown, publishedAt: "2026-05-0" }, "DRAFT", "UTC").publishedAt).toBeNull();
    // The wall time is read in the site's zone, as the save reads it; an hour the clocks skip is no date.
    expect(formRevisionFields({ ...shown, publishedAt: "2026-05-01T09:30" }, "DRAFT", "Europe/London").publishedAt).toEqual(new Date("2026-05-01T08:30:00Z"));
    expect(formRevisionFields({ ...shown, publishedAt: "2026-03-29T01:30" }, "DRAFT", "Europe/London").publishedAt).toBeNull();
  });
});
