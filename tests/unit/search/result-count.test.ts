import { describe, expect, it } from "vitest";
import { searchResultsNote, searchResultsStatus } from "@/lib/search/result-count";

describe("searchResultsStatus", () => {
  it("counts exact totals, singular and plural, with the page after the first", () => {
    expect(searchResultsStatus({ total: 0, totalIsCapped: false }, 1)).toBe("Nothing found");
    expect(searchResultsStatus({ total: 1, totalIsCapped: false }, 1)).toBe("1 post found");
    expect(searchResultsStatus({ total: 12, totalIsCapped: false }, 2)).toBe("12 posts found, page 2");
    expect(searchResultsStatus({ total: 1000, totalIsCapped: false }, 1)).toBe("1,000 posts found");
  });

  it('says "more than" when the total was capped, on every page', () => {
    expect(searchResultsStatus({ total: 1000, totalIsCapped: true }, 1)).toBe("More than 1,000 posts found");
    expect(searchResultsStatus({ total: 1000, totalIsCapped: true }, 50)).toBe("More than 1,000 posts found, page 50");
  });
});

describe("searchResultsNote", () => {
  it("explains a capped total and suggests narrowing; says nothing otherwise", () => {
    expect(searchResultsNote({ total: 1000, totalIsCapped: true })).toMatch(/newest 1,000 .* Add a word/);
    expect(searchResultsNote({ total: 1000, totalIsCapped: false })).toBeNull();
    expect(searchResultsNote({ total: 0, totalIsCapped: false })).toBeNull();
  });
});
