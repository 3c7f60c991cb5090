import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fts5MatchQuery, MAX_QUERY_CHARS, searchTerms } from "@/lib/search/terms";

describe("searchTerms", () => {
  it("splits on whitespace and keeps words with a letter or digit", () => {
    expect(searchTerms("  Kubernetes   gateway\tAPI\n")).toEqual(["Kubernetes", "gateway", "API"]);
    expect(searchTerms("* - ( ) \" ' && || ...")).toEqual([]);
    expect(searchTerms("")).toEqual([]);
  });

  it("keeps operators and syntax as plain characters of the words", () => {
    expect(searchTerms('"quoted phrase" -minus NEAR(a b) c++ title:x *')).toEqual(['"quoted', 'phrase"', "-minus", "NEAR(a", "b)", "c++", "title:x"]);
  });

  it("drops control characters and the snippet highlight markers, keeps emoji and right-to-left words", () => {
    expect(searchTerms("a\u0000b \uE000mark\uE001 🚀x שלום")).toEqual(["a", "b", "mark", "🚀x", "שלום"]);
  });

  it("reads at most the first characters and a dozen words of a huge input", () => {
    const words = searchTerms("word ".repeat(1000));
    expect(words).toHaveLength(12);
    expect(searchTerms("x".repeat(5000))[0]).toHaveLength(64);
    expect(searchTerms(`${"a ".repeat(MAX_QUERY_CHARS / 2)}late`)).not.toContain("late");
  });
});

describe("fts5MatchQuery", () => {
  it("quotes every term and doubles quotes inside, so FTS5 reads each as a plain string", () => {
    expect(fts5MatchQuery(["NEAR(a", 'say"hi', "-x", "c*"])).toBe('"NEAR(a" "say""hi" "-x" "c*"');
  });

  it("produces only quoted strings for any input (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), (input) => {
        const query = fts5MatchQuery(searchTerms(input));
        // A sequence of "…" strings separated by single spaces, with quotes inside doubled.
        expect(query).toMatch(/^(?:"(?:[^"]|"")*"(?: "(?:[^"]|"")*")*)?$/);
      }),
      { numRuns: 500 },
    );
  });
});
