import { describe, expect, it } from "vitest";
import { hasMatch, MARK_END, MARK_START, parseSnippet } from "@/lib/search/snippet";

const mark = (text: string) => `${MARK_START}${text}${MARK_END}`;

describe("parseSnippet", () => {
  it("flags the marked words and keeps the rest as text", () => {
    expect(parseSnippet(`Running ${mark("Kubernetes")} at ${mark("scale")}.`)).toEqual([
      { text: "Running ", marked: false },
      { text: "Kubernetes", marked: true },
      { text: " at ", marked: false },
      { text: "scale", marked: true },
      { text: ".", marked: false },
    ]);
  });

  it("leaves markup in the post's text as text for the page to escape", () => {
    const parts = parseSnippet(`<img src=x onerror=alert(1)> ${mark("<b>bold</b>")} &amp;`);
    expect(parts.map((part) => part.text).join("")).toBe("<img src=x onerror=alert(1)> <b>bold</b> &amp;");
    expect(parts.find((part) => part.marked)?.text).toBe("<b>bold</b>");
  });

  it("removes Markdown link targets, emphasis and heading marks", () => {
    const parts = parseSnippet(`## Intro\n**Calico** [docs](https://docs.example/${mark("gateway")}) and \`code\``);
    expect(parts).toEqual([{ text: "Intro Calico docs and code", marked: false }]);
    expect(hasMatch(parts)).toBe(false);
  });

  it("removes single * and _ emphasis, and keeps a lone * or an _ inside a word", () => {
    const text = (raw: string) =>
      parseSnippet(raw)
        .map((part) => part.text)
        .join("");
    expect(text("an *important* and _quiet_ word")).toBe("an important and quiet word");
    expect(text(`the *${mark("gateway")} API* now`)).toBe("the gateway API now");
    expect(parseSnippet(`the *${mark("gateway")}*`)).toEqual([
      { text: "the ", marked: false },
      { text: "gateway", marked: true },
    ]);
    expect(text("5 * 3 = 15, a footnote* and snake_case_name")).toBe("5 * 3 = 15, a footnote* and snake_case_name");
    expect(text("2*3*4 in a_b_c")).toBe("2*3*4 in a_b_c");
  });

  it("tolerates unbalanced markers", () => {
    expect(parseSnippet(`a ${MARK_END}b ${MARK_START}c`)).toEqual([
      { text: "a b ", marked: false },
      { text: "c", marked: true },
    ]);
    expect(hasMatch(parseSnippet(`x ${mark("y")}`))).toBe(true);
  });
});
