import { expect, test, type Page } from "@playwright/test";
import { corpusPost, fillPostForm, storageStateFor } from "./support";

const FIXTURE = process.env.E2E_FIXTURE_ORIGIN!;

async function setSending(page: Page, on: boolean) {
  await page.goto("/admin/settings");
  await page.getByRole("checkbox", { name: "Send Webmentions to linked articles" }).setChecked(on);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved");
}

test("with Webmentions on, publishing a post tells the linked article, and the edit page says how it went", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/settings");
  // Off by default.
  await expect(page.getByRole("checkbox", { name: "Send Webmentions to linked articles" })).not.toBeChecked();
  await setSending(page, true);
  try {
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const post = {
      ...corpusPost("0003-extending-ai-gateways-with-rust-custom-transformations-in-ag.md", run),
      externalUrl: `${FIXTURE}/articles/mentioned?run=${run}`,
    };
    await page.goto("/admin/posts/new");
    await fillPostForm(page, post);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Published");
    // The worker sends it within seconds; the edit page shows the endpoint's answer.
    const line = page.locator("main p").filter({ hasText: /^Webmention:/ });
    await expect(async () => {
      await page.reload();
      await expect(line).toContainText(`Webmention: Sent to ${FIXTURE}/webmention-endpoint on`, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(line).toContainText("accepted (202)");
  } finally {
    await setSending(page, false);
    await admin.close();
  }
});
