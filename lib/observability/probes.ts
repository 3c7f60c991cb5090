import "server-only";
// What the HTTP server's /readyz and /metrics need from inside Next's bundles (the database client, the job worker),
// handed over at start-up by instrumentation.ts through ./operations.ts and ./metrics.ts; and the database closed last
// on shutdown.
import { prisma } from "@/lib/db";
import { countJobsByKind } from "@/lib/jobs/queries";
import { onExit } from "@/lib/jobs/signals";
import { isAppJobWorkerRunning } from "@/lib/jobs/worker";
import { metrics } from "./metrics";
import { registerReadinessCheck } from "./operations";
import { listPendingMigrations, pingDatabase, shippedMigrations } from "./queries";

// Load balancers probe every few seconds; the migrations change only with a deploy, so they are read this often.
const MIGRATIONS_CHECKED_FOR_MS = 5000;

/** A check that the database has every migration this build ships, re-read at most every few seconds. */
export function migrationsCheck(shipped: readonly string[] = shippedMigrations(), now = () => Date.now()): () => Promise<boolean> {
  let checked: { at: number; current: Promise<boolean> } | null = null;
  return () => {
    if (!checked || now() - checked.at >= MIGRATIONS_CHECKED_FOR_MS) {
      const current = listPendingMigrations(shipped).then((pending) => {
        if (pending.length > 0) console.error(`[readyz] the database lacks ${pending.length} migration(s): ${pending.join(", ")}`);
        return pending.length === 0;
      });
      // A failed read is not kept: the next probe asks again.
      current.catch(() => (checked = null));
      checked = { at: now(), current };
    }
    return checked.current;
  };
}

/** Registers the readiness checks, the queue-depth reader for /metrics, and the database's close on exit. */
export function registerOperationsProbes(): void {
  registerReadinessCheck("database", pingDatabase);
  registerReadinessCheck("migrations", migrationsCheck());
  registerReadinessCheck("jobs", async () => isAppJobWorkerRunning());
  metrics().setQueueDepthReader(async () => {
    const totals = new Map<string, number>();
    for (const { counts } of await countJobsByKind()) for (const [state, count] of Object.entries(counts)) totals.set(state, (totals.get(state) ?? 0) + count);
    return [...totals].map(([state, count]) => ({ state, count }));
  });
  onExit(() => prisma.$disconnect());
}
