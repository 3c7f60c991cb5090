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

/** A `startsWith` filter for text as typed (a slug, an address), so its `_` is not read as any character. */
export function startingWith(text: string): { startsWith: string } {
  return { startsWith: likeLiteral(text) };
}
