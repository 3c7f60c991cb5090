import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sqliteLike } from "@/lib/sqlite-like";

// The like() every SQLite connection gets (lib/sqlite-adapter.ts): SQLite's LIKE operator with PostgreSQL's reading
// of `\` and case ignored in every script. The admin searches rely on it through containsIgnoringCase (lib/db.ts).
describe("sqliteLike", () => {
  it("reads % as any run of characters and _ as exactly one", () => {
    expect(sqliteLike("%case%", "snake_case here")).toBe(1);
    expect(sqliteLike("a_c", "abc")).toBe(1);
    expect(sqliteLike("a_c", "ac")).toBe(0);
    expect(sqliteLike("a%", "a")).toBe(1);
    expect(sqliteLike("a%", "ba")).toBe(0);
    expect(sqliteLike("%", "")).toBe(1);
  });

  it("takes an escaped \\%, \\_ or \\\\ as the character itself", () => {
    expect(sqliteLike("%snake\\_case%", "a snake_case name")).toBe(1);
    expect(sqliteLike("%snake\\_case%", "a snakexcase name")).toBe(0);
    expect(sqliteLike("%100\\%%", "100% sure")).toBe(1);
    expect(sqliteLike("%100\\%%", "1000 sure")).toBe(0);
    expect(sqliteLike("%a\\\\b%", "a\\b")).toBe(1);
    expect(sqliteLike("%a\\\\b%", "a/b")).toBe(0);
  });

  it("uses the ESCAPE character it is given instead of \\", () => {
    expect(sqliteLike("a!_c", "a_c", "!")).toBe(1);
    expect(sqliteLike("a!_c", "abc", "!")).toBe(0);
    expect(sqliteLike("a\\c", "a\\c", "!")).toBe(1);
  });

  it("ignores case in every script, and one _ is one character however it is encoded", () => {
    expect(sqliteLike("%émile%", "Chez ÉMILE")).toBe(1);
    expect(sqliteLike("%ΑΘΗΝΑ%", "αθηνα")).toBe(1);
    expect(sqliteLike("_", "😀")).toBe(1);
  });

  it("takes RegExp syntax in a pattern as plain text", () => {
    expect(sqliteLike("%(a+)+$.*[x]{2}|/-%", "(a+)+$.*[x]{2}|/-")).toBe(1);
    expect(sqliteLike("a.c", "abc")).toBe(0);
  });

  it("answers null when the pattern or the value is null (SQL's rule), and reads numbers as text", () => {
    expect(sqliteLike(null, "x")).toBeNull();
    expect(sqliteLike("%", null)).toBeNull();
    expect(sqliteLike("1_3", 123n)).toBe(1);
  });

  it("matches an escaped phrase wherever the text contains it, and nowhere else", () => {
    const alphabet = fc.constantFrom("a", "B", "_", "%", "\\", ".", "*", "é", "É", " ");
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 6 }), fc.string({ unit: alphabet, maxLength: 12 }), (phrase, text) => {
        const pattern = `%${phrase.replace(/[\\%_]/g, "\\$&")}%`;
        expect(sqliteLike(pattern, text)).toBe(text.toLowerCase().includes(phrase.toLowerCase()) ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });
});
