import nextEnv from "@next/env";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, databaseUrl } from "../lib/database-url";
import { LinkpressSqliteAdapter } from "../lib/sqlite-adapter";
import { MigrationPool } from "../prisma/pg-migrate-pool";

// The Prisma CLI skips .env once a config file exists; load it the way Next does so both agree on DATABASE_URL.
nextEnv.loadEnvConfig(process.cwd());
const url = databaseUrl();
const provider = databaseProvider(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Paths are resolved from the project root, not from this folder.
  schema: path.resolve("prisma", provider),
  migrations: { path: path.resolve("prisma", provider, "migrations") },
  async adapter() {
    return provider === "postgresql"
      ? new PrismaPg(new MigrationPool({ connectionString: url }), { disposeExternalPool: true })
      : new LinkpressSqliteAdapter(url);
  },
});
