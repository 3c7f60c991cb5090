import { expect, test } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

// An axe-core scan of the reader pages: no serious or critical violation, in the light and the dark colour scheme.

let slug = "";
let tagPath = "";
let sourcePath = "";

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("editor") });
  const page = await context.newPage();
  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...corpusPost("0021-how-to-deploy-whisker-and-goldmane-in-manifest-only-calico-s.md"), tags: ["accessibility", "calico"] });
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  slug = await page.getByLabel("Slug").inputValue();
  await page.goto(`/posts/${slug}`);
  tagPath = (await page.getByRole("link", { name: "#accessibility" }).getAttribute("href"))!;
  sourcePath = (await page.locator('.post-meta a[href^="/sources/"]').getAttribute("href"))!;
  await context.close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    test("home, post, tag, source, indexes, archive, search and 404 pages have no serious or critical violation", async ({ page }) => {
      const pages = [
        "/",
        `/posts/${slug}`,
        tagPath,
        sourcePath,
        "/tags",
        "/sources",
        "/archive",
        "/search?q=calico+whisker",
        "/search?q=nothing-matches-this",
        "/no-such-page",
      ];
      for (const path of pages) {
        await page.goto(path);
        await expectNoSeriousAxeViolations(page, `${path} (${colorScheme})`);
      }
    });

    // A test of their own: the list above already fills most of a test's time on a slow machine.
    test("a reader page's own 404s (tag, source, post, page, month) have no serious or critical violation", async ({ page }) => {
      for (const path of ["/tags/no-such-tag", "/sources/no-such-source", "/posts/no-such-post", "/page/999", "/archive/1999/01"]) {
        await page.goto(path);
        await expectNoSeriousAxeViolations(page, `${path} (${colorScheme})`);
      }
    });
  });
}
