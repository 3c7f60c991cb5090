import { expect, test, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

// Issue 12, readers and people: lists point at the articles, every 404 has one frame, the admin has a skip link and a
// keyboard-reachable audit table, and new people land signed in.

const signedOut = { storageState: { cookies: [], origins: [] } };

test.describe("readers", () => {
  test.use(signedOut);

  test("every public list links each title to its post and a ↗ straight to the original article", async ({ browser, page }) => {
    const stamp = Date.now().toString(36);
    const post = corpusPost("0008-how-to-get-started-with-calico-observability-features.md", `arrow${stamp}`);
    const tag = `arrow${stamp}`;
    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const editorPage = await editor.newPage();
    await editorPage.goto("/admin/posts/new");
    await fillPostForm(editorPage, { ...post, tags: [tag], source: `Arrow Source ${stamp}` });
    await editorPage.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(editorPage.getByRole("status")).toContainText("Published");
    const slug = await editorPage.getByLabel("Slug").inputValue();
    await editor.close();

    const now = new Date();
    const month = `/archive/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    const lists = ["/", `/tags/${tag}`, `/sources/arrow-source-${stamp}`, `/search?q=${tag}`, month];
    for (const path of lists) {
      await page.goto(path);
      const card = page.locator("article.post-card").filter({ has: page.getByRole("link", { name: post.title, exact: true }) });
      await expect(card.getByRole("link", { name: post.title, exact: true }), path).toHaveAttribute("href", `/posts/${slug}`);
      const out = card.getByRole("link", { name: /^Original article on / });
      await expect(out, path).toHaveAttribute("href", post.externalUrl);
      await expect(out, path).toHaveAttribute("rel", "noopener");
      await expect(out, path).toHaveAccessibleDescription(post.title);
    }

    // Followed, it opens the article itself (answered here: the test runs offline).
    await page.route(post.externalUrl, (route) => route.fulfill({ contentType: "text/html", body: "<title>The article</title><p>The article</p>" }));
    await page.goto("/");
    await page
      .locator("article.post-card")
      .filter({ has: page.getByRole("link", { name: post.title, exact: true }) })
      .getByRole("link", { name: /^Original article on / })
      .click();
    await expect(page).toHaveURL(post.externalUrl);
  });

  const MISSING = ["/tags/no-such-tag-zz", "/sources/no-such-source-zz", "/posts/no-such-post-zz", "/page/999", "/archive/1999/01", "/no-such-page-zz"];

  test("each 404 page has one site frame, one <main>, status 404 and no serious or moderate axe violation", async ({ browser, page }) => {
    // A signed-in editor's request is rendered for them alone, and gets the same whole page.
    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const editorPage = await editor.newPage();
    const visits = [...MISSING.map((path) => ({ path, page })), ...MISSING.slice(0, 3).map((path) => ({ path, page: editorPage }))];
    for (const { path, page } of visits) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator("main"), path).toHaveCount(1);
      await expect(page.getByRole("banner"), path).toHaveCount(1);
      await expect(page.getByRole("contentinfo"), path).toHaveCount(1);
      await expect(page.getByRole("search", { name: "Site search" }), path).toHaveCount(1);
      await expect(page.getByRole("main").getByRole("heading", { level: 1, name: "This page is not here" }), path).toBeVisible();
      await expectNoSeriousAxeViolations(page, path, { includeModerate: true });
    }
    await editor.close();
  });
});

async function inviteContributor(adminPage: Page, person: { name: string; email: string }): Promise<string> {
  await adminPage.goto("/admin/users");
  const form = adminPage.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Role").selectOption({ label: "Contributor" });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toContainText(`${person.name} is invited.`);
  return form.getByLabel("Invitation link").inputValue();
}

test.describe("people", () => {
  test("an invitation link is copied with its button; accepting signs in; a published post is no dead end for its contributor", async ({ browser }) => {
    const stamp = Date.now().toString(36);
    const person = { name: `Cody Copy ${stamp}`, email: `cody-${stamp}@example.test` };
    const admin = await browser.newContext({ storageState: storageStateFor("admin"), permissions: ["clipboard-read", "clipboard-write"] });
    const adminPage = await admin.newPage();
    const link = await inviteContributor(adminPage, person);
    const form = adminPage.getByRole("form", { name: "Invite someone" });
    await form.getByRole("button", { name: "Copy invitation link" }).click();
    await expect(form.getByText("Copied.")).toBeVisible();
    expect(await adminPage.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Accepting signs the person in and lands them on the dashboard.
    const invitee = await browser.newContext(signedOut);
    const page = await invitee.newPage();
    await page.goto(new URL(link).pathname);
    await page.getByLabel("New password").fill("a quiet river under seven bridges");
    await page.getByRole("button", { name: "Set password and continue" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("navigation", { name: "Admin" })).toContainText(`Signed in as ${person.name} (Contributor)`);

    // They submit a post; an editor publishes it; their edit page then leads to the live post and back to their posts.
    const post = corpusPost("0042-ai-sandboxing-is-having-its-kubernetes-moment.md", `cody${stamp}`);
    await page.goto("/admin/posts/new");
    await fillPostForm(page, post);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Submitted for review" })).toBeVisible();
    const editPath = new URL(page.url()).pathname;
    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const editorPage = await editor.newPage();
    await editorPage.goto(editPath);
    await editorPage.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(editorPage.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
    const slug = await editorPage.getByLabel("Slug").inputValue();
    await editor.close();

    await page.goto(editPath);
    await expect(page.getByRole("main").getByRole("status")).toContainText("This post is live on the site.");
    await expect(page.getByRole("link", { name: "View the post on the site" })).toHaveAttribute("href", `/posts/${slug}`);
    await page.getByRole("link", { name: "Back to your posts" }).click();
    await expect(page).toHaveURL(/\/admin\/posts/);
    await invitee.close();
    await admin.close();
  });

  test("the invitation link is a plain selectable field without scripts", async ({ browser }) => {
    const stamp = Date.now().toString(36);
    // Issued in a browser without scripts, the link is in the server-rendered page, with no button that cannot work.
    const plain = await browser.newContext({ storageState: storageStateFor("admin"), javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Name").fill(`Nils Noscript ${stamp}`);
    await form.getByLabel("Email").fill(`nils-${stamp}@example.test`);
    await form.getByLabel("Role").selectOption({ label: "Contributor" });
    await form.getByRole("button", { name: "Send invitation" }).click();
    const field = page.getByLabel("Invitation link");
    await expect(field).toHaveAttribute("readonly", "");
    expect(await field.inputValue()).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("button", { name: "Copy invitation link" })).toHaveCount(0);
    await plain.close();
  });
});

test.describe("admin frame", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the skip link is the first Tab stop on an admin page and moves focus to the page's main", async ({ page }) => {
    for (const [path, heading] of [
      ["/admin/posts/new", "New post"],
      ["/admin/audit", "Audit log"],
    ]) {
      await page.goto(path);
      // The page streams behind a loading notice; Tab order is only settled once its content is in.
      await expect(page.getByRole("heading", { level: 1, name: heading }), path).toBeVisible();
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      await expect(skip, path).toBeFocused();
      await expect(skip, path).toHaveAttribute("href", "#main");
      await page.keyboard.press("Enter");
      await expect(page.getByRole("main"), path).toBeFocused();
      // The next Tab continues inside the page, past the section links.
      await page.keyboard.press("Tab");
      await expect(page.locator("main :focus"), path).toHaveCount(1);
    }
  });

  test("the audit log: readable action names, every action in the filter, a keyboard-reachable table, no serious or moderate axe violation", async ({
    page,
  }) => {
    await page.goto("/admin/audit");
    const filter = page.getByLabel("Action");
    for (const label of [
      "Imported posts",
      "Submitted post for review",
      "Returned post to its author",
      "Created preview link",
      "Created tag",
      "Created source",
    ]) {
      await expect(filter.getByRole("option", { name: label, exact: true })).toHaveCount(1);
    }
    // No option shows a raw code such as post.import.
    expect((await filter.getByRole("option").allTextContents()).filter((text) => /^[a-z_]+\.[a-z_]+$/.test(text))).toEqual([]);
    const region = page.getByRole("region", { name: "Audit log entries" });
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region.getByRole("table", { name: "Audit log entries" })).toBeVisible();
    expect((await region.locator("tbody tr td:nth-child(3)").allTextContents()).filter((text) => /^[a-z_]+\.[a-z_]+$/.test(text))).toEqual([]);
    await region.focus();
    await expect(region).toBeFocused();
    await expectNoSeriousAxeViolations(page, "/admin/audit", { includeModerate: true });
  });
});
