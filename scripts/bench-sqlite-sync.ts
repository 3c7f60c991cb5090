// npm run bench:sqlite-sync [-- --saves 300]: what SQLite's synchronous=FULL (the setting every Linkpress
// connection uses) costs against NORMAL for form-like saves: a draft saved through savePost, which writes the post, its tags and
// source, a revision and an audit entry in one transaction. Rounds alternate between the two settings on one
// throwaway database, so drift in the machine's load touches both alike; the per-save figures are medians of rounds.
// Then the same for bare one-row commits, which shows the disk's sync cost without the app's CPU work around it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { saves: { type: "string", default: "300" }, rounds: { type: "string", default: "4" } } });
const SAVES = Number(values.saves);
const ROUNDS = Number(values.rounds);
const dir = mkdtempSync(path.join(tmpdir(), "linkpress-bench-sync-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.LINKPRESS_DATA_DIR = dir;

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function main() {
  const { migrateDatabase } = await import("../lib/cli/migrate");
  if ((await migrateDatabase()) !== 0) throw new Error("migrating the bench database failed");
  const { prisma } = await import("../lib/db");
  const { createUserAccount } = await import("../lib/users/accounts");
  const { savePost } = await import("../lib/posts/mutations");
  const { postFormSchema } = await import("../lib/posts/schema");
  const { EMPTY_POST_FORM } = await import("../lib/posts/form-values");
  const user = await createUserAccount({ name: "Bench editor", email: "bench@example.test", password: "bench-password-1234", role: "EDITOR" });
  const editor = { id: user.id, role: "EDITOR" as const, name: user.name, email: user.email };
  let counter = 0;
  const input = () => {
    counter += 1;
    return postFormSchema.parse({
      ...EMPTY_POST_FORM,
      title: `Bench save ${counter}`,
      externalUrl: `https://www.example.org/bench/${counter}/`,
      tags: "databases, sqlite",
      source: "Example",
      tldr: "A short overview of the article.",
      summary: "The article walks through the setup step by step.",
    });
  };

  const results: Record<"NORMAL" | "FULL", { perSecond: number[]; p50: number[]; p95: number[] }> = {
    NORMAL: { perSecond: [], p50: [], p95: [] },
    FULL: { perSecond: [], p50: [], p95: [] },
  };
  // Warm-up: the first saves pay for statement preparation and the page cache.
  for (let i = 0; i < 30; i++) await savePost(editor, { intent: "draft", input: input() });
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ["NORMAL", "FULL"] as const) {
      // The app's client holds one SQLite connection, so the pragma applies to every save that follows.
      await prisma.$executeRawUnsafe(`PRAGMA synchronous = ${mode}`);
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < SAVES; i++) {
        const t = performance.now();
        await savePost(editor, { intent: "draft", input: input() });
        times.push(performance.now() - t);
      }
      const elapsed = performance.now() - started;
      times.sort((a, b) => a - b);
      results[mode].perSecond.push((SAVES * 1000) / elapsed);
      results[mode].p50.push(percentile(times, 50));
      results[mode].p95.push(percentile(times, 95));
    }
  }
  console.log(`${SAVES} draft saves per round, ${ROUNDS} rounds each, medians of the rounds:`);
  console.log("| synchronous | saves/s | p50 ms | p95 ms |\n|---|---|---|---|");
  for (const mode of ["NORMAL", "FULL"] as const) {
    const r = results[mode];
    console.log(`| ${mode} | ${median(r.perSecond).toFixed(0)} | ${median(r.p50).toFixed(2)} | ${median(r.p95).toFixed(2)} |`);
  }
  await prisma.$disconnect();
  await rawCommits();
}

/** The disk's part alone: one small row per statement (each its own transaction), without the app's work around it. */
async function rawCommits() {
  const { createDatabaseClient } = await import("../lib/db");
  const db = createDatabaseClient(`file:${path.join(dir, "raw.db")}`);
  await db.$executeRawUnsafe("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  const perCommit: Record<string, number[]> = { NORMAL: [], FULL: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ["NORMAL", "FULL"]) {
      await db.$executeRawUnsafe(`PRAGMA synchronous = ${mode}`);
      const started = performance.now();
      for (let i = 0; i < SAVES; i++) await db.$executeRawUnsafe("INSERT INTO t (v) VALUES (?)", "x".repeat(200));
      perCommit[mode].push((performance.now() - started) / SAVES);
    }
  }
  await db.$disconnect();
  console.log(`Bare commits (one row each): NORMAL ${median(perCommit.NORMAL).toFixed(3)} ms, FULL ${median(perCommit.FULL).toFixed(3)} ms.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
