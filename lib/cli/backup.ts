// npm run backup -- <file>: a consistent backup of the configured database and the data folder's uploads, taken
// while the site keeps serving and writing.
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { commandLine, exitWithError } from "../import/command-line";
import { describeDatabase, formatBytes, progressLine } from "../backup/describe";

const USAGE = `Usage: npm run backup -- <file>

  <file>   where to write the backup (for example backups/linkpress-$(date +%F).lpbackup.gz);
           an existing file of that name is replaced once the new backup is complete

The backup holds every table (password hashes included: keep it private) and the uploads waiting for an import,
in a format that restores into SQLite or PostgreSQL (npm run restore). It does not hold the auth secret.`;

const cli = commandLine(USAGE);

async function main() {
  loadEnvConfig(process.cwd());
  const { positionals } = cli.parse({});
  if (positionals.length !== 1) cli.fail("give exactly one file to write the backup to");
  const file = path.resolve(positionals[0]);
  // Loaded after the environment: the database client reads DATABASE_URL when it loads.
  const { databaseUrl } = await import("../database-url");
  const { createBackup } = await import("../backup/create");
  console.log(`Backing up ${describeDatabase(databaseUrl())} to ${file}`);
  const progress = progressLine();
  const result = await createBackup(file, { onProgress: ({ table, rows, totalRows }) => progress(`${rows} of ${totalRows} rows (${table})`) });
  progress.done();
  const rows = Object.values(result.rows).reduce((sum, count) => sum + count, 0);
  console.log(`✓ Wrote ${file}: ${formatBytes(result.bytes)}, ${rows} rows, ${result.files} uploaded files, at migration ${result.header.migration}.`);
  process.exit(0);
}

main().catch(exitWithError);
