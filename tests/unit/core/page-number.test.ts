import { describe, expect, it } from "vitest";
import { parsePageNumber } from "@/lib/page-number";

describe("parsePageNumber", () => {
  it("treats a missing value as page 1", () => {
    expect(parsePageNumber(undefined)).toBe(1);
  });

  it.each([
    ["1", 1],
    ["2", 2],
    ["10", 10],
    ["42", 42],
    ["999999", 999_999],
  ])("reads %j as %i", (value, page) => {
    expect(parsePageNumber(value)).toBe(page);
  });

  it.each([
    [""],
    ["0"],
    ["00"],
    ["01"],
    ["-1"],
    ["+1"],
    ["1.0"],
    ["1.5"],
    ["1e3"],
    ["0x10"],
    [" 1"],
    ["1 "],
    ["1\n"],
    ["abc"],
    ["2abc"],
    ["NaN"],
    ["Infinity"],
    ["１"],
    ["٣"],
    ["1000000"],
    ["99999999999999999999"],
    [["2"]],
    [[]],
    [["1", "2"]],
  ])("refuses %j", (value) => {
    expect(parsePageNumber(value)).toBeNull();
  });
});
