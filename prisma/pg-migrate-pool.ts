import pg from "pg";

// prisma/orm#27403: the schema engine's catalog queries return `name` (oid 19) and `"char"` (oid 18) columns that
// @prisma/adapter-pg rejects; report them as text (oid 25), since their values already arrive as strings.
// Used only by the Prisma CLI (.config/prisma.ts), never by the app.
const RETYPED_AS_TEXT = new Set([18, 19]);

function retypeFields<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? [];
  for (const field of fields) if (RETYPED_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = 25;
  return result;
}

type Queryable = { query: (...args: never[]) => unknown };

function patchQuery<C extends Queryable>(client: C): C {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(retypeFields) : out;
  }) as C["query"];
  return client;
}

export class MigrationPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    // An idle connection does not keep the CLI alive for the pool's idle time-out (10 s) after its work is done.
    super({ allowExitOnIdle: true, ...config });
    patchQuery(this as unknown as Queryable);
    this.on("connect", (client) => void patchQuery(client as unknown as Queryable));
  }
}
