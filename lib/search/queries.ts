import "server-only";
import { Prisma, prisma } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";
import { listPublishedPostCardsByIds, type Page, type PublicPostCard } from "@/lib/posts/queries";
import { hasMatch, MARK_END, MARK_START, parseSnippet, type SnippetPart } from "./snippet";
import { fts5MatchQuery, searchTerms } from "./terms";

export type SearchHit = PublicPostCard & { snippet: SnippetPart[] };
export type SearchResults = Page<SearchHit> & { terms: string[] };

type RankedRow = { id: string; key: bigint | number | string; total: bigint | number };
type SnippetRow = { key: bigint | number | string; tldr: string | null; summary: string | null; commentary: string | null };

// The statuses and date that make a post public (lib/posts/visibility.ts), written for raw SQL. The search tables
// carry both, kept by triggers, so ranking never reads the posts themselves.
const PUBLIC_STATUSES = Prisma.join(["PUBLISHED", "SCHEDULED"]);

// SQLite stores DateTime as ISO text with an explicit offset; the same form compares correctly as text.
const sqliteInstant = (date: Date) => date.toISOString().replace("Z", "+00:00");

// bm25 weights per FTS5 column: title, tldr, summary, commentary, tags, source. The match is ranked in its own,
// materialized step: bm25() cannot run beside a window function, and the planner would otherwise repeat the match
// for every candidate row.
const SQLITE_RANKED = (match: string, now: Date, limit: number, offset: number) => Prisma.sql`
  WITH matched AS MATERIALIZED (
    SELECT rowid AS key, bm25(post_search, 10.0, 4.0, 2.0, 1.0, 5.0, 3.0) AS score FROM post_search WHERE post_search MATCH ${match}
  )
  SELECT d."post_id" AS id, matched.key AS key, count(*) OVER () AS total
  FROM matched JOIN "post_search_doc" d ON d."id" = matched.key
  WHERE d."status" IN (${PUBLIC_STATUSES}) AND d."published_at" <= ${sqliteInstant(now)}
  ORDER BY matched.score, d."published_at" DESC
  LIMIT ${limit} OFFSET ${offset}`;

// Snippets only for the page's rows: snippet() needs the match, so it runs as a second, small query.
const SQLITE_SNIPPETS = (match: string, keys: RankedRow["key"][]) => Prisma.sql`
  SELECT rowid AS key,
    snippet(post_search, 1, ${MARK_START}, ${MARK_END}, '…', 30) AS tldr,
    snippet(post_search, 2, ${MARK_START}, ${MARK_END}, '…', 30) AS summary,
    snippet(post_search, 3, ${MARK_START}, ${MARK_END}, '…', 30) AS commentary
  FROM post_search
  WHERE post_search MATCH ${match} AND rowid IN (${Prisma.join(keys.map(Number))})`;

const POSTGRES_RANKED = (text: string, now: Date, limit: number, offset: number) => Prisma.sql`
  SELECT s."post_id" AS id, s."post_id" AS key, count(*) OVER () AS total
  FROM "post_search" s CROSS JOIN plainto_tsquery('english', ${text}) q
  WHERE s."document" @@ q AND s."status" IN (${PUBLIC_STATUSES}) AND s."published_at" <= ${now}
  ORDER BY ts_rank(s."document", q, 1) DESC, s."published_at" DESC
  LIMIT ${limit} OFFSET ${offset}`;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const POSTGRES_SNIPPETS = (text: string, ids: string[]) => Prisma.sql`
  SELECT p."id" AS key,
    ts_headline('english', p."tldr", q, ${HEADLINE_OPTIONS}) AS tldr,
    ts_headline('english', p."summary", q, ${HEADLINE_OPTIONS}) AS summary,
    ts_headline('english', p."commentary", q, ${HEADLINE_OPTIONS}) AS commentary
  FROM "Post" p CROSS JOIN plainto_tsquery('english', ${text}) q
  WHERE p."id" IN (${Prisma.join(ids)})`;

// The first text field that shows a matched word; else the TL;DR (the match was in the title, tags or source).
function bestSnippet(row: SnippetRow | undefined): SnippetPart[] {
  const candidates = [row?.tldr, row?.summary, row?.commentary].map((text) => parseSnippet(text ?? ""));
  return candidates.find(hasMatch) ?? candidates.find((parts) => parts.length > 0) ?? [];
}

/**
 * Published posts matching every word of the query, best match first, with a highlighted snippet each. Whatever
 * the input, this returns results or none; it never passes the reader's syntax to the database. A few queries, whatever
 * the page size.
 */
export async function searchPublishedPosts(query: string, options: { page: number; perPage: number; now?: Date }): Promise<SearchResults> {
  const terms = searchTerms(query);
  const empty = { items: [], page: options.page, pageCount: 1, total: 0, terms };
  if (terms.length === 0) return empty;
  const now = options.now ?? new Date();
  const offset = (options.page - 1) * options.perPage;
  const sqlite = databaseProvider() === "sqlite";
  const match = sqlite ? fts5MatchQuery(terms) : terms.join(" ");

  const ranked = await prisma.$queryRaw<RankedRow[]>(
    sqlite ? SQLITE_RANKED(match, now, options.perPage, offset) : POSTGRES_RANKED(match, now, options.perPage, offset),
  );
  if (ranked.length === 0) return empty;
  const [snippets, cards] = await Promise.all([
    prisma.$queryRaw<SnippetRow[]>(
      sqlite
        ? SQLITE_SNIPPETS(
            match,
            ranked.map((row) => row.key),
          )
        : POSTGRES_SNIPPETS(
            match,
            ranked.map((row) => row.id),
          ),
    ),
    listPublishedPostCardsByIds(
      ranked.map((row) => row.id),
      now,
    ),
  ]);
  const snippetByKey = new Map(snippets.map((row) => [String(row.key), row]));
  const keyById = new Map(ranked.map((row) => [row.id, String(row.key)]));
  const total = Number(ranked[0].total);
  return {
    items: cards.map(({ id, ...card }) => ({ ...card, snippet: bestSnippet(snippetByKey.get(keyById.get(id) ?? "")) })),
    page: options.page,
    pageCount: Math.max(1, Math.ceil(total / options.perPage)),
    total,
    terms,
  };
}
