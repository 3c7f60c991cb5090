import "server-only";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, databaseUrl } from "@/lib/database-url";
import { LinkpressSqliteAdapter } from "@/lib/sqlite-adapter";
import { metrics } from "@/lib/observability/metrics";

// Both clients are generated side by side and chosen by DATABASE_URL at run time, so one build serves either
// database. The app codes against the SQLite client's type: the models are identical and use portable types only.
const SECRET_COLUMNS = { user: { passwordHash: true, totpSecret: true }, webhook: { secret: true, previousSecret: true } } as const;

/** A client of its own for the given database: the app uses `prisma`; backups and restores open a second connection. */
export function createDatabaseClient(url = databaseUrl()) {
  const client =
    databaseProvider(url) === "postgresql"
      ? (new PostgresClient({
          adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE || 10) }),
          omit: SECRET_COLUMNS,
        }) as unknown as SqliteClient<never, typeof SECRET_COLUMNS>)
      : new SqliteClient({ adapter: new LinkpressSqliteAdapter(url), omit: SECRET_COLUMNS });
  return timeQueries(client);
}

/**
 * Every operation of the client (model calls and raw queries, in transactions too) timed into /metrics' database
 * histogram: one timer per call, no labels, so it stays cheap on the hot path. The extension keeps the client's
 * methods and types, so it is typed as the client it wraps.
 */
function timeQueries<Client extends SqliteClient<never, typeof SECRET_COLUMNS>>(client: Client): Client {
  const histogram = metrics().databaseQueries;
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        const end = histogram.startTimer();
        try {
          return await query(args);
        } finally {
          end();
        }
      },
    },
  }) as unknown as Client;
}

export type Db = ReturnType<typeof createDatabaseClient>;
/** A transaction client, for helpers that must run inside a caller's transaction. */
export type DbTransaction = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForPrisma = globalThis as unknown as { linkpressPrisma?: Db };
export const prisma: Db = globalForPrisma.linkpressPrisma ?? createDatabaseClient();
// Dev reloads and test files re-import this module; one connection pool per process is enough.
globalForPrisma.linkpressPrisma = prisma;

export { Prisma } from "@/lib/generated/sqlite/client";

// Prisma writes `contains` and `startsWith` as LIKE: text as typed has its `%`, `_` and `\` escaped with `\`, which
// PostgreSQL's LIKE reads by default and Linkpress's SQLite like() too (lib/sqlite-like.ts, which also ignores case).
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** A case-insensitive `contains` filter for text as typed. */
export function containsIgnoringCase(text: string): { contains: string } {
  const literal = likeLiteral(text);
  return databaseProvider() === "postgresql" ? ({ contains: literal, mode: "insensitive" } as { contains: string }) : { contains: literal };
}

// Past the last character any text can hold: every string that starts with `text` sorts from `text` up to, not
// including, `text` followed by this.
const AFTER_EVERY_CHARACTER = "\u{10FFFF}";

/**
 * A filter for text that starts with `text` as typed (a slug, an address), its `_` and `%` not read as wildcards.
 * On SQLite it is a range, which the column's index answers (SQLite compares text by code point): a LIKE there calls
 * Linkpress's like() for every row (lib/sqlite-like.ts), and a new post's slug look-up among 5,000 took 19 ms inside
 * the save's transaction. PostgreSQL's collation need not sort by code point, so there it stays a LIKE.
 */
export function startingWith(text: string): { startsWith: string } | { gte: string; lt: string } {
  if (databaseProvider() === "postgresql") return { startsWith: likeLiteral(text) };
  return { gte: text, lt: `${text}${AFTER_EVERY_CHARACTER}` };
}

// Below this many posts every plan is quick, and statistics taken from tables that small mislead the planner once
// they grow: it would believe a table of thousands holds a handful of rows until the next refresh.
export const STATISTICS_MIN_POSTS = 1000;

/**
 * SQLite: brings the statistics its planner chooses indexes by up to date (docs/operations.md, "SQLite query plans").
 * Without them SQLite takes any equality as selective, and read the home page's list (public statuses, newest first)
 * through the status index, sorting every public post: 25 ms at 5,000 posts against 0.1 ms along the date index.
 * `optimize` analyses only the tables never analysed or much changed since. Inside a transaction, so that it waits its
 * turn on the connection (Prisma's adapter runs one transaction at a time). PostgreSQL keeps its own (autovacuum).
 */
export async function refreshQueryStatistics(db: Db = prisma): Promise<void> {
  if (databaseProvider() !== "sqlite") return;
  await db.$transaction(async (tx) => {
    if ((await tx.post.count()) < STATISTICS_MIN_POSTS) return;
    await tx.$executeRawUnsafe("PRAGMA optimize = 0x10002");
  });
}
