import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, inject, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { changeUserRole, deleteUser, setUserActive } from "@/lib/users/admin";
import { createUserAccount } from "@/lib/users/accounts";
import { prisma } from "@/lib/db";
import { describeDatabase } from "../support/database";

// "The last active admin" is about every admin in the database, so these tests get a database of their own (other
// test files create admins in the shared one at the same time). The real lib/db module is loaded against it.
const own = vi.hoisted(() => ({ url: "", previousClient: undefined as unknown, drop: async () => undefined as void }));

vi.mock("@/lib/db", async (importOriginal) => {
  const { migrateDatabase } = await import("../../lib/cli/migrate");
  const shared = inject("databaseUrl");
  const name = `linkpress_test_last_admin_${process.pid}_${Date.now()}`;
  if (!shared) return importOriginal();
  if (shared.startsWith("file:")) {
    const file = path.resolve(__dirname, `../.output/${name}.db`);
    own.url = `file:${file}`;
    own.drop = async () => {
      for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) rmSync(file + suffix);
    };
  } else {
    const admin = new URL(shared);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(shared);
    url.pathname = `/${name}`;
    own.url = url.toString();
    own.drop = async () => {
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
  }
  if ((await migrateDatabase(own.url)) !== 0) throw new Error("migrating the last-admin database failed");
  // lib/db keeps its client on globalThis; set it aside so the module builds one for this database, then put it back.
  const store = globalThis as { linkpressPrisma?: unknown };
  own.previousClient = store.linkpressPrisma;
  delete store.linkpressPrisma;
  const sharedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = own.url;
  const database = await importOriginal<typeof import("@/lib/db")>();
  process.env.DATABASE_URL = sharedUrl;
  store.linkpressPrisma = own.previousClient;
  return database;
});

async function expectConflict(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).userMessage).toMatch(/last active admin/);
}

let counter = 0;
async function account(role: "ADMIN" | "EDITOR") {
  counter += 1;
  const email = `last-admin-${counter}-${Date.now()}@example.test`;
  const created = await createUserAccount({ name: `Person ${counter}`, email, password: "a long enough passphrase", role });
  return { id: created.id, role, name: created.name, email };
}

describeDatabase("the last active admin", () => {
  afterAll(async () => {
    await prisma.$disconnect();
    await own.drop();
  });

  it("runs against its own database", () => {
    expect(own.url).toContain("linkpress_test_last_admin_");
  });

  it("cannot be demoted, and stays; with a second admin the first one may step down", async () => {
    const first = await account("ADMIN");
    await expectConflict(changeUserRole(first, first.id, "EDITOR"));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: first.id } })).role).toBe("ADMIN");
    expect(await prisma.auditLog.count({ where: { action: "user.role_change" } })).toBe(0);

    const second = await account("ADMIN");
    await changeUserRole(first, first.id, "EDITOR");
    await expectConflict(changeUserRole(second, second.id, "CONTRIBUTOR"));
    await changeUserRole(second, first.id, "ADMIN");
  });

  it("two admins demoting or deactivating each other at the same moment: exactly one succeeds", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "EDITOR" } });
    const [a, b] = [await account("ADMIN"), await account("ADMIN")];
    const results = await Promise.allSettled([changeUserRole(a, b.id, "EDITOR"), changeUserRole(b, a.id, "EDITOR")]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await prisma.user.count({ where: { role: "ADMIN", isActive: true } })).toBe(1);

    const survivor = (await prisma.user.findFirstOrThrow({ where: { role: "ADMIN", isActive: true } })).id;
    const other = await account("ADMIN");
    const acting = { id: survivor, role: "ADMIN" as const, name: "Survivor", email: "s@example.test" };
    const deactivations = await Promise.allSettled([setUserActive(acting, other.id, false), setUserActive(other, survivor, false)]);
    expect(deactivations.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await prisma.user.count({ where: { role: "ADMIN", isActive: true } })).toBe(1);
  });

  it("an invited admin (no password yet) does not count; deleting the only other active admin is refused", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "EDITOR" } });
    const active = await account("ADMIN");
    await prisma.user.create({ data: { name: "Invited admin", email: `invited-${Date.now()}@example.test`, role: "ADMIN" } });
    await expectConflict(changeUserRole(active, active.id, "CONTRIBUTOR"));
    const second = await account("ADMIN");
    await deleteUser(active, second.id, active.id);
    expect(await prisma.user.findUnique({ where: { id: second.id } })).toBeNull();
  });
});
