import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "./database-url";
import { sqliteLike } from "./sqlite-like";

// WAL lets readers run while one writer commits. synchronous=FULL syncs the WAL to disk at every commit, so a
// committed save survives a power cut or OS crash too; it costs 0.2–5 ms a commit here against a form save's
// 20 ms or more (npm run bench:sqlite-sync, docs/operations.md). foreign_keys is off by default in SQLite.
const CONNECTION_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/** Prisma's better-sqlite3 adapter with the pragmas every Linkpress connection needs. */
export class LinkpressSqliteAdapter extends PrismaBetterSQLite3 {
  constructor(url: string) {
    super({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
  }

  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    // The adapter keeps its better-sqlite3 connection as `client` (Prisma 6.19); its LIKE is replaced (lib/sqlite-like.ts).
    const { client } = adapter as unknown as {
      client: { function(name: string, options: { varargs: true; deterministic: true }, fn: (...args: unknown[]) => number | null): void };
    };
    client.function("like", { varargs: true, deterministic: true }, (pattern, value, escape) => sqliteLike(pattern, value, escape));
    return adapter;
  }
}
