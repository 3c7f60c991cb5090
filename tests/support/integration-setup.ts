import { inject } from "vitest";

// Runs before each integration test file imports lib/db, so the client connects to this run's throwaway database.
// Each worker (VITEST_POOL_ID, 1 to maxWorkers) has a database of its own: the files it runs one after another share it.
const urls = inject("databaseUrls");
const url = urls.length ? urls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % urls.length] : null;
if (url) {
  // Guard: these tests write and delete freely, so they only ever run against a database this run created.
  if (!url.includes("linkpress_test_")) throw new Error(`Refusing to run integration tests against ${url}: not a throwaway test database.`);
  process.env.DATABASE_URL = url;
} else {
  // The PostgreSQL side is skipped; point at nothing so no test can reach a real database by accident.
  process.env.DATABASE_URL = "postgresql://skipped@127.0.0.1:1/linkpress_test_skipped";
}
