import "server-only";
import { Prisma } from "@/lib/db";
import { databaseProvider } from "@/lib/database-url";

// publicPostWhere (./visibility.ts) in raw SQL, for the reads Prisma's query builder makes slow or cannot write.
const PUBLIC_STATUSES = Prisma.join(["PUBLISHED", "SCHEDULED"]);

/**
 * An instant as the database compares it: SQLite stores DateTime as ISO text with an explicit offset (always +00:00),
 * and the same form compares correctly as text; PostgreSQL takes the Date.
 */
export function sqlInstant(date: Date): Date | string {
  return databaseProvider() === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date;
}

/** A raw query's DateTime: a Date, or the text SQLite returns for aggregates and some columns. */
export function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Public at `now` (published, or scheduled and due, and not in the trash), for the post table aliased `p`. */
export function publicPostSql(now: Date): Prisma.Sql {
  return Prisma.sql`p."deletedAt" IS NULL AND p."status" IN (${PUBLIC_STATUSES}) AND p."publishedAt" <= ${sqlInstant(now)}`;
}
