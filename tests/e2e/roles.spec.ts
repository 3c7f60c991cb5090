import { expect, test } from "@playwright/test";
import { corpusPost, fillPostForm, formAlert, storageStateFor } from "./support";

test.describe("a contributor", () => {
  test.use({ storageState: storageStateFor("contributor") });

  test("drafts but cannot publish, even with a crafted submission", async ({ page, request }) => {
    const post = corpusPost("0036-under-the-hood-amazon-eks-ultra-scale-clusters.md");
    await page.goto("/admin/posts/new");
    await expect(page.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Schedule", exact: true })).toHaveCount(0);
    await fillPostForm(page, post);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status")).toContainText("Saved as a draft");
    const slug = await page.getByLabel("Slug").inputValue();

    // The UI hides the button; the server must refuse the intent anyway.
    await page.getByRole("button", { name: "Save draft" }).evaluate((button: HTMLButtonElement) => {
      button.value = "publish";
    });
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(formAlert(page)).toContainText("Only editors and admins can publish");
    expect((await request.get(`/posts/${slug}`)).status()).toBe(404);
  });
});

test("a logged-out POST to a Server Action changes nothing", async ({ page, playwright, baseURL }) => {
  const editor = await page
    .context()
    .browser()!
    .newContext({ storageState: storageStateFor("editor") });
  const editorPage = await editor.newPage();
  const post = corpusPost("0015-inspect-volcano-workloads-faster-with-headlamp.md");
  await editorPage.goto("/admin/posts/new");
  await fillPostForm(editorPage, post);
  const captured = editorPage.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await editorPage.getByRole("button", { name: "Save draft" }).click();
  const actionRequest = await captured;
  await expect(editorPage.getByRole("status")).toContainText("Saved as a draft");

  // Replay the same action without cookies, for a different article.
  const replayTitle = `Replayed while logged out ${Date.now()}`;
  const body = actionRequest.postDataBuffer()!.toString("latin1").replace(post.title, replayTitle).replace(post.externalUrl, `${post.externalUrl}-replayed`);
  const anonymous = await playwright.request.newContext({ baseURL });
  const headers = { ...actionRequest.headers() };
  delete headers.cookie;
  const response = await anonymous.post("/admin/posts/new", { headers, data: Buffer.from(body, "latin1") });
  expect(response.status()).toBeLessThan(500);
  expect(await response.text()).toContain("Your session has ended");

  await editorPage.goto(`/admin/posts?q=${encodeURIComponent(replayTitle)}`);
  await expect(editorPage.getByText("No posts match these filters.")).toBeVisible();
  await anonymous.dispose();
  await editor.close();
});

test("signed out, admin pages lead to sign-in and back", async ({ page }) => {
  await page.goto("/admin/posts/new");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fposts%2Fnew/);
  // The post list has a loading state; the redirect is still a real one, sent before anything streams.
  const list = await page.request.get("/admin/posts", { maxRedirects: 0 });
  expect([list.status(), list.headers()["location"]]).toEqual([307, "/login?callbackUrl=%2Fadmin%2Fposts"]);
});
