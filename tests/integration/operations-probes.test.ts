// What /readyz and /metrics read from the database (lib/observability/probes.ts), on each database.
import { afterEach, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { signIn } from "@/lib/auth/sign-in";
import { metrics } from "@/lib/observability/metrics";
import { readiness } from "@/lib/observability/operations";
import { migrationsCheck, registerOperationsProbes } from "@/lib/observability/probes";
import { pingDatabase, shippedMigrations } from "@/lib/observability/queries";
import { describeDatabase, unique } from "../support/database";

afterEach(() => vi.unstubAllEnvs());

async function sampleCount(histogram: ReturnType<typeof metrics>["databaseQueries"]): Promise<number> {
  return (await histogram.get()).values.find((value) => value.metricName?.endsWith("_count"))?.value ?? 0;
}

describeDatabase("operations probes", () => {
  it("answers the database ping", async () => {
    expect(await pingDatabase()).toBe(true);
  });

  it("finds the migrations current, and fails when the database lacks one this build ships", async () => {
    const shipped = shippedMigrations();
    expect(shipped.length).toBeGreaterThan(10);
    expect(await migrationsCheck(shipped)()).toBe(true);
    expect(await migrationsCheck([...shipped, "29991231000000_not_applied"])()).toBe(false);
  });

  it("reads the migrations again only after a few seconds", async () => {
    let now = 1_000_000;
    const spy = vi.spyOn(prisma, "$queryRawUnsafe");
    const check = migrationsCheck(shippedMigrations(), () => now);
    await check();
    const reads = spy.mock.calls.length;
    await check();
    now += 1000;
    await check();
    expect(spy.mock.calls.length).toBe(reads);
    now += 5000;
    await check();
    expect(spy.mock.calls.length).toBeGreaterThan(reads);
    spy.mockRestore();
  });

  it("is ready with the database and migrations, and not while the job worker is expected but not running", async () => {
    registerOperationsProbes();
    vi.stubEnv("JOBS_WORKER", "off");
    expect(await readiness()).toEqual({ ready: true, checks: { database: "ok", migrations: "ok" } });
    vi.stubEnv("JOBS_WORKER", "");
    // No worker runs in this test process.
    expect(await readiness()).toEqual({ ready: false, checks: { database: "ok", migrations: "ok", jobs: "failing" } });
  });

  it("reports the job queue's depth by state on scrape", async () => {
    registerOperationsProbes();
    const kind = unique("probe-kind");
    await prisma.job.createMany({
      data: [
        { kind, payload: "{}", maxAttempts: 1, idempotencyKey: "a" },
        { kind, payload: "{}", maxAttempts: 1, idempotencyKey: "b" },
      ],
    });
    const queued = await prisma.job.count({ where: { state: "QUEUED" } });
    const scraped = await metrics().registry.getSingleMetricAsString("linkpress_jobs");
    expect(scraped).toContain(`linkpress_jobs{state="QUEUED"} ${queued}`);
    await prisma.job.deleteMany({ where: { kind } });
  });

  it("times database operations", async () => {
    const before = await sampleCount(metrics().databaseQueries);
    await prisma.user.count();
    await prisma.$queryRawUnsafe("SELECT 1");
    await prisma.$transaction(async (tx) => tx.user.count());
    expect(await sampleCount(metrics().databaseQueries)).toBeGreaterThanOrEqual(before + 3);
  });

  it("counts failed sign-ins by reason", async () => {
    const failures = async (reason: string) => (await metrics().signInFailures.get()).values.find((value) => value.labels.reason === reason)?.value ?? 0;
    const before = await failures("unknown_email");
    expect((await signIn({ email: `${unique()}@example.test`, password: "not-the-password" }, { ip: "192.0.2.77" })).status).toBe("invalid");
    expect(await failures("unknown_email")).toBe(before + 1);
  });
});
