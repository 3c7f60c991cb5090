// The Markdown toolbar's edits as pure text transforms: the field's text and selection in, the replacement out. The
// post form applies the replacement as typing would (so undo, autosave and the counters see it); tests need no browser.

export const FORMATS = ["bold", "italic", "link", "quote", "list", "code"] as const;
export type Format = (typeof FORMATS)[number];

/** A text field's value and selection (`start` = `end` for a caret). */
export type TextState = { text: string; start: number; end: number };

/** What a format does: `insert` replaces `from`..`to`; then `text` holds the result and `start`..`end` is selected. */
export type FormatEdit = TextState & { from: number; to: number; insert: string };

/** The words put in, and selected, when there is nothing selected to format. */
const PLACEHOLDERS = { bold: "bold text", italic: "italic text", code: "code", link: "link text" } as const;
const URL_PLACEHOLDER = "https://";

function edit(state: TextState, from: number, to: number, insert: string, start: number, end: number): FormatEdit {
  return { text: state.text.slice(0, from) + insert + state.text.slice(to), from, to, insert, start, end };
}

/** The selection without the spaces a double-click or a drag takes along: `** word **` is not bold. */
function trimmed({ text, start, end }: TextState): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const runBefore = (text: string, at: number, mark: string) => {
  let count = 0;
  while (at - count > 0 && text[at - count - 1] === mark) count++;
  return count;
};
const runAfter = (text: string, at: number, mark: string) => {
  let count = 0;
  while (text[at + count] === mark) count++;
  return count;
};

/**
 * Wraps the selection in `mark` (or puts the placeholder in, selected); toggles off when the selection is already so
 * wrapped, just inside or just outside the marks. `applies(before, after)` tells from the runs of the mark's character
 * on each side whether the mark is there: `**` inside `***` is bold, `*` alone or in `***` is italic.
 */
function wrap(state: TextState, mark: string, placeholder: string, applies: (before: number, after: number) => boolean): FormatEdit {
  const { text } = state;
  const { start, end } = trimmed(state);
  const char = mark[0];
  const size = mark.length;
  // Marks just outside the selection: **[word]**
  if (start < end && applies(runBefore(text, start, char), runAfter(text, end, char))) {
    const inner = text.slice(start, end);
    return edit(state, start - size, end + size, inner, start - size, end - size);
  }
  // Marks selected along with the word: [**word**]
  const selected = text.slice(start, end);
  if (selected.length > 2 * size && applies(runAfter(selected, 0, char), runBefore(selected, selected.length, char))) {
    const inner = selected.slice(size, -size);
    return edit(state, start, end, inner, start, start + inner.length);
  }
  const inner = start < end ? selected : placeholder;
  return edit(state, start, end, mark + inner + mark, start + size, start + size + inner.length);
}

const isBold = (before: number, after: number) => before >= 2 && after >= 2;
const isItalic = (before: number, after: number) => before % 2 === 1 && after % 2 === 1;
const isCode = (before: number, after: number) => before === 1 && after === 1;

/** The start of the line holding `at`, and the end of the line holding `to`. */
function lineBounds(text: string, from: number, to: number): { start: number; end: number } {
  const start = text.lastIndexOf("\n", from - 1) + 1;
  // A selection that ends right after a line break does not take in the next line.
  const last = to > from && text[to - 1] === "\n" ? to - 1 : to;
  const newline = text.indexOf("\n", last);
  return { start, end: newline === -1 ? text.length : newline };
}

/**
 * Prefixes every line the selection touches (blank lines stay blank), or takes the prefix off when every non-blank line
 * has it already. The changed lines are selected afterwards, or the caret goes after the prefix on a blank line.
 */
function prefixLines(state: TextState, prefix: string, present: RegExp): FormatEdit {
  const { start, end } = lineBounds(state.text, state.start, state.end);
  const lines = state.text.slice(start, end).split("\n");
  const written = lines.filter((line) => line.trim());
  if (written.length === 0) return edit(state, start, end, prefix, start + prefix.length, start + prefix.length);
  const off = written.every((line) => present.test(line));
  const insert = lines.map((line) => (!line.trim() ? line : off ? line.replace(present, "") : prefix + line)).join("\n");
  return edit(state, start, end, insert, start, start + insert.length);
}

/** `[text](https://)` with the address selected to type over; a selected address becomes the link's target instead. */
function link(state: TextState): FormatEdit {
  const { start, end } = trimmed(state);
  const selected = state.text.slice(start, end);
  if (/^https?:\/\/\S+$/i.test(selected)) {
    const insert = `[${PLACEHOLDERS.link}](${selected})`;
    return edit(state, start, end, insert, start + 1, start + 1 + PLACEHOLDERS.link.length);
  }
  const label = selected || PLACEHOLDERS.link;
  const insert = `[${label}](${URL_PLACEHOLDER})`;
  const urlStart = start + label.length + 3;
  return edit(state, start, end, insert, urlStart, urlStart + URL_PLACEHOLDER.length);
}

/** Inline code for a part of a line; a selection over several lines becomes a fenced block on lines of its own. */
function code(state: TextState): FormatEdit {
  const { start, end } = trimmed(state);
  const selected = state.text.slice(start, end);
  if (!selected.includes("\n")) return wrap(state, "`", PLACEHOLDERS.code, isCode);
  const before = start > 0 && state.text[start - 1] !== "\n" ? "\n" : "";
  const after = end < state.text.length && state.text[end] !== "\n" ? "\n" : "";
  const open = `${before}\`\`\`\n`;
  return edit(state, start, end, `${open}${selected}\n\`\`\`${after}`, start + open.length, start + open.length + selected.length);
}

/** The edit a toolbar button (or its shortcut) makes to a Markdown field. */
export function formatMarkdown(format: Format, state: TextState): FormatEdit {
  switch (format) {
    case "bold":
      return wrap(state, "**", PLACEHOLDERS.bold, isBold);
    case "italic":
      return wrap(state, "*", PLACEHOLDERS.italic, isItalic);
    case "code":
      return code(state);
    case "link":
      return link(state);
    case "quote":
      return prefixLines(state, "> ", /^> ?/);
    case "list":
      return prefixLines(state, "- ", /^[-*+] /);
  }
}
