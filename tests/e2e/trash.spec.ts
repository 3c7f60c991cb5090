import { expect, test } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

test("an editor moves a published post to the trash, readers get a 404, and restoring it puts it back on the site", async ({ page, request }) => {
  const post = corpusPost("0031-a-strategic-approach-to-ai-inference-performance.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  const address = `/posts/${await page.getByLabel("Slug").inputValue()}`;
  expect((await request.get(address)).status()).toBe(200);

  // The first button only asks; the post leaves the site when the second is pressed.
  await page.getByRole("button", { name: "Move to trash" }).click();
  await page.getByRole("form", { name: "Confirm moving to the trash" }).getByRole("button", { name: "Yes, move it to the trash" }).click();
  await expect(page.getByRole("status")).toContainText("moved to the trash");
  expect((await request.get(address)).status()).toBe(404);

  await page.getByRole("status").getByRole("link", { name: "trash" }).click();
  const row = page.getByRole("table", { name: "Posts in the trash" }).getByRole("row").filter({ hasText: post.title });
  await expect(row).toContainText("published");
  await expect(row).toContainText(/(29|30) days/);
  await expectNoSeriousAxeViolations(page, "trash");
  // Only admins delete for good.
  await expect(row.getByRole("button", { name: "Delete forever…" })).toHaveCount(0);

  await row.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status")).toContainText("is restored and back on the site");
  expect((await request.get(address)).status()).toBe(200);
});
