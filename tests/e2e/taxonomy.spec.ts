import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, formAlert, storageStateFor } from "./support";

// A word for names made in this run: letters only, so slugs, search and the post form keep it one word.
function runWord(): string {
  return `zq${Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => "abcdefghij"[Number(digit)])}`;
}

/** An old address answers 301 to the current one (its earlier slug was kept). */
async function expectMoved(request: APIRequestContext, from: string, to: string) {
  const response = await request.get(from, { maxRedirects: 0 });
  expect(response.status(), from).toBe(301);
  expect(new URL(response.headers()["location"], "http://any.invalid").pathname, from).toBe(to);
}

/** Publishes a corpus post through the post form with the given tags and source; returns its title and slug. */
async function publishPost(page: Page, file: string, tags: string[], source: string) {
  const post = { ...corpusPost(file, runWord()), tags, source };
  await page.goto("/admin/posts/new");
  await fillPostForm(page, post);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  return { title: post.title, slug: await page.getByLabel("Slug").inputValue() };
}

/** Opens a tag's or source's admin page from its list, found by the list's name search. */
async function openFromList(page: Page, list: "Tags" | "Sources", name: string) {
  await page.goto("/admin/posts");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: list, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: list })).toBeVisible();
  await page.getByRole("search").getByLabel("Name").fill(name);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await page.getByRole("table").getByRole("link", { name, exact: true }).click();
}

test.describe("an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("renames, merges and deletes tags through the forms, and the public pages and search follow", async ({ page, request }) => {
    const w = runWord();
    const [short, full, extra] = [`K8s ${w}`, `Kubernetes ${w}`, `Networking ${w}`];
    const first = await publishPost(page, "0040-from-chaos-to-clarity-how-opentelemetry-unified-observabilit.md", [short, extra], "CNCF");
    const second = await publishPost(page, "0042-ai-sandboxing-is-having-its-kubernetes-moment.md", [full, short], "CNCF");

    // The list shows the tag with its counts; its row leads to its page.
    await page.goto(`/admin/tags?q=${encodeURIComponent(short)}`);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: short, exact: true }) });
    await expect(row.getByRole("cell")).toHaveText([short, `k8s-${w}`, /^2/, /^2/]);
    await openFromList(page, "Tags", short);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${short}`);

    // A slug another tag uses is refused beside the slug field; what was typed stays.
    const form = page.getByRole("form", { name: "Name and slug" });
    await form.getByLabel("Name").fill(`Orchestration ${w}`);
    await form.getByLabel("Slug").fill(`kubernetes-${w}`);
    await form.getByRole("button", { name: "Save name and slug" }).click();
    await expect(form.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Slug")).toHaveAccessibleDescription(new RegExp(`already used by the tag “${full}”`));
    await expect(form.getByLabel("Name")).toHaveValue(`Orchestration ${w}`);
    await expect(form.getByLabel("Slug")).toHaveValue(`kubernetes-${w}`);

    // A free slug is saved, and the message says the old address leads to the new one.
    await form.getByLabel("Slug").fill(`orchestration-${w}`);
    await form.getByRole("button", { name: "Save name and slug" }).click();
    await expect(form.getByRole("status")).toContainText(`now /tags/orchestration-${w}; the old address /tags/k8s-${w} now leads there`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`#Orchestration ${w}`);

    await expectMoved(request, `/tags/k8s-${w}`, `/tags/orchestration-${w}`);
    await page.goto(`/tags/orchestration-${w}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Posts tagged #Orchestration ${w}`);
    for (const post of [first, second]) await expect(page.getByRole("link", { name: post.title })).toBeVisible();
    await page.goto(`/search?q=${encodeURIComponent(`orchestration ${w}`)}`);
    for (const post of [first, second]) await expect(page.getByRole("link", { name: post.title })).toBeVisible();

    // Merge: an unknown tag is refused beside the field, then the real one is kept.
    await openFromList(page, "Tags", `Orchestration ${w}`);
    await page.getByRole("button", { name: "Merge into another tag…" }).click();
    const merge = page.getByRole("form", { name: "Merge tag" });
    await merge.getByLabel("Merge into tag").fill(`Nothing ${w}`);
    await merge.getByRole("button", { name: `Merge and delete “Orchestration ${w}”` }).click();
    await expect(merge.getByLabel("Merge into tag")).toHaveAccessibleDescription(/No tag is named/);
    await merge.getByLabel("Merge into tag").fill(full);
    await merge.getByRole("button", { name: `Merge and delete “Orchestration ${w}”` }).click();
    await expect(page).toHaveURL(/\/admin\/tags\/[^/?]+\?merged=1$/);
    await expect(page.getByRole("status")).toContainText("The tags were merged");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`#${full}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("2 published of 2 posts");

    await expectMoved(request, `/tags/orchestration-${w}`, `/tags/kubernetes-${w}`);
    await expectMoved(request, `/tags/k8s-${w}`, `/tags/kubernetes-${w}`);
    await page.goto(`/tags/kubernetes-${w}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Posts tagged #${full}`);
    for (const post of [first, second]) await expect(page.getByRole("link", { name: post.title })).toBeVisible();
    // The post that had both tags carries the kept one once.
    await page.goto(`/posts/${second.slug}`);
    await expect(page.getByRole("link", { name: `#${full}` })).toHaveCount(1);
    await page.goto(`/posts/${first.slug}`);
    await expect(page.getByRole("link", { name: `#${full}` })).toHaveAttribute("href", `/tags/kubernetes-${w}`);

    // Delete, through its confirmation step: the post stays, without the tag.
    await openFromList(page, "Tags", extra);
    await page.getByRole("button", { name: "Delete tag…" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("button", { name: "Delete tag…" })).toBeFocused();
    await page.getByRole("button", { name: "Delete tag…" }).click();
    await page.getByRole("button", { name: `Yes, delete “${extra}”` }).click();
    await expect(page).toHaveURL(/\/admin\/tags\?deleted=1$/);
    await expect(page.getByRole("status")).toContainText("Its posts were kept");
    expect((await request.get(`/tags/networking-${w}`)).status()).toBe(404);
    await page.goto(`/posts/${first.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: first.title })).toBeVisible();
    await expect(page.getByRole("link", { name: `#${extra}` })).toHaveCount(0);
  });

  test("edits and merges sources: bad homepages are refused, the public pages follow", async ({ page, request }) => {
    const w = runWord();
    const [oldName, kept] = [`Weekly ${w}`, `Digest ${w}`];
    const first = await publishPost(page, "0043-kepler-re-architected-improved-power-accuracy-and-a-communit.md", ["kepler"], oldName);
    const second = await publishPost(page, "0044-now-available-remote-mcp-for-digitalocean-services.md", ["mcp"], kept);

    await openFromList(page, "Sources", oldName);
    const form = page.getByRole("form", { name: "Source details" });
    await form.getByLabel("Homepage").fill("javascript:alert(document.cookie)");
    await form.getByRole("button", { name: "Save source" }).click();
    await expect(form.getByLabel("Homepage")).toHaveAccessibleDescription(/Only http:\/\/ and https:\/\//);
    await expect(form.getByLabel("Homepage")).toHaveValue("javascript:alert(document.cookie)");

    await form.getByLabel("Name").fill(`Monthly ${w}`);
    await form.getByLabel("Slug").fill("");
    await form.getByLabel("Homepage").fill(`https://monthly-${w}.example.org/`);
    await form.getByRole("button", { name: "Save source" }).click();
    await expect(form.getByRole("status")).toContainText(`now /sources/monthly-${w}`);
    await expectMoved(request, `/sources/weekly-${w}`, `/sources/monthly-${w}`);
    await page.goto(`/sources/monthly-${w}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Posts from Monthly ${w}`);
    await expect(page.getByRole("link", { name: first.title })).toBeVisible();

    await openFromList(page, "Sources", `Monthly ${w}`);
    await page.getByRole("button", { name: "Merge into another source…" }).click();
    const merge = page.getByRole("form", { name: "Merge source" });
    await merge.getByLabel("Merge into source").fill(kept);
    await merge.getByRole("button", { name: `Merge and delete “Monthly ${w}”` }).click();
    await expect(page.getByRole("status")).toContainText("The sources were merged");
    await expectMoved(request, `/sources/monthly-${w}`, `/sources/digest-${w}`);
    await page.goto(`/sources/digest-${w}`);
    for (const post of [first, second]) await expect(page.getByRole("link", { name: post.title })).toBeVisible();
  });

  test("the tag and source screens have no serious or critical accessibility violation, errors and confirmations open", async ({ page }) => {
    const w = runWord();
    await publishPost(page, "0046-achieve-speed-scale-and-reliability-of-virtual-machine-deplo.md", [`Axe ${w}`], `Axe Weekly ${w}`);
    for (const [listPath, name, form, field] of [
      ["/admin/tags", `Axe ${w}`, "Name and slug", "Slug"],
      ["/admin/sources", `Axe Weekly ${w}`, "Source details", "Homepage"],
    ] as const) {
      await page.goto(`${listPath}?q=${encodeURIComponent(name)}`);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("table").getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
      const details = page.getByRole("form", { name: form });
      await details.getByLabel(field, { exact: true }).fill("Not valid!");
      await details.getByRole("button", { name: /^Save/ }).click();
      await expect(details.getByLabel(field, { exact: true })).toHaveAttribute("aria-invalid", "true");
      await page.getByRole("button", { name: /^Merge into another/ }).click();
      await page.getByRole("button", { name: /^Delete (tag|source)…$/ }).click();
      await expectNoSeriousAxeViolations(page);
    }
  });
});

test.describe("a contributor", () => {
  test.use({ storageState: storageStateFor("contributor") });

  test("cannot reach the tag and source screens, and a crafted rename changes nothing", async ({ page, browser }) => {
    await page.goto("/admin/posts");
    const nav = page.getByRole("navigation", { name: "Admin" });
    await expect(nav.getByRole("link", { name: "Posts", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Tags" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Sources" })).toHaveCount(0);

    // An editor's own rename request, to replay with the contributor's session.
    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const editorPage = await editor.newPage();
    const w = runWord();
    const name = `Guarded ${w}`;
    await publishPost(editorPage, "0045-not-your-grandfather-s-vms-renewing-backup-for-red-hat-opens.md", [name], "Red Hat");
    await openFromList(editorPage, "Tags", name);
    const tagPath = new URL(editorPage.url()).pathname;
    const captured = editorPage.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
    await editorPage.getByRole("button", { name: "Save name and slug" }).click();
    const action = await captured;
    await expect(editorPage.getByRole("status")).toContainText("Nothing changed");

    for (const path of ["/admin/tags", tagPath, "/admin/sources"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\/posts\?denied=1/);
      await expect(formAlert(page)).toContainText("Your role does not allow");
    }

    const body = action.postDataBuffer()!.toString("latin1").replace(name, `Hijacked ${w}`);
    const headers = { ...action.headers() };
    delete headers.cookie;
    const response = await page.request.post(tagPath, { headers, data: Buffer.from(body, "latin1") });
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).toContain("Only editors and admins can rename, merge or delete tags.");

    await editorPage.reload();
    await expect(editorPage.getByRole("heading", { level: 1 })).toContainText(`#${name}`);
    expect((await page.request.get(`/tags/guarded-${w}`)).status()).toBe(200);
    expect((await page.request.get(`/tags/hijacked-${w}`)).status()).toBe(404);
    await editor.close();
  });
});
