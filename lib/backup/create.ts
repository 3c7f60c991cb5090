import "server-only";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { DATA_DIR, databaseProvider, databaseUrl } from "@/lib/database-url";
import { createDatabaseClient, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appliedMigration, tableAccess, type Row } from "./database";
import { BACKUP_DATA_FOLDERS, BACKUP_FILE_PATTERN, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type BackupLine } from "./schema";
import { BACKUP_TABLES, type BackupTable } from "./tables";

/** Rows per line of the file and per query: small enough for SQLite's and PostgreSQL's bound-parameter limits on restore. */
export const ROWS_PER_LINE = 500;
// A backup of a large site reads for minutes; the snapshot transaction must outlive Prisma's 5-second default.
const SNAPSHOT_TIMEOUT_MS = 6 * 60 * 60 * 1000;

export type BackupProgress = { table: string; rows: number; totalRows: number };
export type BackupOptions = { url?: string; dataDir?: string; onProgress?: (progress: BackupProgress) => void };
export type BackupResult = { header: BackupHeader; rows: Record<string, number>; files: number; bytes: number };

/**
 * Writes a consistent backup of the database and the data folder's uploads to `file` while the site keeps serving and
 * writing: every table is read in one read-only snapshot (a SQLite read transaction on its own connection, which in WAL
 * mode never blocks the writer; a REPEATABLE READ transaction on PostgreSQL). The file appears under its name only
 * once complete, readable by its owner alone: it holds password hashes.
 */
export async function createBackup(file: string, options: BackupOptions = {}): Promise<BackupResult> {
  const url = options.url ?? databaseUrl();
  const provider = databaseProvider(url);
  const target = path.resolve(file);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { flags: "wx", mode: 0o600, flush: true }));
  const writeLine = async (line: BackupHeader | BackupLine) => {
    if (!gzip.write(JSON.stringify(line) + "\n")) await once(gzip, "drain");
  };
  const client = createDatabaseClient(url);
  try {
    const { header, rows } = await client.$transaction(
      async (tx) => {
        if (provider === "postgresql") await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        const migration = await appliedMigration(tx, provider);
        if (!migration) throw new AppError("INVALID_INPUT", "The database has no migrations applied: there is nothing to back up.");
        const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, migration, createdAt: new Date().toISOString(), provider };
        await writeLine(header);
        const totals = await Promise.all(BACKUP_TABLES.map((table) => (table.transient ? 0 : tableAccess(tx, table.model).count())));
        const totalRows = totals.reduce((sum, count) => sum + count, 0);
        const rows: Record<string, number> = {};
        let done = 0;
        for (const table of BACKUP_TABLES) {
          rows[table.model] = 0;
          if (table.transient) continue;
          for await (const page of readTable(tx, table)) {
            await writeLine({ table: table.model, rows: page });
            rows[table.model] += page.length;
            done += page.length;
            options.onProgress?.({ table: table.model, rows: done, totalRows });
          }
        }
        return { header, rows };
      },
      // SQLite's snapshot needs no level: a read transaction in WAL mode sees one state of the database throughout.
      { timeout: SNAPSHOT_TIMEOUT_MS, maxWait: 30_000, ...(provider === "postgresql" ? { isolationLevel: "RepeatableRead" as "Serializable" } : {}) },
    );
    const dataDir = options.dataDir ?? DATA_DIR;
    let files = 0;
    for (const name of await listDataFiles(dataDir)) {
      const data = await readFile(path.join(dataDir, name)).catch(ignoreMissing);
      if (!data) continue;
      await writeLine({ file: name, data: data.toString("base64") });
      files += 1;
    }
    await writeLine({ end: true, rows, files });
    gzip.end();
    await written;
    await rename(partial, target);
    return { header, rows, files, bytes: (await stat(target)).size };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.$disconnect();
  }
}

/** A table's rows in pages along its primary key, dates as ISO strings (JSON's form of a Date). */
async function* readTable(tx: DbTransaction, table: BackupTable): AsyncGenerator<Row[]> {
  const access = tableAccess(tx, table.model);
  const orderBy = table.key.map((field) => ({ [field]: "asc" as const }));
  let last: Row | undefined;
  for (;;) {
    const cursor = last && (table.key.length === 1 ? { [table.key[0]]: last[table.key[0]] } : { [table.key.join("_")]: pick(last, table.key) });
    const page = await access.findMany({
      orderBy,
      take: ROWS_PER_LINE,
      ...(cursor ? { cursor, skip: 1 } : {}),
      ...(table.reveal ? { omit: table.reveal } : {}),
    });
    if (page.length === 0) return;
    yield page;
    if (page.length < ROWS_PER_LINE) return;
    last = page[page.length - 1];
  }
}

function pick(row: Row, fields: string[]): Row {
  return Object.fromEntries(fields.map((field) => [field, row[field]]));
}

/** The data folder's files that travel with a backup (BACKUP_FILE_PATTERN), as relative paths with forward slashes. */
async function listDataFiles(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of BACKUP_DATA_FOLDERS) {
    const entries = await readdir(path.join(dataDir, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isFile() && BACKUP_FILE_PATTERN.test(`${folder}/${entry.name}`)) found.push(`${folder}/${entry.name}`);
  }
  return found.sort();
}

// An upload deleted between the listing and the read (its import job ended) is simply no longer part of the site.
function ignoreMissing(error: NodeJS.ErrnoException): null {
  if (error.code === "ENOENT") return null;
  throw error;
}
