// Used by Playwright's webServer: a fresh, migrated database and the production server on the end-to-end port.
import { existsSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../lib/database-url";
import { migrateDatabase } from "../lib/cli/migrate";
import { productionServerCommand, QUIET_ENV } from "../lib/cli/process";

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

async function main() {
  const url = process.env.DATABASE_URL;
  const port = process.env.PORT;
  if (!url || !port) throw new Error("DATABASE_URL and PORT must be set by the Playwright config.");
  await resetDatabase(url);
  if ((await migrateDatabase(url)) !== 0) process.exit(1);
  const [command, args] = productionServerCommand();
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...QUIET_ENV } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
