import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../lib/cli/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    provider: "sqlite" | "postgresql";
    databaseUrl: string | null;
    skipReason: string | null;
  }
}

const OUTPUT_DIR = path.resolve(__dirname, "../.output");
// Where the PostgreSQL side runs: a server on which this role may CREATE DATABASE. Each run makes its own database.
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

function uniqueName() {
  return `linkpress_test_${Date.now()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function setUpSqlite(project: TestProject) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${uniqueName()}.db`);
  const url = `file:${file}`;
  if ((await migrateDatabase(url)) !== 0) throw new Error("Migrating the SQLite test database failed.");
  project.provide("databaseUrl", url);
  project.provide("skipReason", null);
  return () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) if (existsSync(file + suffix)) rmSync(file + suffix);
  };
}

async function setUpPostgres(project: TestProject) {
  const name = uniqueName();
  try {
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL.replace(/\/\/[^@]*@/, "//")} (${(error as Error).message}); set TEST_POSTGRES_URL to run these tests`;
    console.warn(`\n⚠ Skipping the PostgreSQL integration tests: ${reason}\n`);
    project.provide("databaseUrl", null);
    project.provide("skipReason", reason);
    return;
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  if ((await migrateDatabase(url.toString())) !== 0) throw new Error("Migrating the PostgreSQL test database failed.");
  project.provide("databaseUrl", url.toString());
  project.provide("skipReason", null);
  return () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
}

export default async function setup(project: TestProject) {
  const provider = project.name.endsWith("postgresql") ? "postgresql" : "sqlite";
  project.provide("provider", provider);
  return provider === "sqlite" ? setUpSqlite(project) : setUpPostgres(project);
}
