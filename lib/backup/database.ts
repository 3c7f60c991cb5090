import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "@/lib/database-url";
import type { DbTransaction } from "@/lib/db";

/** The migrations this code ships, oldest first; both providers carry the same names. */
export function codeMigrations(provider: DatabaseProvider): string[] {
  const dir = path.resolve("prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

const MIGRATIONS_TABLE_EXISTS = {
  sqlite: `SELECT 1 AS "found" FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
  postgresql: `SELECT 1 AS "found" FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_prisma_migrations'`,
};

/** Every migration applied to a database (finished and not rolled back); empty for a database none has touched. */
export async function appliedMigrations(client: Pick<DbTransaction, "$queryRawUnsafe">, provider: DatabaseProvider): Promise<string[]> {
  const found = await client.$queryRawUnsafe<unknown[]>(MIGRATIONS_TABLE_EXISTS[provider]);
  if (found.length === 0) return [];
  const rows = await client.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  return rows.map((row) => row.migration_name);
}

/** The last migration applied to a database, or null for a database no migration has touched yet. */
export async function appliedMigration(client: Pick<DbTransaction, "$queryRawUnsafe">, provider: DatabaseProvider): Promise<string | null> {
  const found = await client.$queryRawUnsafe<unknown[]>(MIGRATIONS_TABLE_EXISTS[provider]);
  if (found.length === 0) return null;
  const rows = await client.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name" DESC LIMIT 1`,
  );
  return rows[0]?.migration_name ?? null;
}

export type Row = Record<string, unknown>;

/** The few operations a backup and a restore need of every table, whatever its model. */
export type TableAccess = {
  findMany(args: { orderBy: Record<string, "asc">[]; take: number; skip?: number; cursor?: Row; omit?: Record<string, false> }): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<unknown>;
  deleteMany(): Promise<unknown>;
  count(): Promise<number>;
};

/** The model's client delegate (`prisma.postTag` for PostTag), reached by name so one loop serves every table. */
export function tableAccess(client: DbTransaction, model: string): TableAccess {
  return (client as unknown as Record<string, TableAccess>)[model[0].toLowerCase() + model.slice(1)];
}

/** What the database's own checks find wrong (SQLite: page structure and foreign keys); empty when all is well. */
export async function checkDatabaseIntegrity(client: Pick<DbTransaction, "$queryRawUnsafe">, provider: DatabaseProvider): Promise<string[]> {
  // PostgreSQL enforces its constraints on every write and has no whole-database check to run.
  if (provider === "postgresql") return [];
  const pages = await client.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
  const problems = pages.map((row) => row.integrity_check).filter((result) => result !== "ok");
  const orphans = await client.$queryRawUnsafe<{ table: string; parent: string }[]>("PRAGMA foreign_key_check");
  return [...problems, ...orphans.map((row) => `${row.table}: a row points at a missing ${row.parent}`)];
}
