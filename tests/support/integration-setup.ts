import { inject } from "vitest";

// Runs before each integration test file imports lib/db, so the client connects to this run's throwaway database.
const url = inject("databaseUrl");
if (url) {
  // Guard: these tests write and delete freely, so they only ever run against a database this run created.
  if (!url.includes("linkpress_test_")) throw new Error(`Refusing to run integration tests against ${url}: not a throwaway test database.`);
  process.env.DATABASE_URL = url;
} else {
  // The PostgreSQL side is skipped; point at nothing so no test can reach a real database by accident.
  process.env.DATABASE_URL = "postgresql://skipped@127.0.0.1:1/linkpress_test_skipped";
}
