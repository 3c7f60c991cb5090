import { mkdirSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { AUTH_DIR, createAccount, expectNoSeriousAxeViolations, PASSWORD, signIn, storageStateFor, USERS } from "./support";

setup("first run: the owner account is created at /setup, signed in, and /setup then refuses", async ({ page }) => {
  await page.goto("/admin/posts");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Name").fill(USERS.admin.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(USERS.admin.name);

  await page.getByLabel("Email").fill(USERS.admin.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create owner account" }).click();
  // The owner is signed in at once and lands on the dashboard, not on an empty sign-in form.
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("navigation", { name: "Admin" })).toContainText(`Signed in as ${USERS.admin.name}`);

  // /setup now refuses: it leads to sign-in, which sends the signed-in owner on to the admin; signed out, sign-in stays.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/admin$/);
  await page.context().clearCookies();
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login/);
});

// The only moment the shared database is empty: the owner's first sign-in lands on the dashboard's first steps.
setup("a new site's dashboard shows the first steps instead of empty lists", async ({ page }) => {
  await signIn(page, USERS.admin.email);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const steps = page.getByRole("region", { name: "First steps" });
  await expect(steps.getByRole("listitem")).toHaveText([
    /Write your first post \(to do\)/,
    /Import posts .* \(to do\)/,
    /Invite .* \(to do\)/,
    /Name the site .* \(to do\)/,
  ]);
  for (const [name, href] of [
    ["Write your first post", "/admin/posts/new"],
    ["Import posts from files or bookmarks", "/admin/import"],
    ["Invite the people who write with you", "/admin/users"],
    ["Name the site and choose its time zone", "/admin/settings"],
  ])
    await expect(steps.getByRole("link", { name })).toHaveAttribute("href", href);
  await expect(page.getByRole("link", { name: "0 published" })).toBeVisible();
  await expect(page.getByRole("img")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Your drafts" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, "dashboard (new site)");
});

setup("sign in as each role and keep the sessions for the other tests", async ({ browser }) => {
  mkdirSync(AUTH_DIR, { recursive: true });
  createAccount("EDITOR", USERS.editor);
  createAccount("CONTRIBUTOR", USERS.contributor);
  for (const role of ["admin", "editor", "contributor"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, USERS[role].email);
    await context.storageState({ path: storageStateFor(role) });
    await context.close();
  }
});

setup("a wrong password is refused with a message that reveals nothing", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.editor.email);
  await page.getByLabel("Password").fill("wrong-password-here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
});
