/** Where the database marks a matched word in a snippet (private-use characters, removed from queries). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type SnippetPart = { text: string; marked: boolean };

// One `*` or `_` on each side of a run, as Markdown reads emphasis: against the text inside, and not inside a word on
// the outside (so "5 * 3" and snake_case keep theirs).
const SINGLE_EMPHASIS = /(^|[^\p{L}\p{N}*_])([*_])(?=[^\s*_])([^\n]*?[^\s*_])\2(?![\p{L}\p{N}*_])/gu;

// Snippets come from the stored Markdown: link targets, emphasis markers and heading hashes are noise to a reader.
function withoutMarkdownSyntax(text: string): string {
  return text
    .replace(/\]\([^)\s]*\)/g, "]")
    .replace(/!?\[([^\]]*)\]/g, "$1")
    .replace(/(\*\*|__|`+|~~)/g, "")
    .replace(SINGLE_EMPHASIS, "$1$3")
    .replace(/(^|\n)\s{0,3}(#{1,6}|>)\s+/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A snippet as plain-text parts, the matched words flagged. Components render the parts as text, with <mark> around
 * the flagged ones, so nothing in a post's text can become markup. Unbalanced markers are tolerated.
 */
export function parseSnippet(raw: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of withoutMarkdownSyntax(raw).split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) marked = true;
    else if (piece === MARK_END) marked = false;
    else if (piece) {
      const last = parts[parts.length - 1];
      if (last && last.marked === marked) last.text += piece;
      else parts.push({ text: piece, marked });
    }
  }
  return parts;
}

/** True when the snippet shows at least one matched word. */
export function hasMatch(parts: SnippetPart[]): boolean {
  return parts.some((part) => part.marked);
}
