import { expect, test } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

// Shareable preview links and the preview of unsaved changes, as an editor and a signed-out stranger see them.

test.use({ storageState: storageStateFor("editor") });

const signedOut = { storageState: { cookies: [], origins: [] } };

test("an editor shares a draft's preview link, a signed-out stranger opens it, and a revoked link is a 404", async ({ page, browser }) => {
  const post = corpusPost("0008-how-to-get-started-with-calico-observability-features.md", `preview${Date.now().toString(36)}`);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");

  const share = page.getByRole("region", { name: "Share preview" });
  await share.getByLabel("Link works for").selectOption("3");
  await share.getByRole("button", { name: "Share preview" }).click();
  await expect(share.getByRole("status").filter({ hasText: "preview link is made" })).toBeVisible();
  const href = await share.getByRole("textbox", { name: "Preview link" }).inputValue();
  const path = new URL(href).pathname;
  expect(path).toMatch(/^\/preview\/[A-Za-z0-9_-]{43}$/);
  await expect(share.getByRole("table", { name: "Live preview links" }).getByRole("row")).toHaveCount(2);
  await expectNoSeriousAxeViolations(page, "edit page with a preview link");

  const stranger = await browser.newContext(signedOut);
  const reader = await stranger.newPage();
  const response = await reader.goto(path);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers["cache-control"]).toBe("private, no-store");
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-linkpress-cache"]).not.toBe("hit");
  await expect(reader.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectNoSeriousAxeViolations(reader, "preview link page");
  // Not public: not on the home page, in the feed or in the sitemap.
  await reader.goto("/");
  await expect(reader.getByRole("link", { name: post.title })).toHaveCount(0);
  expect(await (await reader.request.get("/feed.xml")).text()).not.toContain(post.title);

  await share.getByRole("button", { name: /^Revoke the link made/ }).click();
  await expect(share.getByRole("status").filter({ hasText: "revoked" })).toBeVisible();
  await expect(share.getByRole("table", { name: "Live preview links" })).toHaveCount(0);

  const gone = await reader.goto(path);
  expect(gone?.status()).toBe(404);
  await expect(reader.getByRole("heading", { level: 1, name: "This page is not here" })).toBeVisible();
  await expect(reader.getByText(post.title)).toHaveCount(0);
  // A made-up token looks exactly the same.
  expect((await reader.goto(`/preview/${"A".repeat(43)}`))?.status()).toBe(404);
  await stranger.close();
});

test("Preview opens the unsaved form in a new tab without saving it, and explains values it cannot show", async ({ page, context }) => {
  const post = corpusPost("0008-how-to-get-started-with-calico-observability-features.md", `unsaved${Date.now().toString(36)}`);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByLabel("Commentary").fill("Typed but **not saved** yet.");
  const [tab] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Preview", exact: true }).click()]);
  await expect(tab.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  await expect(tab.locator(".prose strong")).toHaveText("not saved");
  await expectNoSeriousAxeViolations(tab, "unsaved preview");
  await tab.close();
  // Nothing was saved: the form is still a new post.
  await expect(page).toHaveURL(/\/admin\/posts\/new/);
  await page.goto(`/admin/posts?q=${encodeURIComponent(post.title)}`);
  await expect(page.getByRole("link", { name: post.title })).toHaveCount(0);

  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...post, externalUrl: "not a web address" });
  const [bad] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Preview", exact: true }).click()]);
  await expect(bad.locator("main").getByRole("alert")).toContainText("External URL");
  await bad.close();
});
