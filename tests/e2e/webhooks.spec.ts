import { expect, test } from "@playwright/test";
import { corpusPost, fillPostForm, storageStateFor } from "./support";

const FIXTURE = process.env.E2E_FIXTURE_ORIGIN!;

test("an admin adds a webhook, sees its secret once, publishes a post and finds the delivery in the log", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();
  const url = `${FIXTURE}/webhook-receiver/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a webhook" });
  await form.getByLabel("URL").fill(url);
  await expect(form.getByRole("checkbox", { name: /post\.published/ })).toBeChecked();
  await form.getByRole("checkbox", { name: /post\.updated/ }).check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByRole("status")).toContainText("Webhook added");
  await expect(form.getByLabel("Signing secret")).toHaveValue(/^whsec_[A-Za-z0-9+/]{32}$/);

  // Shown once: after a reload the webhook is listed, its secret nowhere.
  await page.reload();
  const section = page.getByRole("region", { name: `Webhook to ${url}` });
  await expect(section).toBeVisible();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("whsec_");

  const post = corpusPost("0003-extending-ai-gateways-with-rust-custom-transformations-in-ag.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");

  // The worker sends it within seconds; the log shows the receiver's answer.
  await page.goto("/admin/webhooks");
  const log = page.getByRole("region", { name: `Deliveries to ${url}` });
  await expect(async () => {
    await page.reload();
    const row = log.getByRole("row").filter({ hasText: "post.published" }).first();
    await expect(row).toContainText("Delivered", { timeout: 1000 });
    await expect(row.getByRole("cell").nth(3)).toHaveText("200");
    await expect(row).toContainText("received");
  }).toPass({ timeout: 30_000 });

  // Resend: the same message again, a second attempt (the row shows "Sending" until the worker has sent it).
  await log.getByRole("row").filter({ hasText: "post.published" }).first().getByRole("button", { name: "Resend" }).click();
  await expect(async () => {
    await page.reload();
    const row = log.getByRole("row").filter({ hasText: "post.published" }).first();
    await expect(row.getByRole("cell").nth(5)).toHaveText("2", { timeout: 1000 });
    await expect(row).toContainText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // Delete asks first; Cancel keeps the webhook and gives the focus back to the button that asked.
  const opener = section.getByRole("button", { name: "Delete webhook…" });
  await opener.click();
  const confirm = section.getByRole("form", { name: `Delete the webhook to ${url}` });
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(opener).toBeFocused();
  await opener.click();
  await confirm.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Webhook deleted." })).toBeVisible();
  await expect(section).toHaveCount(0);
  await admin.close();
});

test("an editor is refused /admin/webhooks and is not offered it", async ({ browser }) => {
  const editor = await browser.newContext({ storageState: storageStateFor("editor") });
  const page = await editor.newPage();
  await page.goto("/admin/webhooks");
  await expect(page).toHaveURL(/\/admin\/posts\?denied=1/);
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await editor.close();
});
