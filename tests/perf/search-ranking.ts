// npx tsx --conditions=react-server tests/perf/search-ranking.ts [--provider postgresql|sqlite] [--posts 10000] [--rounds 60] [--keep]
//   [--url <database seeded by an earlier --keep run>] [--baseline <module exporting an older searchPublishedPosts>]
// With --baseline, each timed run calls the baseline and the current search one after the other, so both see the
// same load on the machine.
// Times searchPublishedPosts() for a word found in nearly every post and for selective queries, against a throwaway
// database seeded with corpus posts (seedPosts from scripts/bench.ts; for PostgreSQL the rows are then copied into a
// database created for the run and dropped at the end). Prints match counts and p50/p95; asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { seedPosts } from "../../scripts/bench";
import { migrateDatabase } from "../../lib/cli/migrate";
import { PrismaClient as PostgresClient } from "../../lib/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "../../lib/generated/sqlite/client";
import { LinkpressSqliteAdapter } from "../../lib/sqlite-adapter";

const ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

// "kubernetes" is in 151 of the 160 corpus posts, "blog" in 102; the others are in one to a handful of them.
const QUERIES = {
  common: ["kubernetes", "blog"],
  selective: ["infiniband", "gatewayapi", "keynote chris", "kubernetes gateway", "cluster security", "rdma"],
};

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Copies what seedPosts wrote into the PostgreSQL database; its search triggers index the posts on insert.
async function copyToPostgres(sqliteUrl: string, postgresUrl: string) {
  const from = new SqliteClient({ adapter: new LinkpressSqliteAdapter(sqliteUrl) });
  const to = new PostgresClient({ adapter: new PrismaPg({ connectionString: postgresUrl }) });
  try {
    await to.source.createMany({ data: await from.source.findMany() });
    await to.tag.createMany({ data: await from.tag.findMany() });
    const posts = await from.post.findMany({ orderBy: { id: "asc" } });
    for (let i = 0; i < posts.length; i += 500) await to.post.createMany({ data: posts.slice(i, i + 500) });
    const links = await from.postTag.findMany();
    for (let i = 0; i < links.length; i += 2000) await to.postTag.createMany({ data: links.slice(i, i + 2000) });
    await to.$executeRawUnsafe('ANALYZE "post_search"');
    await to.$executeRawUnsafe('ANALYZE "Post"');
  } finally {
    await Promise.all([from.$disconnect(), to.$disconnect()]);
  }
}

function summarize(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))].toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      provider: { type: "string", default: "postgresql" },
      posts: { type: "string", default: "10000" },
      rounds: { type: "string", default: "60" },
      keep: { type: "boolean", default: false },
      url: { type: "string" },
      baseline: { type: "string" },
    },
  });
  const provider = (values.url ? values.url.startsWith("file:") : values.provider === "sqlite") ? "sqlite" : "postgresql";
  const rounds = Number(values.rounds);
  const dir = mkdtempSync(path.join(tmpdir(), "linkpress-search-bench-"));
  const sqliteUrl = `file:${path.join(dir, "bench.db")}`;
  const postgresName = `linkpress_bench_search_${Date.now()}_${process.pid}`;
  let createdPostgres = false;
  try {
    let url = values.url ?? sqliteUrl;
    if (!values.url) {
      if ((await migrateDatabase(sqliteUrl)) !== 0) throw new Error("migrating SQLite failed");
      await seedPosts(sqliteUrl, Number(values.posts));
    }
    if (provider === "postgresql" && !values.url) {
      await withAdmin((client) => client.query(`CREATE DATABASE "${postgresName}"`));
      createdPostgres = true;
      const target = new URL(ADMIN_URL);
      target.pathname = `/${postgresName}`;
      url = target.toString();
      if ((await migrateDatabase(url)) !== 0) throw new Error("migrating PostgreSQL failed");
      await copyToPostgres(sqliteUrl, url);
    }
    process.env.DATABASE_URL = url;
    type Search = (query: string, options: { page: number; perPage: number }) => Promise<{ total: number; totalIsCapped?: boolean }>;
    const current: Search = (await import("../../lib/search/queries")).searchPublishedPosts;
    const contenders: [string, Search][] = [["current", current]];
    if (values.baseline) contenders.unshift(["baseline", (await import(path.resolve(values.baseline))).searchPublishedPosts as Search]);
    const { prisma } = await import("../../lib/db");
    console.log(
      `${provider}, ${await prisma.post.count()} published posts, ${rounds} timed runs per query (page 1, 20 a page), load average ${loadavg()[0].toFixed(1)}:`,
    );
    for (const [kind, queries] of Object.entries(QUERIES)) {
      const all = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
      for (const query of queries) {
        const timings = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
        const shown = new Map<string, string>();
        for (const [name, search] of contenders) {
          const result = await search(query, { page: 1, perPage: 20 });
          shown.set(name, result.totalIsCapped ? `more than ${result.total}` : String(result.total));
          for (let i = 0; i < 3; i++) await search(query, { page: 1, perPage: 20 });
        }
        for (let i = 0; i < rounds; i++) {
          for (const [name, search] of contenders) {
            const started = performance.now();
            await search(query, { page: 1, perPage: 20 });
            timings.get(name)!.push(performance.now() - started);
          }
        }
        for (const [name] of contenders) {
          all.get(name)!.push(...timings.get(name)!);
          console.log(
            `  ${kind.padEnd(9)} ${JSON.stringify(query).padEnd(22)} ${name.padEnd(8)} ${shown.get(name)!.padStart(16)} matches  ${summarize(timings.get(name)!)}`,
          );
        }
      }
      for (const [name] of contenders) console.log(`  ${kind} queries together, ${name}: ${summarize(all.get(name)!)}`);
    }
    await prisma.$disconnect();
  } finally {
    if (values.keep) console.log(`Kept: ${postgresName} and ${dir}`);
    else if (createdPostgres) await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${postgresName}" WITH (FORCE)`));
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
