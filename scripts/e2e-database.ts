// The end-to-end servers' databases: each run starts from an empty, migrated one (the suite's own server, and the
// extra servers some specs start beside it).
import { existsSync, rmSync } from "node:fs";
import pg from "pg";
import { migrateDatabase } from "../lib/cli/migrate";
import { databaseProvider, sqliteFilePath } from "../lib/database-url";

async function resetDatabase(url: string) {
  if (databaseProvider(url) === "sqlite") {
    const file = sqliteFilePath(url);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) if (existsSync(file + suffix)) rmSync(file + suffix);
    return;
  }
  const target = new URL(url);
  const name = target.pathname.slice(1);
  // Guard: end-to-end runs drop and recreate their database, so only a throwaway name is accepted.
  if (!name.startsWith("linkpress_e2e")) throw new Error(`Refusing to reset ${name}: end-to-end databases must be named linkpress_e2e…`);
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

/** Drops and recreates the database at `url` (an SQLite file, or a PostgreSQL database named linkpress_e2e…) and migrates it; false when migrating failed. */
export async function freshE2eDatabase(url: string): Promise<boolean> {
  await resetDatabase(url);
  return (await migrateDatabase(url)) === 0;
}
