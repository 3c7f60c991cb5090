// npm start / npm run dev: prepare the database and secret, build when needed, then serve.
import { spawn } from "node:child_process";
import { loadEnvConfig } from "@next/env";
import { databaseProvider, databaseUrl } from "../database-url";
import { ensureAuthSecret, missingProductionSecret } from "../auth/secret";
import { buildIfNeeded } from "./build";
import { migrateDatabase } from "./migrate";
import { bin, productionServerCommand, QUIET_ENV } from "./process";

async function main() {
  const dev = process.argv.includes("--dev");
  loadEnvConfig(process.cwd(), dev);
  if (missingProductionSecret()) {
    console.error("✗ NEXTAUTH_SECRET (or AUTH_SECRET) must be set in production. Generate one with: openssl rand -base64 32");
    process.exit(1);
  }
  const port = process.env.PORT || "3000";
  const url = databaseUrl();
  const secret = ensureAuthSecret();
  console.log(`Database: ${databaseProvider(url) === "sqlite" ? url.replace(/^file:/, "SQLite file ") : "PostgreSQL"}`);
  if ((await migrateDatabase(url)) !== 0) process.exit(1);
  if (!dev && (await buildIfNeeded()) !== 0) process.exit(1);

  const publicUrl = process.env.SITE_URL || process.env.NEXTAUTH_URL || `http://localhost:${port}`;
  const [command, args, serverEnv] = dev ? [bin("next"), ["dev", "-p", port], {}] : productionServerCommand();
  const child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, ...serverEnv, ...QUIET_ENV, DATABASE_URL: url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl, PORT: port },
  });
  console.log(`\nLinkpress: ${publicUrl}  (first run: ${publicUrl}/setup creates the owner account)\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

void main();
