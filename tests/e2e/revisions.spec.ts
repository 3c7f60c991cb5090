import { expect, test } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, formAlert, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

test("an editor compares two revisions word by word, restores the first into the form and saves it as a new revision", async ({ page, browser }) => {
  const post = corpusPost("0044-now-available-remote-mcp-for-digitalocean-services.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  const editUrl = page.url().replace(/\?.*$/, "");

  await page.getByLabel("TL;DR").fill("A rewritten TL;DR for the history.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");

  // History: the last two revisions compared by default, the change announced in words as well as colour.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("table", { name: "Revisions, newest first" }).getByRole("row")).toHaveCount(3);
  const comparison = page.getByRole("region", { name: /Version 1 .* version 2/ });
  await expect(comparison.locator("ins").first()).toContainText("inserted:");
  await expect(comparison.locator("del").first()).toContainText("deleted:");
  await expect(comparison).toContainText("Unchanged: Title");
  await expectNoSeriousAxeViolations(page);

  // Compare with the radio buttons (a plain GET form): the same version on both sides has no changes.
  await page.getByRole("radio", { name: "Compare from version 2" }).check();
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByText("These two versions hold the same text.")).toBeVisible();

  // Restore version 1: its text is in the form, unsaved, on the post's current version.
  await page.getByRole("link", { name: "Restore this version (1)" }).click();
  await expect(page.getByRole("status")).toContainText("review and save to keep it");
  await expect(page.getByLabel("TL;DR")).toHaveValue(post.tldr);

  // Someone else saves meanwhile: the restore is refused like any stale save, the restored text still in the form.
  const other = await browser.newPage({ storageState: storageStateFor("admin") });
  await other.goto(editUrl);
  await other.getByLabel("Summary").fill(`${post.summary} (edited meanwhile)`);
  await other.getByRole("button", { name: "Save draft" }).click();
  await expect(other.getByRole("status")).toContainText("Saved as a draft");
  await other.close();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(formAlert(page)).toContainText("changed by someone else");
  await expect(page.getByLabel("TL;DR")).toHaveValue(post.tldr);

  // Restore again from the current version and save: a new revision, recorded as a restore.
  await page.goto(`${editUrl.replace(/\/edit$/, "")}/history`);
  await page.getByRole("link", { name: "Restore this version (1)" }).click();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("table", { name: "Revisions, newest first" }).getByRole("row").nth(1)).toContainText("restore");
});
