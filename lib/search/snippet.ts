/** Where the database marks a matched word in a snippet (private-use characters, removed from queries). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type SnippetPart = { text: string; marked: boolean };

// Snippets come from the stored Markdown: link targets, emphasis markers and heading hashes are noise to a reader.
function withoutMarkdownSyntax(text: string): string {
  return text
    .replace(/\]\([^)\s]*\)/g, "]")
    .replace(/!?\[([^\]]*)\]/g, "$1")
    .replace(/(\*\*|__|`+|~~)/g, "")
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
