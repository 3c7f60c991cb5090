import "server-only";
import { Prisma, prisma } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";
import { listPublishedPostCardsByIds, type Page, type PublicPostCard } from "@/lib/posts/queries";
import { hasMatch, MARK_END, MARK_START, parseSnippet, type SnippetPart } from "./snippet";
import { fts5MatchQuery, searchTerms } from "./terms";

type SearchHit = PublicPostCard & { snippet: SnippetPart[] };
/**
 * `total` counts the posts that can be paged through. When more posts match than ranking reads (`rankLimit`), it is
 * that limit and `totalIsCapped` is true: the page then says "more than" the total.
 */
export type SearchResults = Page<SearchHit> & { terms: string[]; totalIsCapped: boolean };

type RankedRow = { id: string; key: bigint | number | string; matched: bigint | number };
type SnippetRow = { key: bigint | number | string; tldr: string | null; summary: string | null; commentary: string | null };

/**
 * How many matches ranking reads: the newest this many public posts that match every word. Ranking (bm25, ts_rank)
 * costs time per match, so a word found in nearly every post would otherwise rank them all (about 110 ms for 9,400
 * matches on PostgreSQL). Trade-off: a query with more matches than this is ranked among its newest matches only, so
 * an older post never shows for it, even with the word in its title, until another word narrows the search. Queries
 * with at most this many matches are ranked in full.
 */
export const SEARCH_RANK_LIMIT = 1000;

// The statuses and date that make a post public (lib/posts/visibility.ts), written for raw SQL. The search tables
// carry both, kept by triggers, so ranking never reads the posts themselves.
const PUBLIC_STATUS_LIST = ["PUBLISHED", "SCHEDULED"];
const PUBLIC_STATUSES = Prisma.join(PUBLIC_STATUS_LIST);

// SQLite stores DateTime as ISO text with an explicit offset; the same form compares correctly as text.
const sqliteInstant = (date: Date) => date.toISOString().replace("Z", "+00:00");

// Both rankings take the newest `limit + 1` public matches (the extra one only tells whether there are more), rank the
// newest `limit` of them and count the candidates, so a common word never has all its matches ranked or counted.

// SQLite: the match without bm25() is a cheap walk of the FTS5 index; the newest candidates come from the slim
// visibility table; bm25 (weights per FTS5 column: title, tldr, summary, commentary, tags, source) is then computed
// for the candidates only. "+rowid" keeps FTS5 from running the match again once per candidate, and the scoring runs
// as its own materialized step (bm25() cannot run beside a window function or a join that repeats the match). The
// scored rows find their post through the visibility table's primary key.
const SQLITE_RANKED = (match: string, now: Date, limit: number, perPage: number, offset: number) => Prisma.sql`
  WITH candidates AS MATERIALIZED (
    SELECT d."id" AS key, d."published_at" AS published_at
    FROM "post_search_doc" d
    WHERE d."id" IN (SELECT rowid FROM post_search WHERE post_search MATCH ${match})
      AND d."status" IN (${PUBLIC_STATUSES}) AND d."published_at" <= ${sqliteInstant(now)}
    ORDER BY d."published_at" DESC, d."id" DESC
    LIMIT ${limit + 1}
  ),
  newest AS MATERIALIZED (
    SELECT key FROM candidates ORDER BY published_at DESC, key DESC LIMIT ${limit}
  ),
  scored AS MATERIALIZED (
    SELECT rowid AS key, bm25(post_search, 10.0, 4.0, 2.0, 1.0, 5.0, 3.0) AS score
    FROM post_search WHERE post_search MATCH ${match} AND +rowid IN (SELECT key FROM newest)
  )
  SELECT d."post_id" AS id, s.key AS key, (SELECT count(*) FROM candidates) AS matched
  FROM scored s JOIN "post_search_doc" d ON d."id" = s.key
  ORDER BY s.score, d."published_at" DESC, s.key DESC
  LIMIT ${perPage} OFFSET ${offset}`;

// Snippets only for the page's rows: snippet() needs the match, so it runs as a second, small query.
const SQLITE_SNIPPETS = (match: string, keys: RankedRow["key"][]) => Prisma.sql`
  SELECT rowid AS key,
    snippet(post_search, 1, ${MARK_START}, ${MARK_END}, '…', 30) AS tldr,
    snippet(post_search, 2, ${MARK_START}, ${MARK_END}, '…', 30) AS summary,
    snippet(post_search, 3, ${MARK_START}, ${MARK_END}, '…', 30) AS commentary
  FROM post_search
  WHERE post_search MATCH ${match} AND rowid IN (${Prisma.join(keys.map(Number))})`;

// PostgreSQL: one branch per public status, so each reads the ("status", "published_at") index newest first and,
// when the words are common, stops after `limit + 1` matches, ranking only those; for rarer words the planner takes
// the GIN index instead and ranks their few matches. Rows carry the rank, never the document, so sorting and
// numbering them stays small, and the merge of the branches keeps their order, so the numbering needs no sort.
const POSTGRES_NEWEST_OF_STATUS = (status: string, text: string, now: Date, limit: number) => Prisma.sql`(
    SELECT s."post_id", s."published_at", ts_rank(s."document", plainto_tsquery('english', ${text}), 1) AS score
    FROM "post_search" s
    WHERE s."status" = ${status} AND s."published_at" <= ${now} AND s."document" @@ plainto_tsquery('english', ${text})
    ORDER BY s."published_at" DESC, s."post_id" DESC
    LIMIT ${limit + 1}
  )`;

const POSTGRES_RANKED = (text: string, now: Date, limit: number, perPage: number, offset: number) => Prisma.sql`
  WITH candidates AS MATERIALIZED (
    SELECT u."post_id", u."published_at", u.score,
      row_number() OVER (ORDER BY u."published_at" DESC, u."post_id" DESC) AS position
    FROM (
      ${Prisma.join(
        PUBLIC_STATUS_LIST.map((status) => POSTGRES_NEWEST_OF_STATUS(status, text, now, limit)),
        " UNION ALL ",
      )}
      ORDER BY "published_at" DESC, "post_id" DESC
      LIMIT ${limit + 1}
    ) u
  )
  SELECT c."post_id" AS id, c."post_id" AS key, (SELECT count(*) FROM candidates) AS matched
  FROM candidates c
  WHERE c.position <= ${limit}
  ORDER BY c.score DESC, c."published_at" DESC, c."post_id" DESC
  LIMIT ${perPage} OFFSET ${offset}`;

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
 * the page size. Ranking reads at most the newest `rankLimit` matches (SEARCH_RANK_LIMIT; tests lower it).
 */
export async function searchPublishedPosts(query: string, options: { page: number; perPage: number; now?: Date; rankLimit?: number }): Promise<SearchResults> {
  const terms = searchTerms(query);
  const empty = { items: [], page: options.page, pageCount: 1, total: 0, terms, totalIsCapped: false };
  if (terms.length === 0) return empty;
  const now = options.now ?? new Date();
  const limit = Math.max(1, Math.floor(options.rankLimit ?? SEARCH_RANK_LIMIT));
  const offset = (options.page - 1) * options.perPage;
  // Pages past the ranked matches are empty; asking the database would rank for nothing.
  if (offset >= limit) return empty;
  const sqlite = databaseProvider() === "sqlite";
  const match = sqlite ? fts5MatchQuery(terms) : terms.join(" ");

  const ranked = await prisma.$queryRaw<RankedRow[]>(
    sqlite ? SQLITE_RANKED(match, now, limit, options.perPage, offset) : POSTGRES_RANKED(match, now, limit, options.perPage, offset),
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
  const matched = Number(ranked[0].matched);
  const total = Math.min(matched, limit);
  return {
    items: cards.map(({ id, ...card }) => ({ ...card, snippet: bestSnippet(snippetByKey.get(keyById.get(id) ?? "")) })),
    page: options.page,
    pageCount: Math.max(1, Math.ceil(total / options.perPage)),
    total,
    terms,
    totalIsCapped: matched > limit,
  };
}
