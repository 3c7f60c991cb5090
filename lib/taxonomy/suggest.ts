import { slugify } from "@/lib/slug";

// Pure matching for the tag and source pickers (client and server): no imports beyond the slug rule.

/** The keys a name is found by: its lower-cased name and its slug ("Kubernetes" and "kubernetes", "C++" and "c"). */
function keysOf(text: string): string[] {
  const name = text.trim().toLowerCase().replace(/\s+/g, " ");
  const slug = slugify(text);
  return slug && slug !== name ? [name, slug] : [name];
}

/** Edits (insert, delete, replace, swap two neighbours) between two short strings: optimal string alignment distance. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

// How many typos a query of this length may hold: none below four letters (too many short names would match).
function typoAllowance(length: number): number {
  return length < 4 ? 0 : length < 7 ? 1 : 2;
}

/** How well a key matches the query, lower is better, or null: exact, prefix, word prefix, substring, then a typo. */
function rank(key: string, query: string): number | null {
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  if (key.split(/[\s-]+/).some((word) => word.startsWith(query))) return 2;
  if (key.includes(query)) return 3;
  const allowance = typoAllowance(query.length);
  if (allowance === 0) return null;
  // A typo in the whole name ("kubernets"), or, with one typo less, in the part typed so far ("kubrenet"), so that
  // the list still narrows as more is typed.
  const whole = editDistance(query, key);
  if (whole <= allowance) return 3 + whole;
  const partial = editDistance(query, key.slice(0, query.length));
  return partial < allowance ? 4 + partial : null;
}

/** The existing name the text names exactly (by name or slug, case aside), if any. */
export function findExact(text: string, names: readonly string[]): string | undefined {
  const query = keysOf(text);
  if (!query[0]) return undefined;
  return names.find((name) => keysOf(name).some((key) => query.includes(key)));
}

/**
 * Existing names for what is typed, best first: exact, then prefix, word prefix and substring matches by name or slug,
 * then names one or two typos away. An empty query lists every name. Names in `exclude` (already chosen) are left out.
 */
export function suggestNames(text: string, names: readonly string[], exclude: readonly string[] = [], limit = 8): string[] {
  const chosen = new Set(exclude.map((name) => name.toLowerCase()));
  const open = names.filter((name) => !chosen.has(name.toLowerCase()));
  const queries = keysOf(text).filter(Boolean);
  if (queries.length === 0) return open.slice(0, limit);
  return open
    .map((name, order) => {
      const ranks = keysOf(name).flatMap((key) => queries.map((query) => rank(key, query)));
      const best = Math.min(...ranks.filter((value): value is number => value !== null));
      return { name, order, best };
    })
    .filter((match) => Number.isFinite(match.best))
    .sort((a, b) => a.best - b.best || a.order - b.order)
    .slice(0, limit)
    .map((match) => match.name);
}
