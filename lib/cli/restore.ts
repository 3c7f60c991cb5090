// npm run restore -- <file> [--force]: a backup made by npm run backup, into the configured database.
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { commandLine, exitWithError } from "../import/command-line";
import { describeDatabase, progressLine } from "../backup/describe";
import { migrateDatabase } from "./migrate";

const USAGE = `Usage: npm run restore -- <file> [--force]

  <file>    a backup written by npm run backup (from SQLite or PostgreSQL)
  --force   replace everything the configured database holds (in one transaction)

Restores into the database DATABASE_URL names: an empty one at the backup's migration, or a new one, which is
migrated first. A database that holds anything is refused unless --force. Stop the site while restoring.`;

const cli = commandLine(USAGE);

async function main() {
  loadEnvConfig(process.cwd());
  const { values, positionals } = cli.parse({ force: { type: "boolean", default: false } });
  if (positionals.length !== 1) cli.fail("give exactly one backup file to restore");
  const file = path.resolve(positionals[0]);
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { databaseUrl } = await import("../database-url");
  const { restoreBackup } = await import("../backup/restore");
  console.log(`Restoring ${file} into ${describeDatabase(databaseUrl())}${values.force ? ", replacing what it holds" : ""}`);
  const progress = progressLine();
  const result = await restoreBackup(file, {
    force: values.force,
    migrate: async (url) => {
      if ((await migrateDatabase(url)) !== 0) throw new Error("Migrating the new database failed.");
    },
    onProgress: ({ rows, totalRows }) => progress(`${rows} of ${totalRows} rows`),
  });
  progress.done();
  if (result.integrity.length > 0) throw new Error(`The restored database fails its checks: ${result.integrity.join("; ")}`);
  const rows = Object.values(result.rows).reduce((sum, count) => sum + count, 0);
  console.log(
    `✓ Restored ${rows} rows and ${result.files} uploaded files (backup of ${result.header.createdAt}, migration ${result.header.migration}); integrity check ok.`,
  );
  process.exit(0);
}

main().catch(exitWithError);
