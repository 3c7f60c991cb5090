import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, storageStateFor, USERS } from "./support";

const FIXTURE = process.env.E2E_FIXTURE_ORIGIN!;
// Article addresses of this run only (the fixture site carries the query into its links), so a rerun finds no posts.
const run = () => `?run=${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The capture notices beside the External URL field. */
const linkStatus = (page: Page) => page.locator(".link-assist").getByRole("status");

test("a bookmarklet capture with a selection goes through sign-in to a published post that quotes it and names the via page", async ({ browser }) => {
  const editor = await browser.newContext({ storageState: storageStateFor("editor") });
  const capturePage = await editor.newPage();
  await capturePage.goto("/admin/capture");
  const bookmarklet = capturePage.getByRole("link", { name: /^Post to / });
  await expect(bookmarklet).toHaveAttribute("href", /^javascript:/);
  const href = (await bookmarklet.getAttribute("href"))!;
  await editor.close();

  // A signed-out browser reads the article, reached from a list page (the "via" page), and selects two paragraphs.
  const reader = await browser.newContext();
  const article = await reader.newPage();
  const query = run();
  await article.goto(`${FIXTURE}/list${query}`);
  await article.getByRole("link", { name: "Zero trust for clusters" }).click();
  await article.evaluate(() => {
    const range = document.createRange();
    range.setStartBefore(document.getElementById("lead")!);
    range.setEndAfter(document.getElementById("second")!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  // Clicking the bookmark runs its address's code on the page: the browser decodes it first, as here.
  const opened = reader.waitForEvent("page");
  await article.evaluate(decodeURIComponent(href.slice("javascript:".length)));
  const form = await opened;

  await expect(form).toHaveURL(/\/login\?callbackUrl=/);
  await form.getByLabel("Email").fill(USERS.editor.email);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form).toHaveURL(/\/admin\/posts\/new\?capture=/);

  await expect(form.getByLabel("External URL")).toHaveValue(`${FIXTURE}/articles/zero-trust${query}`);
  await expect(form.getByLabel("Via")).toHaveValue(`${FIXTURE}/list${query}`);
  await expect(form.getByLabel("Summary")).toHaveValue(/^> Zero trust starts from one rule: no workload is trusted because of where it runs\./);
  await expect(form.getByLabel("Summary")).toHaveValue(/Every connection proves an identity/);
  await expect(form.getByLabel("Summary")).toHaveValue(/— \[Zero trust for Kubernetes clusters/);
  // The prefill ran at once: the article's own title replaces the page title the capture brought; empty fields filled.
  await expect(linkStatus(form)).toContainText("Filled from the article");
  await expect(form.getByLabel("Title")).toHaveValue("Zero trust for Kubernetes clusters");
  await expect(form.getByLabel("Source")).toHaveValue("Fixture Weekly");
  await expect(form.getByLabel("TL;DR")).toHaveValue("What changes when every workload proves who it is, and how to roll it out.");
  await expect(form.getByText("published 3 Jun 2025 by Priya Platform")).toBeVisible();

  await form.getByRole("button", { name: "Publish" }).click();
  await expect(form).toHaveURL(/saved=published/);
  await form.getByRole("link", { name: "View the post" }).click();
  await expect(form.locator("article blockquote")).toContainText("no workload is trusted because of where it runs");
  await expect(form.locator(".post-meta__via")).toHaveText(`via ${new URL(FIXTURE).hostname}`);
  await expect(form.locator(".post-meta__via").getByRole("link")).toHaveAttribute("href", `${FIXTURE}/list${query}`);
  await reader.close();
});

test.describe("the post form's prefill", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("says the link is already posted before anything is saved, also behind a shortener", async ({ page }) => {
    const query = run();
    await page.goto(`/admin/posts/new?url=${encodeURIComponent(`${FIXTURE}/articles/posted${query}`)}`);
    await expect(linkStatus(page)).toContainText("Filled from the article");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(/saved=published/);

    await page.goto("/admin/posts/new");
    await page.getByLabel("External URL").fill(`${FIXTURE}/s/posted${query}`);
    await page.getByLabel("External URL").press("Tab");
    await expect(linkStatus(page)).toContainText(/Already posted on \d+ \w+ \d{4}: “An article that is already posted”/);
    // It opens beside the form, which keeps what was typed.
    const opened = page.context().waitForEvent("page");
    await linkStatus(page).getByRole("link", { name: "Open the existing post" }).click();
    await expect(await opened).toHaveURL(/\/admin\/posts\/\w+\/edit/);
    await expect(page.getByLabel("External URL")).toHaveValue(`${FIXTURE}/s/posted${query}`);
  });

  test("never overwrites what the editor typed, and Undo prefill puts back what it filled", async ({ page }) => {
    await page.goto("/admin/posts/new");
    await page.getByLabel("Title").fill("My own title");
    await page.getByLabel("TL;DR").fill("My own TL;DR");
    await page.getByLabel("External URL").fill(`${FIXTURE}/articles/typed${run()}`);
    await page.getByRole("button", { name: "Fetch details" }).click();
    await expect(linkStatus(page)).toContainText("Filled from the article: Source, Summary.");
    await expect(page.getByLabel("Title")).toHaveValue("My own title");
    await expect(page.getByLabel("TL;DR")).toHaveValue("My own TL;DR");
    await expect(page.getByLabel("Source")).toHaveValue("Fixture Weekly");
    await expect(page.getByLabel("Summary")).toHaveValue(/Zero trust starts from one rule/);

    await page.getByRole("button", { name: "Undo prefill" }).click();
    await expect(page.getByLabel("Source")).toHaveValue("");
    await expect(page.getByLabel("Summary")).toHaveValue("");
    await expect(page.getByLabel("Title")).toHaveValue("My own title");
  });
});

test.describe("a contributor's capture", () => {
  test.use({ storageState: storageStateFor("contributor") });

  test("opens from a query, says why the page could not be fetched, and ends as a draft", async ({ page }) => {
    const query = new URLSearchParams({ url: `${FIXTURE}/articles/missing${run()}`, title: "A missing article", selection: "One line\nand another" });
    await page.goto(`/admin/posts/new?${query}`);
    await expect(linkStatus(page)).toContainText("Could not fetch the article: The page answered 404.");
    await expect(page.getByLabel("Title")).toHaveValue("A missing article");
    await expect(page.getByLabel("Summary")).toHaveValue(/^> One line\\\n> and another/);
    await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
    await page.getByLabel("TL;DR").fill("Saved by hand.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(/saved=draft/);
  });
});

test("the share target and cross-site captures: a plain form opens the form, nothing else gets through", async ({ request }) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.share_target).toEqual({
    action: "/admin/posts/new",
    method: "POST",
    enctype: "application/x-www-form-urlencoded",
    params: { title: "title", text: "selection", url: "url" },
  });

  // What Android's share sheet sends: the link inside the text. From another site, the capture is kept, not a post.
  const crossSite = { origin: FIXTURE, "sec-fetch-site": "cross-site" };
  const shared = await request.post("/admin/posts/new", {
    headers: crossSite,
    form: { title: "Shared from a phone", selection: `Look at this ${FIXTURE}/articles/shared` },
    maxRedirects: 0,
  });
  expect(shared.status()).toBe(303);
  expect(shared.headers().location).toMatch(/^\/admin\/posts\/new\?capture=[\w-]{40,}$/);

  // A multipart body (what a Server Action sends) or any other admin address stays refused from another site.
  const multipart = await request.post("/admin/posts/new", { headers: crossSite, multipart: { url: `${FIXTURE}/x` }, maxRedirects: 0 });
  expect(multipart.status()).toBe(403);
  const elsewhere = await request.post("/admin/posts", { headers: crossSite, form: { url: `${FIXTURE}/x` }, maxRedirects: 0 });
  expect(elsewhere.status()).toBe(403);
});
