// What the backup and restore commands print: which database, how far along, how big.
import { databaseProvider, sqliteFilePath } from "@/lib/database-url";

/** The database named for a person, without its password. */
export function describeDatabase(url: string): string {
  if (databaseProvider(url) === "sqlite") return `the SQLite database ${sqliteFilePath(url)}`;
  const parsed = new URL(url);
  return `the PostgreSQL database ${parsed.pathname.slice(1)} on ${parsed.host}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A progress line: rewritten in place on a terminal, at most one line a second in a log (a cron job's mail), and
 * `done()` ends it.
 */
export function progressLine() {
  const terminal = Boolean(process.stdout.isTTY);
  let last = "";
  let printedAt = 0;
  const show = (text: string) => {
    last = text;
    if (terminal) process.stdout.write(`\r  ${text}\x1b[K`);
    else if (Date.now() - printedAt >= 1000) {
      printedAt = Date.now();
      console.log(`  ${text}`);
    }
  };
  show.done = () => {
    if (terminal) process.stdout.write("\n");
    else if (last) console.log(`  ${last}`);
  };
  return show;
}
