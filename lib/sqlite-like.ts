import { LRUCache } from "lru-cache";

// Prisma writes `contains`, `startsWith` and `endsWith` as LIKE without an ESCAPE clause. SQLite's own LIKE then reads
// every `_` and `%` in a search as a wildcard, with no way to escape them, and ignores case for ASCII letters only
// ("émile" misses "Émile"). Linkpress gives each SQLite connection this like() instead, which SQLite's LIKE operator
// calls: `\` escapes the next character, as in PostgreSQL (see containsIgnoringCase in lib/db.ts), and case is
// ignored in every script, as PostgreSQL's ILIKE does.

const compiled = new LRUCache<string, RegExp>({ max: 500 });

/** A LIKE pattern as an anchored, case-insensitive RegExp: `%` any run, `_` one character, `escape` quoting the next. */
function likeRegExp(pattern: string, escape: string): RegExp {
  const key = `${escape}\u0000${pattern}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  let source = "";
  let escaping = false;
  for (const character of pattern) {
    if (escaping || (character !== escape && character !== "%" && character !== "_")) source += character.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    else if (character === "%") source += "[^]*";
    else if (character === "_") source += "[^]";
    escaping = !escaping && character === escape;
  }
  const regExp = new RegExp(`^${source}$`, "iu");
  compiled.set(key, regExp);
  return regExp;
}

/** SQLite's like(pattern, value[, escape]): 1 when `value` matches, 0 when not, null when either is null. */
export function sqliteLike(pattern: unknown, value: unknown, escape: unknown = "\\"): number | null {
  if (pattern === null || value === null || pattern === undefined || value === undefined) return null;
  return likeRegExp(String(pattern), String(escape)).test(String(value)) ? 1 : 0;
}
