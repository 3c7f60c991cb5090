// Backups taken while the site is written to, restored into a fresh database of either kind; and the refusals.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

// The uploads live in a data folder of this file's own, not the project's.
const dataDir = vi.hoisted(() => {
  const dir = `${process.cwd()}/tests/.output/backup-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  process.env.LINKPRESS_DATA_DIR = dir;
  return dir;
});
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.61", "backup-test"));

import { createBackup } from "@/lib/backup/create";
import { codeMigrations } from "@/lib/backup/database";
import { checkBackupFile, restoreBackup } from "@/lib/backup/restore";
import { BACKUP_TABLES } from "@/lib/backup/tables";
import { migrateDatabase } from "@/lib/cli/migrate";
import { databaseProvider, type DatabaseProvider } from "@/lib/database-url";
import { createDatabaseClient, Prisma, prisma, type Db } from "@/lib/db";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile } from "@/lib/import/read";
import { storeUpload } from "@/lib/import/storage";
import { savePost } from "@/lib/posts/mutations";
import { createApiToken } from "@/lib/tokens/mutations";
import { expectAppError } from "../support/app-error";
import { createTestUser, describeDatabase, provider, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";
import { corpusFile, createScratchDatabase, OUTPUT_DIR, ROOT, uniqueCorpusText } from "./import-support";

const otherProvider: DatabaseProvider = provider === "sqlite" ? "postgresql" : "sqlite";
const migrate = async (url: string) => {
  if ((await migrateDatabase(url)) !== 0) throw new Error(`migrating ${url} failed`);
};

type Committed = { id: string; at: number };

/**
 * An editor saving posts through the form's mutation and an importer importing link-post files, each one after the
 * other until stopped; every post is recorded with the time its transaction had committed.
 */
function startWriters(editor: TestUser) {
  const committed: Committed[] = [];
  let running = true;
  // SQLite's driver answers synchronously, so a loop of saves never lets a timer run: give the event loop a turn
  // after each, as a server does between requests.
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const formWriter = async () => {
    while (running) {
      await turn();
      const saved = await savePost(editor, { intent: "publish", input: testPostInput("backup", "Saved while backing up") });
      committed.push({ id: saved.id, at: Date.now() });
    }
  };
  const importer = async () => {
    while (running) {
      await turn();
      const { text } = uniqueCorpusText(corpusFile("0023"));
      const report = await importItems(editor, { total: 1, items: [itemFromFile("backup.md", text)] }, { onDuplicate: "skip", asDraft: false, dryRun: false });
      const at = Date.now();
      for (const row of report.rows) if (row.postId) committed.push({ id: row.postId, at });
    }
  };
  const done = Promise.all([formWriter(), importer()]);
  return {
    committed,
    /** Resolves once at least `count` posts more than now are committed. */
    async waitFor(count: number) {
      const target = committed.length + count;
      while (committed.length < target) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

const committedBefore = (committed: Committed[], moment: number) => committed.filter((entry) => entry.at <= moment).map((entry) => entry.id);

/** The rows of `model` with these ids, secrets included, in id order: equal in the source and the restored copy. */
async function rowsOf(client: Db, model: "post" | "user" | "apiToken" | "postRevision", where: object) {
  const access = client[model] as unknown as { findMany(args: object): Promise<unknown[]> };
  return access.findMany({ where, orderBy: { id: "asc" }, ...(model === "user" ? { omit: { passwordHash: false, totpSecret: false } } : {}) });
}

/** A backup file with its lines changed by `edit` (the header is line 0), written next to it. */
function rewriteBackup(file: string, edit: (lines: string[]) => string[]): string {
  const lines = gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n");
  const changed = `${file}.${unique("edited")}.gz`;
  writeFileSync(changed, gzipSync(edit(lines).join("\n") + "\n"));
  return changed;
}

/** Runs `npm run backup` / `npm run restore` as an operator would (the tsx entry the package scripts run). */
function runCommand(command: "backup" | "restore", args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--conditions=react-server", `lib/cli/${command}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describeDatabase("backup and restore", () => {
  const backupsDir = path.join(OUTPUT_DIR, `backups-${process.pid}-${Date.now()}`);
  const drops: (() => Promise<void>)[] = [];
  let editor: TestUser;
  let settingKey: string;
  let uploadName: string;
  let uploadBytes: Buffer;
  let tokenId: string;

  /** A new database no migration has touched, dropped after the file's tests. */
  async function freshDatabase(kind: DatabaseProvider = provider) {
    const database = await createScratchDatabase(kind, { migrated: false });
    drops.push(database.drop);
    return database.url;
  }

  beforeAll(async () => {
    mkdirSync(backupsDir, { recursive: true });
    editor = await createTestUser("EDITOR");
    tokenId = (await createApiToken(editor, editor.id, { name: unique("backup"), scopes: ["posts:read"], days: 30 })).id;
    settingKey = unique("backup.test");
    await prisma.setting.create({ data: { key: settingKey, value: "kept with the backup" } });
    uploadName = unique("upload").replace(/[^a-z0-9]/gi, "");
    uploadBytes = randomBytes(2048);
    await storeUpload(uploadName, "zip", uploadBytes);
  });

  afterAll(async () => {
    for (const drop of drops) await drop();
    rmSync(backupsDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists every model, each after the tables its foreign keys point at", async () => {
    expect(BACKUP_TABLES.map((table) => table.model).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const references =
      provider === "sqlite"
        ? await prisma.$queryRawUnsafe<{ child: string; parent: string }[]>(
            `SELECT m.name AS child, p."table" AS parent FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'`,
          )
        : await prisma.$queryRawUnsafe<{ child: string; parent: string }[]>(
            `SELECT tc.table_name::text AS child, ccu.table_name::text AS parent FROM information_schema.table_constraints tc
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
          );
    const order = BACKUP_TABLES.map((table) => table.model);
    const listed = references.filter((reference) => order.includes(reference.child));
    expect(listed.length).toBeGreaterThan(10);
    for (const { child, parent } of listed) expect(order.indexOf(parent), `${child} → ${parent}`).toBeLessThan(order.indexOf(child));
  });

  it("takes a backup while an editor saves and an importer imports, and restores every post committed before it began", { timeout: 180_000 }, async () => {
    const writers = startWriters(editor);
    let began = 0;
    const file = path.join(backupsDir, "online.lpbackup.gz");
    const progress: number[] = [];
    try {
      await writers.waitFor(6);
      began = Date.now();
      const result = await createBackup(file, { onProgress: ({ rows }) => progress.push(rows) });
      expect(result.bytes).toBe(statSync(file).size);
      expect(result.header).toMatchObject({ migration: codeMigrations(provider).at(-1), provider });
      await writers.waitFor(4);
    } finally {
      await writers.stop();
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(backupsDir)).toEqual(["online.lpbackup.gz"]);
    expect(progress.length).toBeGreaterThan(1);

    const before = committedBefore(writers.committed, began);
    expect(before.length).toBeGreaterThanOrEqual(6);
    const url = await freshDatabase();
    const restoredDir = path.join(backupsDir, "restored-data");
    const restored = await restoreBackup(file, { url, dataDir: restoredDir, migrate });
    expect(restored.integrity).toEqual([]);
    expect(restored.files).toBeGreaterThanOrEqual(1);

    const copy = createDatabaseClient(url);
    try {
      // Posts committed before the backup began are there, exactly as the source holds them (none was edited since).
      expect(await rowsOf(copy, "post", { id: { in: before } })).toEqual(await rowsOf(prisma, "post", { id: { in: before } }));
      expect(await rowsOf(copy, "postRevision", { postId: { in: before } })).toEqual(await rowsOf(prisma, "postRevision", { postId: { in: before } }));
      const tagsOf = (client: Db) =>
        client.postTag.findMany({ where: { postId: { in: before } }, orderBy: [{ postId: "asc" }, { position: "asc" }], include: { tag: true } });
      expect(await tagsOf(copy)).toEqual(await tagsOf(prisma));
      expect((await tagsOf(copy)).length).toBeGreaterThan(0);
      const sourcesOf = (client: Db) => client.source.findMany({ where: { posts: { some: { id: { in: before } } } }, orderBy: { id: "asc" } });
      expect((await sourcesOf(copy)).length).toBeGreaterThan(0);
      expect(await sourcesOf(copy)).toEqual(await sourcesOf(prisma));
      // The people (password hashes included), their tokens and the settings travel too.
      const [user] = (await rowsOf(copy, "user", { id: editor.id })) as { passwordHash: string | null }[];
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await rowsOf(copy, "user", { id: editor.id })).toEqual(await rowsOf(prisma, "user", { id: editor.id }));
      expect(await rowsOf(copy, "apiToken", { id: tokenId })).toEqual(await rowsOf(prisma, "apiToken", { id: tokenId }));
      expect(await copy.setting.findUnique({ where: { key: settingKey } })).toMatchObject({ value: "kept with the backup" });
      // The search index, which triggers keep and the backup leaves out, was rebuilt for every restored post.
      const indexed = await copy.$queryRawUnsafe<{ n: number | bigint }[]>(
        provider === "sqlite" ? `SELECT count(*) AS n FROM "post_search_doc"` : `SELECT count(*) AS n FROM "post_search"`,
      );
      expect(Number(indexed[0].n)).toBe(restored.rows.Post);
    } finally {
      await copy.$disconnect();
    }
    expect(readFileSync(path.join(restoredDir, "imports", `${uploadName}.zip`))).toEqual(uploadBytes);
    expect(statSync(path.join(restoredDir, "imports", `${uploadName}.zip`)).mode & 0o777).toBe(0o600);
  });

  it("refuses a database that holds anything unless --force, which replaces all of it", { timeout: 180_000 }, async () => {
    const file = path.join(backupsDir, "force.lpbackup.gz");
    const saved = await savePost(editor, { intent: "publish", input: testPostInput("backup", "Before the forced restore") });
    const { rows } = await createBackup(file);
    const url = await freshDatabase();
    await restoreBackup(file, { url, dataDir: path.join(backupsDir, "force-data"), migrate });

    const copy = createDatabaseClient(url);
    try {
      const marker = await copy.tag.create({ data: { name: unique("only-in-the-copy"), slug: unique("only-in-the-copy") } });
      await expectAppError(restoreBackup(file, { url, dataDir: path.join(backupsDir, "force-data") }), "CONFLICT", { message: /not empty .*add --force/ });
      expect(await copy.tag.findUnique({ where: { id: marker.id } })).not.toBeNull();

      const forced = await restoreBackup(file, { url, dataDir: path.join(backupsDir, "force-data"), force: true });
      expect(forced.integrity).toEqual([]);
      expect(await copy.tag.findUnique({ where: { id: marker.id } })).toBeNull();
      expect(await copy.post.findUnique({ where: { id: saved.id } })).not.toBeNull();
      for (const table of BACKUP_TABLES) expect(forced.rows[table.model] ?? 0).toBe(rows[table.model]);
    } finally {
      await copy.$disconnect();
    }
  });

  it("refuses a file that is not a backup, of another format version, cut short, damaged or from a newer migration", { timeout: 180_000 }, async () => {
    const file = path.join(backupsDir, "refusals.lpbackup.gz");
    await createBackup(file);
    const url = await freshDatabase();
    const attempt = (candidate: string) => restoreBackup(candidate, { url, dataDir: path.join(backupsDir, "refusal-data"), migrate });

    const text = path.join(backupsDir, "notes.txt");
    writeFileSync(text, "not a backup\n");
    await expectAppError(attempt(text), "INVALID_INPUT", { message: /not a Linkpress backup/ });
    const otherJson = path.join(backupsDir, "other.json.gz");
    writeFileSync(otherJson, gzipSync(JSON.stringify({ posts: [] }) + "\n"));
    await expectAppError(attempt(otherJson), "INVALID_INPUT", { message: /not a Linkpress backup/ });
    const version2 = rewriteBackup(file, ([header, ...rest]) => [JSON.stringify({ ...JSON.parse(header), version: 2 }), ...rest]);
    await expectAppError(attempt(version2), "INVALID_INPUT", { message: /format version 2.*reads version 1/ });

    const bytes = readFileSync(file);
    const cut = path.join(backupsDir, "cut.lpbackup.gz");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectAppError(attempt(cut), "INVALID_INPUT", { message: /incomplete/ });
    const noTrailer = rewriteBackup(file, (lines) => lines.slice(0, -1));
    await expectAppError(attempt(noTrailer), "INVALID_INPUT", { message: /incomplete/ });
    const rowLost = rewriteBackup(file, (lines) =>
      lines.map((line) => (line.startsWith('{"table":"User"') ? line.replace(/\{"id":"[^"]+",[^}]*\},?/, "") : line)),
    );
    await expectAppError(attempt(rowLost), "INVALID_INPUT", { message: /damaged/ });
    const escaping = rewriteBackup(file, (lines) => [...lines.slice(0, -1), JSON.stringify({ file: "../escape.txt", data: "aGk=" }), lines.at(-1)!]);
    await expectAppError(attempt(escaping), "INVALID_INPUT", { message: /outside the data folders/ });

    const newer = rewriteBackup(file, ([header, ...rest]) => [JSON.stringify({ ...JSON.parse(header), migration: "29991231000000_from_the_future" }), ...rest]);
    await expectAppError(attempt(newer), "INVALID_INPUT", { message: /newer than this version of Linkpress knows/ });

    // Every refusal came before a write: the new database was never even migrated.
    expect(readdirSync(backupsDir)).not.toContain("escape.txt");
    const copy = createDatabaseClient(url);
    try {
      expect(
        await copy.$queryRawUnsafe<unknown[]>(
          provider === "sqlite" ? "SELECT name FROM sqlite_master WHERE type = 'table'" : "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
        ),
      ).toEqual([]);
    } finally {
      await copy.$disconnect();
    }
    // The untouched file passes the same checks.
    expect((await checkBackupFile(file)).header.version).toBe(1);
  });

  it(`moves a site from ${provider} to ${otherProvider}`, { timeout: 180_000 }, async (context) => {
    if (otherProvider === "postgresql" && !(await postgresReachable())) context.skip("PostgreSQL is not reachable");
    const saved = await savePost(editor, { intent: "publish", input: testPostInput("backup", "Moving databases") });
    const file = path.join(backupsDir, "move.lpbackup.gz");
    await createBackup(file);
    const url = await freshDatabase(otherProvider);
    expect(databaseProvider(url)).toBe(otherProvider);
    const restored = await restoreBackup(file, { url, dataDir: path.join(backupsDir, "moved-data"), migrate });
    expect(restored.integrity).toEqual([]);
    const copy = createDatabaseClient(url);
    try {
      expect(await rowsOf(copy, "post", { id: saved.id })).toEqual(await rowsOf(prisma, "post", { id: saved.id }));
      expect(await rowsOf(copy, "user", { id: editor.id })).toEqual(await rowsOf(prisma, "user", { id: editor.id }));
    } finally {
      await copy.$disconnect();
    }
  });

  it("npm run backup and npm run restore work end to end while the site is written to", { timeout: 240_000 }, async () => {
    const sourceUrl = process.env.DATABASE_URL!;
    const file = path.join(backupsDir, "command.lpbackup.gz");
    const writers = startWriters(editor);
    let started = 0;
    let finished = 0;
    let backup;
    try {
      await writers.waitFor(2);
      started = Date.now();
      backup = await runCommand("backup", [file], { DATABASE_URL: sourceUrl, LINKPRESS_DATA_DIR: dataDir });
      finished = Date.now();
    } finally {
      await writers.stop();
    }
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/\d+ of \d+ rows/);
    expect(backup.stdout).toMatch(new RegExp(`✓ Wrote .*command\\.lpbackup\\.gz: [\\d.]+ (kB|MB), \\d+ rows, \\d+ uploaded files`));
    // The writers kept committing while the command ran: the backup did not stop them.
    expect(writers.committed.filter((entry) => entry.at > started && entry.at < finished).length).toBeGreaterThan(0);

    const url = await freshDatabase();
    const restoredDir = path.join(backupsDir, "command-data");
    const restored = await runCommand("restore", [file], { DATABASE_URL: url, LINKPRESS_DATA_DIR: restoredDir });
    expect(restored.stderr).toBe("");
    expect(restored.stdout).toContain("Database migrations applied");
    expect(restored.stdout).toMatch(/✓ Restored \d+ rows and \d+ uploaded files .*integrity check ok/);
    expect(restored.code).toBe(0);
    expect(existsSync(path.join(restoredDir, "imports", `${uploadName}.zip`))).toBe(true);

    const copy = createDatabaseClient(url);
    try {
      const before = committedBefore(writers.committed, started);
      expect(await copy.post.count({ where: { id: { in: before } } })).toBe(before.length);
    } finally {
      await copy.$disconnect();
    }

    const again = await runCommand("restore", [file], { DATABASE_URL: url, LINKPRESS_DATA_DIR: restoredDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/✗ The database is not empty .*--force/);
    const forced = await runCommand("restore", [file, "--force"], { DATABASE_URL: url, LINKPRESS_DATA_DIR: restoredDir });
    expect(forced.code).toBe(0);
  });
});
