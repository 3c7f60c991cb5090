import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../lib/cli/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    provider: "sqlite" | "postgresql";
    /** The first worker's database (files that make databases of their own read its kind and server from it). */
    databaseUrl: string | null;
    /** One migrated database per worker, so test files running side by side never share one. */
    databaseUrls: string[];
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
  const files = [path.join(OUTPUT_DIR, `${uniqueName()}.db`)];
  if ((await migrateDatabase(`file:${files[0]}`)) !== 0) throw new Error("Migrating the SQLite test database failed.");
  // Migration has closed its connection, so the file (and any write-ahead log left) is a whole database to copy.
  for (let worker = 2; worker <= workerCount(project); worker++) {
    files.push(files[0].replace(/\.db$/, `_w${worker}.db`));
    for (const suffix of ["", "-wal"]) if (existsSync(files[0] + suffix)) copyFileSync(files[0] + suffix, files.at(-1) + suffix);
  }
  provideDatabases(
    project,
    files.map((file) => `file:${file}`),
  );
  return () => {
    for (const file of files) for (const suffix of ["", "-wal", "-shm", "-journal"]) if (existsSync(file + suffix)) rmSync(file + suffix);
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
    project.provide("databaseUrls", []);
    project.provide("skipReason", reason);
    return;
  }
  const names = [name];
  const urlOf = (database: string) => Object.assign(new URL(POSTGRES_ADMIN_URL), { pathname: `/${database}` }).toString();
  if ((await migrateDatabase(urlOf(name))) !== 0) throw new Error("Migrating the PostgreSQL test database failed.");
  // The other workers' databases are copies of the migrated one (a template copy takes milliseconds).
  for (let worker = 2; worker <= workerCount(project); worker++) {
    names.push(`${name}_w${worker}`);
    await withAdminClient((client) => client.query(`CREATE DATABASE "${names.at(-1)}" TEMPLATE "${name}"`));
  }
  provideDatabases(project, names.map(urlOf));
  return () =>
    withAdminClient(async (client) => {
      for (const database of names) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    });
}

// How many test files may run at once (the config's maxWorkers): each needs a database of its own.
function workerCount(project: TestProject): number {
  return project.config.maxWorkers || project.vitest.config.maxWorkers || 1;
}

function provideDatabases(project: TestProject, urls: string[]) {
  project.provide("databaseUrl", urls[0]);
  project.provide("databaseUrls", urls);
  project.provide("skipReason", null);
}

export default async function setup(project: TestProject) {
  const provider = project.name.endsWith("postgresql") ? "postgresql" : "sqlite";
  project.provide("provider", provider);
  return provider === "sqlite" ? setUpSqlite(project) : setUpPostgres(project);
}
