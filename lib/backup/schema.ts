import { z } from "zod";

// The backup file: gzip'd JSON lines. A header, then the tables in BACKUP_TABLES order (one line per page of rows),
// then the data folder's files, then a trailer whose counts prove the file is whole.
export const BACKUP_FORMAT = "linkpress-backup";
export const BACKUP_FORMAT_VERSION = 1;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  /** The last migration applied to the database the data came from: a restore needs a database at the same one. */
  migration: z.string().min(1),
  /** When the snapshot was taken. */
  createdAt: z.iso.datetime(),
  /** The database it came from (informative: the rows restore into either). */
  provider: z.enum(["sqlite", "postgresql"]),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupLineSchema = z.union([
  z.object({ table: z.string(), rows: z.array(z.record(z.string(), z.unknown())) }).strict(),
  z.object({ file: z.string(), data: z.base64() }).strict(),
  z.object({ end: z.literal(true), rows: z.record(z.string(), z.number().int().nonnegative()), files: z.number().int().nonnegative() }).strict(),
]);
export type BackupLine = z.infer<typeof backupLineSchema>;

/**
 * The data folder's files that travel with a backup, as paths relative to it: the uploads waiting for an import job.
 * Anything else there (the SQLite file itself, the generated auth secret) does not. A restore writes only paths that
 * match the pattern, so a crafted file cannot write outside these folders.
 */
export const BACKUP_DATA_FOLDERS = ["imports"] as const;
export const BACKUP_FILE_PATTERN = /^imports\/[a-z0-9]+\.(zip|html)$/i;
