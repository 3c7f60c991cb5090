import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./support";

const root = path.resolve(__dirname, "../..");

/**
 * A job the worker cannot run: a post event without its post (a payload its kind refuses). The server's worker takes
 * it and marks it dead at once, as it would any job whose payload no longer fits its kind.
 */
function insertBrokenJob(): string {
  return execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/support/insert-job.ts", "post.event", JSON.stringify({ event: "post.published" })],
    { cwd: root, env: { ...process.env, DATABASE_URL: process.env.E2E_RESOLVED_DATABASE_URL }, encoding: "utf8" },
  ).trim();
}

const deadList = (page: Page) => page.getByRole("region", { name: "Dead (attempts used up): jobs" });
const groupOf = (page: Page, id: string) => page.getByRole("group", { name: `Actions for post.event job ${id}` });
const jobGroup = (page: Page, id: string) => deadList(page).locator(groupOf(page, id));
const jobRow = (page: Page, id: string) =>
  deadList(page)
    .getByRole("row")
    .filter({ has: groupOf(page, id) });

/** Reloads /admin/jobs until the job is in the dead list (the worker polls every second). */
async function waitUntilDead(page: Page, id: string) {
  await expect(async () => {
    await page.goto("/admin/jobs");
    await expect(jobGroup(page, id)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test.describe("background jobs, as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("sees the queue with a dead job's error, retries it and discards it", async ({ page }) => {
    const id = insertBrokenJob();
    await waitUntilDead(page, id);
    await expect(page.getByRole("heading", { level: 1, name: "Background jobs" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Jobs" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("region", { name: "Jobs by kind and state" }).getByRole("rowheader", { name: "post.event" })).toBeVisible();
    const row = jobRow(page, id);
    await expect(row).toContainText("The job's payload is invalid");
    await expect(row).toContainText("1 of 3");

    await jobGroup(page, id).getByRole("button", { name: "Retry now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The job is queued to run again now." })).toBeVisible();
    // It runs again (a second attempt on a fresh count) and is refused again.
    await waitUntilDead(page, id);
    await expect(jobRow(page, id)).toContainText("1 of 3");

    await jobGroup(page, id).getByRole("button", { name: "Discard" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The job is discarded." })).toBeVisible();
    await expect(page.getByText(id)).toHaveCount(0);

    await page.goto("/admin/audit?action=job.discard");
    await expect(page.getByRole("region", { name: "Audit log entries" })).toContainText("Discarded background job");
    await page.goto("/admin/audit?action=job.retry");
    await expect(page.getByRole("region", { name: "Audit log entries" })).toContainText("Retried background job");
  });
});

test.describe("background jobs, as an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("is refused like every admin-only page, and the admin menu has no Jobs link", async ({ page }) => {
    await page.goto("/admin/jobs");
    await expect(page).toHaveURL(/\/admin\/posts\?denied=1/);
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Jobs" })).toHaveCount(0);
  });
});
