import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "./database-url";

// WAL lets readers run while one writer commits; synchronous=NORMAL in WAL mode never corrupts the database, but a
// power cut or OS crash (not an app crash) may lose the last transactions. foreign_keys is off by default in SQLite.
const CONNECTION_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

/** Prisma's better-sqlite3 adapter with the pragmas every Linkpress connection needs. */
export class LinkpressSqliteAdapter extends PrismaBetterSQLite3 {
  constructor(url: string) {
    super({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
  }

  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }
}
