// npm run db:new-migration -- <name>   writes the migration for both providers from the change in prisma/models.prisma
// npm run db:check                     exits 1 when the models have changes that no migration covers
// Prisma's `migrate dev` cannot run offline with driver adapters, so this replays the committed migrations into a
// scratch database, introspects it and diffs that against the schema.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseProvider } from "../lib/database-url";
import { migrateDatabase } from "../lib/cli/migrate";
import { bin, prismaCliEnv } from "../lib/cli/process";

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

// The full-text search tables (FTS5 and its shadow tables on SQLite, a tsvector table on PostgreSQL) are written by
// raw SQL in the *_post_search migrations and kept by triggers, not by the models, so the drift check ignores them.
const UNMODELLED_TABLE = /^post_search(_\w+)?$/;

/** The introspected schema without the models of tables that only raw SQL manages. */
function withoutUnmodelledTables(schema: string): string {
  return schema.replace(/^(?:\/\/\/.*\n)*model (\w+) \{\n[\s\S]*?^\}\n?/gm, (block, name: string) => (UNMODELLED_TABLE.test(name) ? "" : block));
}

function prisma(args: string[], databaseUrl: string): string {
  const result = spawnSync(bin("prisma"), [...args, "--config", ".config/prisma.ts"], {
    env: { ...process.env, ...prismaCliEnv(databaseUrl) },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function withScratchDatabase<T>(provider: DatabaseProvider, work: (url: string) => Promise<T>): Promise<T> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "linkpress-scratch-"));
    try {
      return await work(`file:${path.join(dir, "scratch.db")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `linkpress_scratch_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** The SQL that would bring a database built from the committed migrations up to the schema ('' when none). */
export async function pendingSchemaChange(provider: DatabaseProvider): Promise<string> {
  return withScratchDatabase(provider, async (url) => {
    if ((await migrateDatabase(url)) !== 0) throw new Error(`Applying the ${provider} migrations to a scratch database failed.`);
    const pulled = prisma(["db", "pull", "--print"], url);
    // The CLI prints warnings on stdout before the schema itself.
    const schemaStart = pulled.search(/^(\/\/ |generator |datasource |model )/m);
    const dir = mkdtempSync(path.join(os.tmpdir(), "linkpress-pulled-"));
    try {
      const from = path.join(dir, "from.prisma");
      writeFileSync(from, withoutUnmodelledTables(pulled.slice(schemaStart)));
      const sql = prisma(["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", `prisma/${provider}`, "--script"], url);
      return sql.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

async function main() {
  const check = process.argv.includes("--check");
  const name = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!check && !name?.match(/^[a-z0-9_]+$/)) {
    console.error("Usage: npm run db:new-migration -- <snake_case_name>   or   npm run db:check");
    process.exit(2);
  }
  let drift = false;
  // One timestamp for both providers, so their migration folders pair up.
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of ["sqlite", "postgresql"] as const) {
    const sql = await pendingSchemaChange(provider);
    if (check) {
      console.log(sql ? `✗ ${provider}: prisma/models.prisma has changes without a migration:\n${sql}` : `✓ ${provider}: migrations match the schema`);
      drift ||= Boolean(sql);
    } else if (!sql) {
      console.log(`${provider}: nothing to migrate`);
    } else {
      const folder = path.join("prisma", provider, "migrations", `${stamp}_${name}`);
      // The folder is created only now: an empty migration folder breaks `migrate deploy`.
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, "migration.sql"), sql + "\n");
      console.log(`${provider}: wrote ${folder}/migration.sql\n${readFileSync(path.join(folder, "migration.sql"), "utf8")}`);
    }
  }
  process.exit(drift ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) void main();
