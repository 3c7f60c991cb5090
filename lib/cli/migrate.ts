import { mkdirSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { databaseProvider, databaseUrl, sqliteFilePath } from "../database-url";
import { bin, prismaCliEnv, run } from "./process";

/** Creates the SQLite folder when needed and applies every pending migration for the configured database. */
export async function migrateDatabase(url = databaseUrl()): Promise<number> {
  if (databaseProvider(url) === "sqlite") mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  const code = await run(bin("prisma"), ["migrate", "deploy", "--config", ".config/prisma.ts"], {
    env: prismaCliEnv(url),
    quiet: true,
  });
  if (code === 0) console.log("✓ Database migrations applied.");
  return code;
}

// npm run db:migrate
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  loadEnvConfig(process.cwd());
  migrateDatabase().then((code) => process.exit(code));
}
