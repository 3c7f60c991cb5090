// The benchmarks' throwaway databases: a fresh SQLite file, and a PostgreSQL database (linkpress_bench_…) dropped
// afterwards; both migrated.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../lib/cli/migrate";

const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export async function withSqliteBenchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "linkpress-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    if ((await migrateDatabase(url)) !== 0) throw new Error("migrating the SQLite benchmark database failed");
    return await work(url);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `work` on a throwaway PostgreSQL database, or a sentence saying why it was skipped. */
export async function withPostgresBenchDatabase<T>(work: (url: string) => Promise<T>): Promise<T | string> {
  const name = `linkpress_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return `skipped: PostgreSQL is not reachable (${(error as Error).message}); set BENCH_POSTGRES_URL`;
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    if ((await migrateDatabase(url.toString())) !== 0) throw new Error("migrating the PostgreSQL benchmark database failed");
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
