import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, storageStateFor, USERS } from "./support";

test.describe("personal access tokens", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("an editor creates a token whose secret is shown once, sees it listed, and revokes it; an admin sees it on the person's page", async ({
    page,
    browser,
  }) => {
    const name = `Deploy script ${Date.now().toString(36)}`;
    await page.goto("/admin/account");
    await page.getByRole("link", { name: "Manage API tokens" }).click();
    await expect(page).toHaveURL(/\/admin\/account\/tokens$/);

    // A refusal keeps the choices and names the field.
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Enter a name, such as the app or script that will use it.")).toBeVisible();

    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("checkbox", { name: /posts:write/ }).check();
    await page.getByLabel("Expires").selectOption("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByLabel(`Token “${name}”`);
    await expect(secret).toHaveValue(/^lp_[\w-]{40,}$/);
    await expectNoSeriousAxeViolations(page);

    await page.reload();
    await expect(page.getByLabel(`Token “${name}”`)).toHaveCount(0);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("posts:write");

    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users");
    await adminPage.getByRole("link", { name: USERS.editor.name }).click();
    await expect(adminPage.getByRole("row", { name: new RegExp(name) })).toBeVisible();
    await admin.close();

    await page.getByRole("button", { name: `Revoke “${name}”…` }).click();
    await page.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  });
});

test.describe("the API reference", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("is served by the app itself from the OpenAPI document, for people with an account", async ({ page, browser }) => {
    await page.goto("/api/docs");
    await expect(page.getByRole("heading", { level: 1, name: "Linkpress API" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "POST /posts", exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "GET /links/check", exact: true })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // Not the signed-in state this block uses for its own pages.
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signedOut = await anonymous.newPage();
    await signedOut.goto("/api/docs");
    await expect(signedOut).toHaveURL(/\/login\?callbackUrl=%2Fapi%2Fdocs/);
    await anonymous.close();
  });
});
