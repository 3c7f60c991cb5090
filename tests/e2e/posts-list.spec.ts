import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { corpusPost, fillPostForm, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

const CORPUS = path.resolve(__dirname, "../fixtures/corpus");

/** A corpus file for the importer with its URL made unique and a suffix on its title; with its publish date. */
function corpusFile(name: string, suffix: string) {
  const text = readFileSync(path.join(CORPUS, name), "utf8");
  const url = /^external_url: (.+)$/m.exec(text)![1];
  const title = `${/^title: (.+)$/m.exec(text)![1].replace(/^'(.*)'$/, "$1")} ${suffix}`;
  return {
    text: text
      .split(url)
      .join(`${url}?e2e=${suffix}`)
      .replace(/^title: .+$/m, `title: '${title.replace(/'/g, "''")}'`),
    title,
    date: new Date(/^date: '(.+)'$/m.exec(text)![1]),
  };
}

const table = (page: Page) => page.getByRole("table", { name: "Posts" });
const titles = (page: Page) => table(page).locator("tbody tr td:nth-child(2)").allTextContents();

/** Writes a post through the form: a draft, or published now. Returns its title. */
async function writePost(page: Page, file: string, suffix: string, publish: boolean, change: (post: ReturnType<typeof corpusPost>) => void = () => {}) {
  const post = corpusPost(file, suffix);
  change(post);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: publish ? "Publish" : "Save draft", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(publish ? "Published" : "Saved as a draft");
  return { title: post.title, slug: await page.getByLabel("Slug").inputValue() };
}

test("after an import of the corpus, a post written now is first and the imported ones follow newest publish date first; columns sort with aria-sort", async ({
  page,
}) => {
  const suffix = `order${Date.now().toString(36)}`;
  const files = [
    "0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md",
    "0013-kubernetes-configuration-good-practices.md",
    "0006-improving-vmware-cloud-foundation-performance-with-enhanced.md",
    "0008-how-to-get-started-with-calico-observability-features.md",
    "0012-the-cloud-controller-manager-chicken-and-egg-problem.md",
  ];
  const imported = files.map((name) => corpusFile(name, suffix));
  await page.goto("/admin/import");
  const zip = zipSync(Object.fromEntries(imported.map((post, index) => [`posts/${index}.md`, strToU8(post.text)])));
  await page.getByLabel("Files to import").setInputFiles({ name: `list-${suffix}.zip`, mimeType: "application/zip", buffer: Buffer.from(zip) });
  await page.getByLabel("Leave the existing post as it is").check();
  await page.getByRole("button", { name: "Upload and check" }).click();
  await page.getByRole("button", { name: `Import ${imported.length} posts` }).click({ timeout: 30_000 });
  await expect(page.locator("main").getByRole("status").filter({ hasText: "Import finished" })).toBeVisible({ timeout: 30_000 });

  const written = await writePost(page, "0002-deploy-distributed-llm-inference-with-gpudirect-rdma-over-in.md", suffix, true);

  // The default order: the post written now first, then the imported ones by publish date, newest first.
  await page.goto(`/admin/posts?q=${suffix}`);
  const byDate = [...imported].sort((a, b) => b.date.getTime() - a.date.getTime()).map((post) => post.title);
  // The list streams in after the page's shell (loading.tsx): wait for it rather than read it once.
  await expect.poll(() => titles(page)).toEqual([written.title, ...byDate]);
  await expect(table(page).getByRole("columnheader", { name: "Publish date", exact: true })).toHaveAttribute("aria-sort", "descending");

  // Sorting by title: the header's link, then again for the other way round.
  await table(page).getByRole("link", { name: "Title", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=title(&|$)/);
  await expect(table(page).getByRole("columnheader", { name: "Title", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await expect(table(page).getByRole("columnheader", { name: "Publish date", exact: true })).not.toHaveAttribute("aria-sort", /./);
  const alphabetical = [written.title, ...byDate].sort();
  expect(await titles(page)).toEqual(alphabetical);
  await table(page).getByRole("link", { name: "Title", exact: true }).click();
  await expect(table(page).getByRole("columnheader", { name: "Title", exact: true })).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/[?&]dir=desc/);
  expect(await titles(page)).toEqual([...alphabetical].reverse());
  // The search stays while sorting.
  await expect(page.getByLabel("Search")).toHaveValue(suffix);
});

test("filters apply as they change and live in the URL; search finds a word only in a summary, and a tag", async ({ page }) => {
  const suffix = `filter${Date.now().toString(36)}`;
  const summaryWord = `summaryonly${suffix}`;
  const tagWord = `tagonly${suffix}`;
  const draft = await writePost(page, "0004-beyond-terraform-modules-infrastructure-design-by-contract.md", suffix, false, (post) => {
    post.summary = `${post.summary} ${summaryWord}`;
    post.tags = [...post.tags, tagWord];
  });
  const published = await writePost(page, "0005-nvme-memory-tiering-design-and-sizing-on-vmware-cloud-founda.md", suffix, true);

  await page.goto(`/admin/posts?q=${suffix}`);
  await expect.poll(async () => (await titles(page)).sort()).toEqual([draft.title, published.title].sort());
  // No button pressed: the status applies as it is chosen.
  await page.getByLabel("Status", { exact: true }).selectOption("draft");
  await expect(page).toHaveURL(/[?&]status=draft/);
  await expect.poll(() => titles(page)).toEqual([draft.title]);
  await page.getByLabel("Per page").selectOption("50");
  await expect(page).toHaveURL(/[?&]size=50/);
  await expect(page).toHaveURL(/[?&]status=draft/);

  // Search, by typing alone: a word only in the summary, then a tag; the URL holds the view.
  await page.goto("/admin/posts");
  await page.getByLabel("Search").fill(summaryWord.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`[?&]q=${summaryWord.toUpperCase()}`));
  await expect.poll(() => titles(page)).toEqual([draft.title]);
  await page.getByLabel("Search").fill(tagWord);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tagWord}`));
  await expect.poll(() => titles(page)).toEqual([draft.title]);
  await page.reload();
  await expect.poll(() => titles(page)).toEqual([draft.title]);
});

test("bulk publish: the allowed posts are published, a post trashed meanwhile is refused, and the report says both", async ({ page, browser }) => {
  const suffix = `bulk${Date.now().toString(36)}`;
  const first = await writePost(page, "0009-planning-your-upgrade-path-to-ansible-automation-platform-2.md", suffix, false);
  const second = await writePost(page, "0010-oauth-2-0-authentication-using-vmware-cloud-foundation-power.md", suffix, false);
  const third = await writePost(page, "0007-kubernetes-v1-33-user-namespaces-enabled-by-default.md", suffix, false);

  await page.goto(`/admin/posts?q=${suffix}`);
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  for (const post of [first, second, third]) await expect(page.getByRole("checkbox", { name: `Select “${post.title}”` })).toBeChecked();

  // Meanwhile, in another tab, the third post goes to the trash.
  const other = await browser.newContext({ storageState: storageStateFor("editor") });
  const otherPage = await other.newPage();
  await otherPage.goto(`/admin/posts?q=${encodeURIComponent(third.title)}`);
  await otherPage.getByRole("checkbox", { name: `Select “${third.title}”` }).check();
  await otherPage.getByLabel("Bulk action", { exact: true }).selectOption("trash");
  await otherPage.getByRole("button", { name: "Apply to selected posts" }).click();
  await expect(otherPage.locator("main").getByRole("status")).toContainText("1 moved to the trash.");
  await other.close();

  await page.getByLabel("Bulk action", { exact: true }).selectOption("publish");
  await page.getByRole("button", { name: "Apply to selected posts" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText(
    "2 published; 1 refused: This post is in the trash. Restore it from the trash to edit it.",
  );
  // The list keeps its search, and shows the posts as they are now.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${suffix}`));
  await expect(table(page).getByRole("row").filter({ hasText: first.title })).toContainText(/published/i);
  expect((await titles(page)).sort()).toEqual([first.title, second.title].sort());

  for (const post of [first, second]) expect((await page.request.get(`/posts/${post.slug}`)).status()).toBe(200);
  expect((await page.request.get(`/posts/${third.slug}`)).status()).toBe(404);
});
