import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { DATA_DIR, databaseProvider, databaseUrl, sqliteFilePath } from "@/lib/database-url";
import { createDatabaseClient, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appliedMigration, checkDatabaseIntegrity, codeMigrations, tableAccess } from "./database";
import {
  BACKUP_DATA_FOLDERS,
  BACKUP_FILE_PATTERN,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupHeaderSchema,
  backupLineSchema,
  type BackupHeader,
  type BackupLine,
} from "./schema";
import { BACKUP_TABLES } from "./tables";

export type BackupSummary = { header: BackupHeader; rows: Record<string, number>; files: number };
export type RestoreProgress = { rows: number; totalRows: number };
export type RestoreOptions = {
  url?: string;
  dataDir?: string;
  /** Replace whatever the database holds; without it a database that holds any row is refused. */
  force?: boolean;
  /** Brings a database no migration has touched to the code's migrations (the command runs `prisma migrate deploy`). */
  migrate?: (url: string) => Promise<void>;
  onProgress?: (progress: RestoreProgress) => void;
};

const KNOWN_TABLES = new Set(BACKUP_TABLES.map((table) => table.model));
// A restore of a large site writes for minutes inside one transaction.
const RESTORE_TIMEOUT_MS = 6 * 60 * 60 * 1000;

const refuse = (message: string): never => {
  throw new AppError("INVALID_INPUT", message);
};

/** The file's lines after its header, decompressed and parsed one at a time; a damaged or cut file is refused. */
async function* readBackup(file: string): AsyncGenerator<{ header: BackupHeader } | BackupLine> {
  const gunzip = createGunzip();
  createReadStream(file)
    .on("error", (error) => gunzip.destroy(error))
    .pipe(gunzip);
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let lineNumber = 0;
  try {
    for await (const chunk of gunzip) {
      const lines = (pending + decoder.write(chunk)).split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        lineNumber += 1;
        yield lineNumber === 1 ? { header: parseHeader(line) } : parseLine(line, lineNumber);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") refuse(`There is no file ${file}.`);
    if (code === "Z_BUF_ERROR") refuse("The backup file is incomplete: it ends in the middle (was it cut short while copying?).");
    refuse(`${path.basename(file)} is not a Linkpress backup (it is not a gzip file, or a damaged one).`);
  }
  if (pending + decoder.end() !== "") refuse("The backup file is incomplete: its last line is cut short.");
}

function parseHeader(line: string): BackupHeader {
  const json = parseJson(line);
  const format = (json as { format?: unknown })?.format;
  const version = (json as { version?: unknown })?.version;
  if (format !== BACKUP_FORMAT) refuse("This is not a Linkpress backup: its first line does not name the Linkpress backup format.");
  if (version !== BACKUP_FORMAT_VERSION)
    refuse(`This backup is in format version ${String(version)}; this version of Linkpress reads version ${BACKUP_FORMAT_VERSION} only.`);
  const header = backupHeaderSchema.safeParse(json);
  return header.success ? header.data : refuse("The backup's header is damaged.");
}

function parseLine(line: string, lineNumber: number): BackupLine {
  const parsed = backupLineSchema.safeParse(parseJson(line));
  if (!parsed.success) refuse(`The backup is damaged at line ${lineNumber}.`);
  const entry = parsed.data!;
  if ("table" in entry && !KNOWN_TABLES.has(entry.table)) refuse(`The backup holds a table this version of Linkpress does not know (${entry.table}).`);
  if ("file" in entry && !BACKUP_FILE_PATTERN.test(entry.file)) refuse(`The backup holds a file outside the data folders it may write (${entry.file}).`);
  return entry;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return refuse("The backup is damaged: a line is not JSON.");
  }
}

/** Reads the whole file and checks it: the format and version, every line, and a trailer whose counts match. */
export async function checkBackupFile(file: string): Promise<BackupSummary> {
  let header: BackupHeader | undefined;
  const rows: Record<string, number> = {};
  let files = 0;
  let end: Extract<BackupLine, { end: true }> | undefined;
  for await (const entry of readBackup(file)) {
    if (end) refuse("The backup is damaged: it goes on after its last line.");
    if ("header" in entry) header = entry.header;
    else if ("table" in entry) rows[entry.table] = (rows[entry.table] ?? 0) + entry.rows.length;
    else if ("file" in entry) files += 1;
    else end = entry;
  }
  if (!header) return refuse("The backup file is empty.");
  if (!end) return refuse("The backup file is incomplete: it stops before its last line.");
  const counted = BACKUP_TABLES.every((table) => (rows[table.model] ?? 0) === (end!.rows[table.model] ?? 0));
  if (!counted || files !== end.files) refuse("The backup is damaged: its contents do not match the counts it recorded.");
  return { header, rows: end.rows, files };
}

/**
 * Restores a backup into the database at `url` (the configured one by default): an empty database at the backup's
 * migration, or a new one that `migrate` brings there first. A database that holds anything is refused unless
 * `force`, which replaces all of it in the same transaction as the restore. The file is read and checked whole before
 * anything is written, and the restored database is checked afterwards.
 */
export async function restoreBackup(file: string, options: RestoreOptions = {}): Promise<BackupSummary & { integrity: string[] }> {
  const url = options.url ?? databaseUrl();
  const provider = databaseProvider(url);
  const summary = await checkBackupFile(file);
  const { migration } = summary.header;
  const shipped = codeMigrations(provider);
  if (!shipped.includes(migration)) {
    refuse(
      migration > shipped[shipped.length - 1]
        ? `The backup was taken at migration ${migration}, newer than this version of Linkpress knows (${shipped[shipped.length - 1]}): restore it with the version that made it, or a later one.`
        : `The backup was taken at migration ${migration}, which this version of Linkpress does not have.`,
    );
  }

  // A new SQLite database is a file in a folder that may not exist yet.
  if (provider === "sqlite") await mkdir(path.dirname(sqliteFilePath(url)), { recursive: true });
  // The migration runs with no connection of ours open: on SQLite an open connection makes it wait on the file's lock.
  if ((await readMigration(url)) === null && options.migrate) await options.migrate(url);
  const client = createDatabaseClient(url);
  try {
    const current = await appliedMigration(client, provider);
    if (current !== migration) {
      refuse(
        current === null
          ? "The database has no migrations applied: run the migrations first."
          : `The database is at migration ${current} and the backup at ${migration}: restore into a database at the backup's migration (a new, empty database is migrated for you), with the version of Linkpress that made the backup; then upgrade.`,
      );
    }
    if (!options.force) await refuseUnlessEmpty(client);
    const totalRows = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
    await client.$transaction(
      async (tx) => {
        if (options.force) for (const table of [...BACKUP_TABLES].reverse()) await tableAccess(tx, table.model).deleteMany();
        let done = 0;
        for await (const entry of readBackup(file)) {
          if (!("table" in entry) || entry.rows.length === 0) continue;
          await tableAccess(tx, entry.table).createMany({ data: entry.rows });
          done += entry.rows.length;
          options.onProgress?.({ rows: done, totalRows });
        }
      },
      { timeout: RESTORE_TIMEOUT_MS, maxWait: 30_000 },
    );
    await restoreDataFiles(file, options.dataDir ?? DATA_DIR, Boolean(options.force));
    const integrity = await checkDatabaseIntegrity(client, provider);
    for (const table of BACKUP_TABLES) {
      const count = await tableAccess(client, table.model).count();
      if (count !== (summary.rows[table.model] ?? 0))
        integrity.push(`${table.model}: ${count} rows restored, the backup holds ${summary.rows[table.model] ?? 0}`);
    }
    return { ...summary, integrity };
  } finally {
    await client.$disconnect();
  }
}

async function readMigration(url: string): Promise<string | null> {
  const client = createDatabaseClient(url);
  try {
    return await appliedMigration(client, databaseProvider(url));
  } finally {
    await client.$disconnect();
  }
}

async function refuseUnlessEmpty(client: Db): Promise<void> {
  const held: string[] = [];
  for (const table of BACKUP_TABLES) {
    const count = await tableAccess(client, table.model).count();
    if (count > 0) held.push(`${count} ${table.model}`);
  }
  if (held.length > 0)
    throw new AppError(
      "CONFLICT",
      `The database is not empty (${held.join(", ")}): restore into an empty database, or add --force to replace everything in it.`,
    );
}

/** Writes the backup's files into the data folder, readable by the owner alone; `replace` empties the folders first. */
async function restoreDataFiles(file: string, dataDir: string, replace: boolean): Promise<void> {
  if (replace) for (const folder of BACKUP_DATA_FOLDERS) await rm(path.join(dataDir, folder), { recursive: true, force: true });
  for await (const entry of readBackup(file)) {
    if (!("file" in entry)) continue;
    const target = path.join(dataDir, entry.file);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await writeFile(target, Buffer.from(entry.data, "base64"), { mode: 0o600 });
  }
}
