/** The longest query read; anything after it is ignored (a 5,000-character paste still searches its start). */
export const MAX_QUERY_CHARS = 500;
const MAX_TERMS = 12;
const MAX_TERM_CHARS = 64;

// Control characters, lone surrogates and the private-use characters that mark highlights in snippets.
const UNWANTED = /[\u0000-\u001F\u007F-\u009F\uE000\uE001]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The words of what the reader typed, as plain text: no operator, quote, wildcard or parenthesis keeps any special
 * meaning, so every input is a valid search. Words without a letter or digit are dropped.
 */
export function searchTerms(input: string): string[] {
  return input
    .slice(0, MAX_QUERY_CHARS)
    .replace(UNWANTED, " ")
    .split(/\s+/)
    .filter((word) => HAS_WORD_CHARACTER.test(word))
    .slice(0, MAX_TERMS)
    .map((word) => Array.from(word).slice(0, MAX_TERM_CHARS).join(""));
}

/** An SQLite FTS5 query matching posts that contain every term: each term is one quoted string, so FTS5 syntax in it is text. */
export function fts5MatchQuery(terms: string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(" ");
}
