import { describe, expect, it } from "vitest";
import { formatMarkdown, type Format } from "@/lib/markdown/format-text";

/** Writes a field as `text with [selected] part` (or `|` for a caret) and returns the edit's result the same way. */
function run(format: Format, marked: string): string {
  const caret = marked.indexOf("|");
  const text = caret >= 0 ? marked.replace("|", "") : marked.replace("[", "").replace("]", "");
  const start = caret >= 0 ? caret : marked.indexOf("[");
  const end = caret >= 0 ? caret : marked.indexOf("]") - 1;
  const result = formatMarkdown(format, { text, start, end });
  // The replacement and the whole text agree: the form applies the first, the tests read the second.
  expect(text.slice(0, result.from) + result.insert + text.slice(result.to)).toBe(result.text);
  return result.start === result.end
    ? `${result.text.slice(0, result.start)}|${result.text.slice(result.start)}`
    : `${result.text.slice(0, result.start)}[${result.text.slice(result.start, result.end)}]${result.text.slice(result.end)}`;
}

describe("bold and italic", () => {
  it("wraps the selection and keeps it selected", () => {
    expect(run("bold", "a [word] here")).toBe("a **[word]** here");
    expect(run("italic", "a [word] here")).toBe("a *[word]* here");
  });

  it("leaves the spaces a double-click takes along outside the marks", () => {
    expect(run("bold", "a [word ]here")).toBe("a **[word]** here");
  });

  it("puts a selected placeholder in when nothing is selected", () => {
    expect(run("bold", "a | here")).toBe("a **[bold text]** here");
    expect(run("italic", "|")).toBe("*[italic text]*");
  });

  it("toggles off when already applied, with the marks outside or inside the selection", () => {
    expect(run("bold", "a **[word]** here")).toBe("a [word] here");
    expect(run("bold", "a [**word**] here")).toBe("a [word] here");
    expect(run("italic", "a *[word]* here")).toBe("a [word] here");
    expect(run("italic", "a [*word*] here")).toBe("a [word] here");
  });

  it("tells bold and italic apart, and combines them", () => {
    expect(run("italic", "a **[word]** here")).toBe("a ***[word]*** here");
    expect(run("bold", "a *[word]* here")).toBe("a ***[word]*** here");
    expect(run("italic", "a ***[word]*** here")).toBe("a **[word]** here");
    expect(run("bold", "a ***[word]*** here")).toBe("a *[word]* here");
  });
});

describe("link", () => {
  it("wraps the selection as the link's text and selects the address to type over", () => {
    expect(run("link", "read [this post] now")).toBe("read [this post]([https://]) now");
  });

  it("puts placeholder text in with the address selected when nothing is selected", () => {
    expect(run("link", "see |")).toBe("see [link text]([https://])");
  });

  it("makes a selected address the link's target and selects the text to type", () => {
    expect(run("link", "at [https://example.com/a] ok")).toBe("at [[link text]](https://example.com/a) ok");
  });
});

describe("code", () => {
  it("wraps a part of a line in backticks, and toggles off", () => {
    expect(run("code", "run [npm test] now")).toBe("run `[npm test]` now");
    expect(run("code", "run `[npm test]` now")).toBe("run [npm test] now");
    expect(run("code", "|")).toBe("`[code]`");
  });

  it("fences a selection over several lines on lines of its own", () => {
    expect(run("code", "before [a\nb] after")).toBe("before \n```\n[a\nb]\n```\n after");
    expect(run("code", "[a\nb]")).toBe("```\n[a\nb]\n```");
  });
});

describe("quote and list", () => {
  it("prefixes every line the selection touches, from its start, and selects them", () => {
    expect(run("list", "one\ntw[o\nthr]ee\nfour")).toBe("one\n[- two\n- three]\nfour");
    expect(run("quote", "a wise [word]")).toBe("[> a wise word]");
  });

  it("keeps blank lines blank in a list over several lines", () => {
    expect(run("list", "[milk\n\neggs]")).toBe("[- milk\n\n- eggs]");
  });

  it("does not take in the next line when the selection ends after a line break", () => {
    expect(run("list", "[one\n]two")).toBe("[- one]\ntwo");
  });

  it("toggles off when every line already has the prefix", () => {
    expect(run("list", "[- milk\n* eggs]")).toBe("[milk\neggs]");
    expect(run("quote", "> a [wise] word")).toBe("[a wise word]");
  });

  it("adds the prefix to a mix, rather than taking it off", () => {
    expect(run("list", "[- milk\neggs]")).toBe("[- - milk\n- eggs]");
  });

  it("starts an item with the caret after the prefix on a blank line", () => {
    expect(run("list", "text\n|")).toBe("text\n- |");
    expect(run("quote", "|")).toBe("> |");
  });
});
