// Shared by the import and export tests: corpus files with URLs made unique (the tests share one database with
// others running in parallel), and for the command-line tests a scratch database of their own.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { LinkpressSqliteAdapter } from "@/lib/sqlite-adapter";
import { unique } from "../support/database";

export const ROOT = path.resolve(__dirname, "../..");
export const CORPUS_DIR = path.join(ROOT, "tests/fixtures/corpus");
export const MALFORMED_DIR = path.join(ROOT, "tests/fixtures/malformed");
export const OUTPUT_DIR = path.join(ROOT, "tests/.output");

export const corpusNames = (): string[] =>
  readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith(".md"))
    .sort();

export const corpusFile = (prefix: string): string => corpusNames().find((name) => name.startsWith(`${prefix}-`))!;

export function externalUrlOf(text: string): string {
  return /^external_url: (.+)$/m.exec(text)![1];
}

/** A corpus file's text with its URL (in the front matter and the body line) given a unique query parameter. */
export function uniqueCorpusText(name: string, marker = unique("it")): { text: string; url: string } {
  const text = readFileSync(path.join(CORPUS_DIR, name), "utf8");
  const original = externalUrlOf(text);
  const url = `${original}?run=${marker}`;
  return { text: text.split(original).join(url), url };
}

/** A malformed fixture with its example URL made unique, so "nothing was written" can be checked by URL. */
export function uniqueMalformedText(name: string, marker = unique("bad")): { data: Uint8Array; url: string } {
  const bytes = readFileSync(path.join(MALFORMED_DIR, name));
  const url = `https://example.com/post-${marker}`;
  // latin1 keeps every byte as it is (binary and non-UTF-8 fixtures included) while the ASCII URL is replaced.
  return { data: new Uint8Array(Buffer.from(bytes.toString("latin1").split("https://example.com/post").join(url), "latin1")), url };
}

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

function migrationSql(provider: "sqlite" | "postgresql"): string[] {
  const dir = path.join(ROOT, "prisma", provider, "migrations");
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, "migration.sql")))
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/**
 * An empty database with every committed migration applied, for tests that need one to themselves (the lossless
 * round trip compares tag and source names, which other tests in the shared database may create differently).
 * The SQL is applied directly, which is quicker than a Prisma CLI process. `migrated: false` gives a
 * new database no migration has touched (the restore tests let the restore migrate it).
 */
export async function createScratchDatabase(provider: "sqlite" | "postgresql", { migrated = true } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `linkpress_test_import_${Date.now()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const migrations = migrated ? migrationSql(provider) : [];
  if (provider === "sqlite") {
    const file = path.join(OUTPUT_DIR, `${name}.db`);
    const db = await new LinkpressSqliteAdapter(`file:${file}`).connect();
    for (const sql of migrations) await db.executeScript(sql);
    await db.dispose();
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const sql of migrations) await client.query(sql);
  await client.end();
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `npm run import` / `npm run export` as the user would, against the given database (`env` adds variables). */
export function runCli(script: "import" | "export", args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--conditions=react-server", `lib/cli/${script}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, ...env, DATABASE_URL: databaseUrl }, maxBuffer: 20 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
