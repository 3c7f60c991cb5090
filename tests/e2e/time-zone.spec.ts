import { expect, test, type Browser } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, formAlert, storageStateFor, updatePublishedPost } from "./support";

// The site's time zone from settings to the post form and the reader's page, and an old post address answering 301.
// The zone is shared by every spec, so it is put back to UTC at the end.

async function chooseZone(browser: Browser, label: string) {
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/settings");
  await page.getByLabel("Time zone").selectOption({ label });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved");
  await admin.close();
}

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("editor") });

test.afterAll(async ({ browser }) => {
  await chooseZone(browser, "UTC");
});

test("the settings page lets an admin choose the site's time zone, and is accessible", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/settings");
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await expectNoSeriousAxeViolations(page);
  await admin.close();
  await chooseZone(browser, "America/New York");
});

test("the publish date is typed and shown in the site's zone, a skipped hour is refused, and readers see the local day", async ({ page }) => {
  const post = corpusPost("0008-how-to-get-started-with-calico-observability-features.md", `tz${Date.now().toString(36)}`);
  await page.goto("/admin/posts/new");
  await expect(page.getByText("In America/New_York, the site's time zone.")).toBeVisible();
  await fillPostForm(page, post);

  // 02:30 on 8 March 2026 never happens in New York: the clocks jump from 02:00 to 03:00.
  await page.getByLabel("Publish date").fill("2026-03-08T02:30");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(formAlert(page)).toContainText("Some fields need attention");
  await expect(page.getByText("2026-03-08 02:30 does not exist in America/New_York")).toBeVisible();

  // 21:30 in New York on 15 January is 02:30 UTC on the 16th: readers see the 15th, the day it was there.
  await fillPostForm(page, post);
  await page.getByLabel("Publish date").fill("2026-01-15T21:30");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  await expect(page.getByLabel("Publish date")).toHaveValue("2026-01-15T21:30");
  const slug = await page.getByLabel("Slug").inputValue();

  await page.goto(`/posts/${slug}`);
  const published = page.locator(".post-meta time");
  await expect(published).toHaveText("15 Jan 2026");
  await expect(published).toHaveAttribute("datetime", "2026-01-16T02:30:00.000Z");
});

test("a post's old address answers 301 to its new one", async ({ page, playwright, baseURL }) => {
  const post = corpusPost("0008-how-to-get-started-with-calico-observability-features.md", `moved${Date.now().toString(36)}`);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  const oldSlug = await page.getByLabel("Slug").inputValue();
  const newSlug = `${oldSlug}-renamed`;
  await page.getByLabel("Slug").fill(newSlug);
  await updatePublishedPost(page);

  // A reader (no cookie) and a signed-in editor alike.
  const reader = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  for (const client of [reader, page.request]) {
    const moved = await client.get(`/posts/${oldSlug}`, { maxRedirects: 0 });
    expect(moved.status()).toBe(301);
    expect(new URL(moved.headers()["location"], baseURL).pathname).toBe(`/posts/${newSlug}`);
  }
  expect((await reader.get(`/posts/${oldSlug}`)).url()).toContain(`/posts/${newSlug}`);
  expect((await reader.get(`/posts/${oldSlug}-never`, { maxRedirects: 0 })).status()).toBe(404);
  await reader.dispose();
});
