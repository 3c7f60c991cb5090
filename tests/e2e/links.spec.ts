import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

const root = path.resolve(__dirname, "../..");
const FIXTURE = process.env.E2E_FIXTURE_ORIGIN!;

/** Marks the post's link dead with an archived copy (checks 3 days apart cannot be waited for); returns its slug. */
function markLinkDead(postId: string, archiveUrl: string): string {
  return execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/mark-link-dead.ts", postId, archiveUrl], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.E2E_RESOLVED_DATABASE_URL },
    encoding: "utf8",
  }).trim();
}

test("an editor finds a dead link from the dashboard, checks it, replaces its URL, and readers see the new link", async ({ browser }) => {
  const editor = await browser.newContext({ storageState: storageStateFor("editor") });
  const page = await editor.newPage();
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const post = { ...corpusPost("0003-extending-ai-gateways-with-rust-custom-transformations-in-ag.md", run), externalUrl: `${FIXTURE}/gone/${run}` };
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  const postId = /\/admin\/posts\/([^/]+)\/edit/.exec(page.url())![1];

  const archiveUrl = `${FIXTURE}/snapshots/20250101000000/${post.externalUrl}`;
  const slug = markLinkDead(postId, archiveUrl);

  // Readers of a dead link are pointed to the archived copy.
  const reader = await browser.newContext();
  const postPage = await reader.newPage();
  await expect(async () => {
    await postPage.goto(`/posts/${slug}`);
    await expect(postPage.getByText("The original appears to be gone")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(postPage.getByRole("link", { name: "read the archived copy" })).toHaveAttribute("href", archiveUrl);
  await expectNoSeriousAxeViolations(postPage);

  // The dashboard counts it and leads to /admin/links.
  await page.goto("/admin");
  await page.getByRole("link", { name: /^\d+ dead or moved links?$/ }).click();
  await expect(page).toHaveURL(/\/admin\/links$/);
  await expect(page.getByRole("heading", { level: 1, name: "Links" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: post.title });
  await expect(row.getByRole("cell").nth(2)).toContainText("Dead");
  await expect(row.getByRole("link", { name: `Archived copy of ${post.title}` })).toHaveAttribute("href", archiveUrl);
  await expectNoSeriousAxeViolations(page);

  // Filters: a dead link is among the dead, not among the moved.
  await page.getByLabel("Show").selectOption("moved");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/state=moved/);
  await expect(page.getByRole("row").filter({ hasText: post.title })).toHaveCount(0);
  await page.getByLabel("Show").selectOption("dead");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(row).toBeVisible();

  // Check now: the fixture site still answers 404.
  await row.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Checked" })).toHaveText(`Checked “${post.title}”: Dead (answered 404).`);

  // Replace URL: saved through the ordinary post save; the link leaves the list until it is checked again.
  const replace = row.getByRole("form", { name: `Replace the URL of “${post.title}”` });
  const newUrl = `${FIXTURE}/articles/zero-trust?links=${run}`;
  await replace.getByLabel("New URL").fill(newUrl);
  await replace.getByRole("button", { name: "Replace URL" }).click();
  await expect(page.getByRole("status").filter({ hasText: "URL replaced" })).toHaveText(
    `URL replaced: “${post.title}” now links to ${newUrl}. It is checked again in the next pass.`,
  );
  await expect(page.getByRole("row").filter({ hasText: post.title })).toHaveCount(0);

  // The post page now links to the new address, without the notice.
  await expect(async () => {
    await postPage.goto(`/posts/${slug}`);
    await expect(postPage.getByRole("link", { name: /Open the original post/ })).toHaveAttribute("href", newUrl, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(postPage.getByText("The original appears to be gone")).toHaveCount(0);
  await reader.close();
  await editor.close();
});

test("a contributor is refused /admin/links and is not offered it", async ({ browser }) => {
  const contributor = await browser.newContext({ storageState: storageStateFor("contributor") });
  const page = await contributor.newPage();
  await page.goto("/admin/links");
  await expect(page).toHaveURL(/\/admin\/posts\?denied=1/);
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Links" })).toHaveCount(0);
  await contributor.close();
});
