import { expect, test, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

// The dashboard of a site with posts. A new site's dashboard (the first steps) is checked in global.setup.ts, the only
// moment the shared end-to-end database is empty.

async function savePost(page: Page, file: string, button: "Save draft" | "Publish", source?: string) {
  const post = corpusPost(file);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...post, source: source ?? post.source });
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("status")).toContainText(button === "Publish" ? "Published" : "Saved as a draft");
  return post;
}

const stat = (page: Page, name: string) => page.getByRole("link", { name: new RegExp(`^\\d+ ${name}$`) });
const count = async (page: Page, name: string) => Number((await stat(page, name).textContent())!.match(/^\d+/)![0]);

test.describe("an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("sees counts, their drafts and two charts with their data, and the dashboard is first in the menu", async ({ page }) => {
    const source = `Dashboard Weekly ${Date.now().toString(36)}`;
    await savePost(page, "0004-beyond-terraform-modules-infrastructure-design-by-contract.md", "Publish", source);
    const draft = await savePost(page, "0036-under-the-hood-amazon-eks-ultra-scale-clusters.md", "Save draft");

    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Admin" });
    await expect(nav.getByRole("listitem").first().getByRole("link")).toHaveText("Dashboard");
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    expect(await count(page, "published")).toBeGreaterThanOrEqual(1);
    expect(await count(page, "drafts waiting")).toBeGreaterThanOrEqual(1);
    await expect(stat(page, "published")).toHaveAttribute("href", "/admin/posts?status=published");
    await expect(page.getByRole("link", { name: /for review$/ })).toHaveAttribute("href", "/admin/review");
    await expect(page.getByRole("region", { name: "First steps" })).toHaveCount(0);

    const drafts = page.getByRole("region", { name: "Your drafts" });
    await expect(drafts.getByRole("link", { name: draft.title })).toHaveAttribute("href", /^\/admin\/posts\/[^/]+\/edit$/);

    await expect(page.getByRole("img", { name: "Posts per week, last 26 weeks" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Top sources, last 90 days" })).toBeVisible();
    await page.getByText("Posts per week, last 26 weeks: the data as a table").click();
    const weeks = page.getByRole("table", { name: "Posts per week, last 26 weeks" });
    await expect(weeks.getByRole("row")).toHaveCount(27);
    expect(Number(await weeks.getByRole("row").last().getByRole("cell").last().textContent())).toBeGreaterThanOrEqual(1);
    await page.getByText("Top sources, last 90 days: the data as a table").click();
    await expect(page.getByRole("table", { name: "Top sources, last 90 days" }).getByRole("row", { name: `${source} 1` })).toBeVisible();

    await expectNoSeriousAxeViolations(page, "dashboard (editor)");
  });
});

test.describe("a contributor", () => {
  test.use({ storageState: storageStateFor("contributor") });

  test("sees their own drafts and no review queue", async ({ page }) => {
    const draft = await savePost(page, "0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md", "Save draft");
    await page.goto("/admin");
    await expect(page.getByRole("region", { name: "Your drafts" }).getByRole("link", { name: draft.title })).toBeVisible();
    await expect(page.getByRole("link", { name: /for review$/ })).toHaveCount(0);
    expect(await count(page, "drafts waiting")).toBeGreaterThanOrEqual(1);
    await expectNoSeriousAxeViolations(page, "dashboard (contributor)");
  });
});
