import "server-only";
import { appliedMigrations, codeMigrations } from "@/lib/backup/database";
import { databaseProvider } from "@/lib/database-url";
import { prisma } from "@/lib/db";

/** Whether the database answers a trivial query. */
export async function pingDatabase(): Promise<boolean> {
  await prisma.$queryRawUnsafe("SELECT 1");
  return true;
}

/** The migrations this build ships that the database has not applied (empty when it is current). */
export async function listPendingMigrations(shipped: readonly string[]): Promise<string[]> {
  const applied = new Set(await appliedMigrations(prisma, databaseProvider()));
  return shipped.filter((name) => !applied.has(name));
}

/** The migration folders shipped with this build, for this database. */
export function shippedMigrations(): string[] {
  return codeMigrations(databaseProvider());
}
