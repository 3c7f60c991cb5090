import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

/** The data folder (git-ignored) holds the default SQLite file and the generated local secret. */
export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.LINKPRESS_DATA_DIR || "data");

// The configured database, or the embedded SQLite file. Relative file: URLs are made absolute so the CLI, the
// server and a standalone build (which runs from another folder) all open the same file.
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return `file:${path.join(DATA_DIR, "linkpress.db")}`;
  if (url.startsWith("file:") && !path.isAbsolute(url.slice(5))) return `file:${path.resolve(/*turbopackIgnore: true*/ url.slice(5))}`;
  return url;
}

export function databaseProvider(url = databaseUrl()): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The path of a file: URL, for tools that need the bare file (backups, resets). */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
