import { expect, test } from "@playwright/test";
import { corpusPost, fillPostForm, formAlert, storageStateFor, updatePublishedPost } from "./support";

test.use({ storageState: storageStateFor("editor") });

test("an editor drafts a corpus post, publishes it everywhere public, edits, unpublishes and deletes it", async ({ page, request }) => {
  const post = corpusPost("0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByLabel("Summary").fill(`${post.summary}\n\n**Preview me**`);
  await page.getByRole("button", { name: "Preview summary" }).click();
  await expect(page.getByRole("region", { name: "summary preview" }).locator("strong")).toHaveText("Preview me");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  const slug = await page.getByLabel("Slug").inputValue();
  expect(slug).toMatch(/^securing-kubernetes-traffic-with-calico-ingress-gateway/);

  // A draft is invisible to readers.
  expect((await request.get(`/posts/${slug}`)).status()).toBe(404);
  await page.goto("/");
  await expect(page.getByRole("link", { name: post.title })).toHaveCount(0);

  await page.goBack();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");

  for (const listing of ["/", "/tags/tigera", "/sources/tigera"]) {
    await page.goto(listing);
    await expect(page.getByRole("link", { name: post.title })).toBeVisible();
  }
  await page.getByRole("link", { name: post.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  const original = page.getByRole("link", { name: "Open the original post ↗" });
  await expect(original).toHaveAttribute("href", post.externalUrl);
  await expect(original).toHaveAttribute("rel", /noopener/);
  await expect(page.getByRole("link", { name: "Tigera", exact: true })).toHaveAttribute("href", "/sources/tigera");
  await expect(page.getByRole("link", { name: "#tigera" })).toHaveAttribute("href", "/tags/tigera");
  await expect(page.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);

  // Edit: the change shows on the next request.
  await page.goto("/admin/posts?q=" + encodeURIComponent(post.title));
  await page.getByRole("link", { name: post.title }).click();
  await page.getByLabel("TL;DR").fill("An edited TL;DR that readers see at once.");
  // A published post is updated in place: its save button says so, and there is no "Publish" to press again.
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await updatePublishedPost(page);
  await page.goto(`/posts/${slug}`);
  await expect(page.getByText("An edited TL;DR that readers see at once.")).toBeVisible();

  // Unpublish: gone from the public side.
  await page.goBack();
  await page.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");
  expect((await request.get(`/posts/${slug}`)).status()).toBe(404);
  await page.goto("/");
  await expect(page.getByRole("link", { name: post.title })).toHaveCount(0);

  // Move to the trash, through its confirmation step.
  await page.goBack();
  await page.getByRole("button", { name: "Move to trash", exact: true }).click();
  await page.getByRole("button", { name: "Yes, move it to the trash" }).click();
  await expect(page).toHaveURL(/\/admin\/posts\?deleted=1/);
  await expect(page.getByRole("status").filter({ hasText: "moved to the trash" })).toBeVisible();
  await expect(page.getByRole("link", { name: post.title })).toHaveCount(0);

  // It waits in the trash, restorable (left there: a later test posts the same article again, which a trashed post allows).
  await page.getByRole("link", { name: "trash", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/trash$/);
  await expect(page.getByRole("form", { name: `Restore ${post.title}` })).toBeVisible();
});

test("bad input is refused beside its field and every typed value stays", async ({ page }) => {
  const post = corpusPost("0007-kubernetes-v1-33-user-namespaces-enabled-by-default.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...post, externalUrl: "javascript:alert(1)" });
  await page.getByLabel("Commentary").fill("My own take.");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(formAlert(page)).toContainText("Some fields need attention");
  const url = page.getByLabel("External URL");
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Only http:// and https:// URLs can be linked.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(post.title);
  await expect(page.getByLabel("Summary")).toHaveValue(post.summary);
  await expect(page.getByLabel("Commentary")).toHaveValue("My own take.");
  await expect(url).toHaveValue("javascript:alert(1)");
});

test("where the link was found shows on the post page as 'via <host>'; a bad via is refused beside its field", async ({ page }) => {
  const post = corpusPost("0044-now-available-remote-mcp-for-digitalocean-services.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByLabel("Via").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(formAlert(page)).toContainText("Some fields need attention");
  const via = page.getByLabel("Via");
  await expect(via).toHaveAttribute("aria-invalid", "true");
  await expect(via).toHaveValue("javascript:alert(1)");
  await expect(page.getByLabel("External URL")).not.toHaveAttribute("aria-invalid", "true");

  await via.fill("https://www.example.com/links/where-i-found-it");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  await expect(page.getByLabel("Via")).toHaveValue("https://www.example.com/links/where-i-found-it");
  await page.goto(`/posts/${await page.getByLabel("Slug").inputValue()}`);
  await expect(page.locator(".post-meta")).toContainText("via example.com");
  const link = page.getByRole("link", { name: "example.com", exact: true });
  await expect(link).toHaveAttribute("href", "https://www.example.com/links/where-i-found-it");
  await expect(link).toHaveAttribute("rel", "nofollow noopener");
});

test("a second post for the same article is refused with a link to the first", async ({ page }) => {
  const post = corpusPost("0013-kubernetes-configuration-good-practices.md");
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");

  await page.goto("/admin/posts/new");
  await fillPostForm(page, {
    ...post,
    title: `${post.title} again`,
    externalUrl: `${post.externalUrl.replace("https://", "HTTPS://")}&utm_source=newsletter#intro`,
  });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(formAlert(page)).toContainText("A post for this article already exists");
  await formAlert(page).getByRole("link", { name: "Open the existing post" }).click();
  await expect(page.getByLabel("Title")).toHaveValue(post.title);
});

test("a stale edit is refused with who changed it, keeping the refused text", async ({ browser }) => {
  const post = corpusPost("0012-the-cloud-controller-manager-chicken-and-egg-problem.md");
  const editor = await browser.newContext({ storageState: storageStateFor("editor") });
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const first = await editor.newPage();
  await first.goto("/admin/posts/new");
  await fillPostForm(first, post);
  await first.getByRole("button", { name: "Save draft" }).click();
  await expect(first.getByRole("status")).toContainText("Saved as a draft");

  const second = await admin.newPage();
  await second.goto(first.url());
  await second.getByLabel("TL;DR").fill("The admin's version.");
  await second.getByRole("button", { name: "Save draft" }).click();
  await expect(second.getByRole("status")).toContainText("Saved as a draft");

  await first.getByLabel("TL;DR").fill("The editor's stale version.");
  await first.getByRole("button", { name: "Save draft" }).click();
  await expect(formAlert(first)).toContainText("changed by someone else (Ada Admin");
  await expect(first.getByLabel("TL;DR")).toHaveValue("The editor's stale version.");
  await second.reload();
  await expect(second.getByLabel("TL;DR")).toHaveValue("The admin's version.");
  await editor.close();
  await admin.close();
});

test("attack strings in Markdown are shown as text and never run", async ({ page }) => {
  const post = corpusPost("0023-whats-new-in-calico-v3-32.md");
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto("/admin/posts/new");
  await fillPostForm(page, {
    ...post,
    title: `<img src=x onerror=alert(1)> ${post.title}`,
    summary: '<script>alert("summary")</script>\n\n[click me](javascript:alert(2)) and <img src=x onerror="alert(3)">',
  });
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  await page.getByRole("link", { name: "View the post" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x onerror=alert(1)>");
  await expect(page.getByText('<script>alert("summary")</script>')).toBeVisible();
  await expect(page.locator(".prose a[href^='javascript']")).toHaveCount(0);
  await expect(page.locator(".prose img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("what is typed before the page's scripts have loaded is kept once they run, and saved", async ({ page }) => {
  // Hold the form's scripts back, as a slow connection would, while the person starts typing.
  let release: () => void = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/**/*.js", async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  const post = corpusPost("0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md");
  await page.goto("/admin/posts/new", { waitUntil: "domcontentloaded" });
  await page.getByLabel("Title").fill(post.title);
  await page.getByLabel("Tags").fill("early, typing");
  release();
  await page.waitForLoadState("networkidle");
  // Once interactive, the form has taken the typed title in: the slug hint is made from it.
  await expect(page.getByLabel("Slug")).toHaveAttribute("placeholder", /^securing-kubernetes-traffic/);
  await expect(page.getByLabel("Title")).toHaveValue(post.title);
  // The typed list became the tag combobox's chips, sent as one field.
  const tags = page.locator('input[name="tags"]');
  await expect(tags).toHaveValue("early, typing");
  // An existing tag (the first test of this file published posts with tags), picked from the list, is added after them.
  await page.getByRole("combobox", { name: "Tags" }).focus();
  await page.keyboard.press("ArrowDown");
  const added = await page.getByRole("option").first().innerText();
  await page.keyboard.press("Enter");
  await expect(tags).toHaveValue(`early, typing, ${added}`);
  await page.getByLabel("External URL").fill(post.externalUrl);
  await page.getByRole("button", { name: "Save draft", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  await expect(page.getByLabel("Title")).toHaveValue(post.title);
  await expect(tags).toHaveValue(`early, typing, ${added}`);
});
