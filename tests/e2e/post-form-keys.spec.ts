import { expect, test, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, formAlert, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/** A new post from the corpus, published through the form; returns its public path. */
async function publishedPost(page: Page, file: string) {
  const post = corpusPost(file);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await button(page, "Publish").click();
  await expect(page.getByRole("status")).toContainText("Published");
  return { post, path: `/posts/${await page.getByLabel("Slug").inputValue()}`, editUrl: page.url().replace(/\?.*$/, "") };
}

test("Enter in any field or formatting button of a published post changes nothing public: no publish, no new tag, no new title", async ({ page, request }) => {
  const { post, path, editUrl } = await publishedPost(page, "0070-kubernetes-v1-32-queueinghint-brings-a-new-possibility-to-op.md");
  expect(await (await request.get(path)).text()).toContain(post.title);
  await page.goto(editUrl);
  const version = await page.locator('input[name="version"]').inputValue();
  const marker = `enter${Date.now().toString(36)}`;

  // Text that a submission would make public, then Enter in every one-line field (the reported case: ", sidecar" in Tags).
  await page.getByLabel("Title").press("End");
  await page.getByLabel("Title").pressSequentially(` ${marker}`);
  await page.getByLabel("Tags").press("End");
  await page.getByLabel("Tags").pressSequentially(`, ${marker}`);
  for (const label of ["Title", "External URL", "Source", "Tags", "Publish date", "Slug", "Via"]) {
    await page.getByLabel(label, { exact: true }).focus();
    await page.keyboard.press("Enter");
  }
  // Enter in a text area is a new line, as ever, in each of them.
  for (const label of ["TL;DR", "Summary", "Commentary"]) {
    const area = page.getByLabel(label, { exact: true });
    await area.press("Control+End");
    await area.press("Enter");
    await area.pressSequentially(`line ${marker}`);
    await expect(area).toHaveValue(new RegExp(`\\nline ${marker}$`));
    // Enter and Space on a formatting button format the text (a placeholder made bold, then bold again off); neither
    // submits the form.
    const bold = page.getByRole("button", { name: `Bold (${label})`, exact: true });
    await bold.focus();
    await page.keyboard.press("Enter");
    await expect(area).toHaveValue(new RegExp(`\\nline ${marker}\\*\\*bold text\\*\\*$`));
    await expect(area).toBeFocused();
    await bold.focus();
    await page.keyboard.press("Space");
    await expect(area).toHaveValue(new RegExp(`\\nline ${marker}bold text$`));
  }

  // Nothing was sent: no saved notice, the same version, and the public page and tag as they were. (A save would have
  // answered within this wait; nothing else can be awaited for something that must not happen.)
  await page.waitForTimeout(1500);
  await expect(page).toHaveURL(editUrl);
  await expect(page.getByRole("status").filter({ hasText: /Published|Saved/ })).toHaveCount(0);
  await expect(page.locator('input[name="version"]')).toHaveValue(version);
  const publicAfter = await (await request.get(path)).text();
  expect(publicAfter).not.toContain(marker);
  expect(publicAfter).toContain(post.title);
  expect((await request.get(`/tags/${marker}`)).status()).toBe(404);
});

test("Enter in a field of a draft saves the draft, never publishes it", async ({ page, request }) => {
  const post = corpusPost("0071-gateway-api-v1-2-websockets-timeouts-retries-and-more.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByLabel("Title").press("Enter");
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  expect((await request.get(`/posts/${await page.getByLabel("Slug").inputValue()}`)).status()).toBe(404);
});

test("the buttons say what they do in each state", async ({ page }) => {
  await page.goto("/admin/posts/new");
  for (const name of ["Save draft", "Publish", "Schedule"]) await expect(button(page, name)).toBeVisible();
  for (const name of ["Update", "Update schedule", "Unpublish"]) await expect(button(page, name)).toHaveCount(0);
  await expect(page.getByText("Enter alone never publishes.")).toBeVisible();

  const { editUrl } = await publishedPost(page, "0072-how-we-built-a-dynamic-kubernetes-api-server-for-the-api-agg.md");
  await page.goto(editUrl);
  for (const name of ["Update", "Unpublish"]) await expect(button(page, name)).toBeVisible();
  for (const name of ["Publish", "Schedule", "Save draft", "Update schedule"]) await expect(button(page, name)).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, "a published post's form");

  const scheduled = corpusPost("0073-introducing-kube-scheduler-simulator.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, scheduled);
  await page.getByLabel("Publish date").fill("2099-06-01T09:30");
  await button(page, "Schedule").click();
  await expect(page.getByRole("status")).toContainText("Scheduled");
  for (const name of ["Update schedule", "Publish", "Unpublish"]) await expect(button(page, name)).toBeVisible();
  for (const name of ["Update", "Save draft", "Schedule"]) await expect(button(page, name)).toHaveCount(0);
});

test("Ctrl+S saves a draft as a draft and updates a published post; Ctrl+Enter goes to the publishing buttons", async ({ page, request }) => {
  const post = corpusPost("0074-kubernetes-v1-32-memory-manager-goes-ga.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  // Ctrl+Enter only moves to the choice; nothing is saved.
  await page.getByLabel("Summary").press("Control+Enter");
  await expect(button(page, "Publish")).toBeFocused();
  await expect(page).toHaveURL(/\/admin\/posts\/new$/);

  await page.getByLabel("Summary").press("Control+s");
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  const path = `/posts/${await page.getByLabel("Slug").inputValue()}`;
  expect((await request.get(path)).status()).toBe(404);

  await button(page, "Publish").click();
  await expect(page.getByRole("status")).toContainText("Published");
  const edited = `Edited with Ctrl+S ${Date.now().toString(36)}`;
  await page.getByLabel("TL;DR").fill(edited);
  const version = page.locator('input[name="version"]');
  const loadedVersion = await version.inputValue();
  await page.getByLabel("TL;DR").press("Control+s");
  await expect(version).not.toHaveValue(loadedVersion);
  await expect(page.getByRole("status")).toContainText("Published");
  expect(await (await request.get(path)).text()).toContain(edited);
});

test("a failed save focuses the first field in error, and the summary links each field; nothing is cut", async ({ page }) => {
  const post = corpusPost("0075-kubernetes-1-32-moving-volume-group-snapshots-to-beta.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...post, externalUrl: "javascript:alert(1)" });
  const title = page.getByLabel("Title");
  const long = `${post.title} ${"x".repeat(300)}`.slice(0, 301);
  await title.fill(long);
  await expect(page.getByText("301 / 300 — over the limit")).toBeVisible();
  await button(page, "Save draft").click();

  const summary = formAlert(page);
  await expect(summary).toContainText("Some fields need attention");
  await expect(title).toBeFocused();
  await expect(title).toHaveValue(long);
  await expect(page.getByText("The title is too long: 301 characters, the limit is 300.")).toBeVisible();
  const links = summary.getByRole("link");
  await expect(links).toHaveText(["Title", "External URL"]);
  await summary.getByRole("link", { name: "External URL" }).click();
  await expect(page.getByLabel("External URL")).toBeFocused();
  await expect(page).toHaveURL(/#post-externalUrl$/);
  await expectNoSeriousAxeViolations(page, "the post form after a failed save");
});

test("a URL typed without https:// gets it, and an emoji-only title gets a slug from the article's host and date", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill("🚀🎉");
  const url = page.getByLabel("External URL");
  await url.fill(`kubernetes.io/blog/2026/12/03/e2e-${stamp}/`);
  await url.blur();
  await expect(url).toHaveValue(`https://kubernetes.io/blog/2026/12/03/e2e-${stamp}/`);
  await page.getByLabel("Publish date").fill("2026-12-03T09:30");
  await button(page, "Save draft").click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  await expect(page.getByLabel("Slug")).toHaveValue(/^kubernetes-io-2026-12-03(-\d+)?$/);
});
