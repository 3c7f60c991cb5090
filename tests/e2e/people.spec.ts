import { expect, test, type Page } from "@playwright/test";
import { corpusPost, fillPostForm, formAlert, storageStateFor } from "./support";

const NEW_PASSWORD = "a quiet river under seven bridges";

async function inviteFromUsersPage(page: Page, person: { name: string; email: string }, role: "Admin" | "Editor" | "Contributor"): Promise<string> {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toContainText(`${person.name} is invited.`);
  const link = await form.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

test("an admin invites an editor, who accepts and publishes; demoted to contributor, their next publish is refused; the audit log shows it all", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const person = { name: `Ivy Invited ${stamp}`, email: `ivy-${stamp}@example.test` };
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const adminPage = await admin.newPage();
  const link = await inviteFromUsersPage(adminPage, person, "Editor");

  // The list shows the invitation as such.
  await adminPage.goto("/admin/users?status=invited");
  await expect(adminPage.getByRole("row", { name: new RegExp(person.name) })).toContainText("Invited");

  // The invited person opens the link in their own browser and chooses a password (a common one is refused).
  const invitee = await browser.newContext();
  const page = await invitee.newPage();
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await page.getByLabel("New password").fill("password123");
  await page.getByRole("button", { name: "Set password and continue" }).click();
  await expect(formAlert(page)).toContainText("one of the most common");
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password and continue" }).click();
  // Accepting signs them in: they land in the admin, not on an empty sign-in form.
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("navigation", { name: "Admin" })).toContainText(`Signed in as ${person.name} (Editor)`);

  // The link worked once.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(new URL(link).pathname);
  await expect(againPage.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await again.close();

  // As an editor, they publish.
  const first = corpusPost("0002-deploy-distributed-llm-inference-with-gpudirect-rdma-over-in.md", `ivy-${stamp}`);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, first);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");

  // They open a second post form while still an editor…
  const second = corpusPost("0003-extending-ai-gateways-with-rust-custom-transformations-in-ag.md", `ivy2-${stamp}`);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, second);

  // …the admin demotes them to contributor…
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("link", { name: person.name }).click();
  await adminPage.getByRole("form", { name: "Role" }).getByLabel("Role").selectOption({ label: "Contributor" });
  await adminPage.getByRole("button", { name: "Change role" }).click();
  await expect(adminPage.getByRole("form", { name: "Role" }).getByRole("status")).toContainText("The role is changed");

  // …and the very next publish from the already-open form is refused; nothing is published.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(formAlert(page)).toContainText("Only editors and admins can publish");
  await page.goto("/admin/posts/new");
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);

  // The audit log tells the story, newest first.
  await adminPage.goto("/admin/audit");
  await adminPage.getByLabel("Person").selectOption({ label: `${person.name} (${person.email})` });
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await expect(adminPage).toHaveURL(/[?&]actor=/);
  const table = adminPage.getByRole("table", { name: "Audit log entries" });
  await expect(table.getByRole("row", { name: /Role changed/ })).toBeVisible();
  const actions = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(actions).toEqual(expect.arrayContaining(["Invited", "Accepted invitation", "Signed in", "Published post", "Role changed"]));
  expect(actions.indexOf("Role changed")).toBeLessThan(actions.indexOf("Published post"));
  await expect(table.getByRole("row", { name: /Published post/ })).toContainText(first.title);
  await expect(table.getByRole("row", { name: /Role changed/ })).toContainText("from: EDITOR, to: CONTRIBUTOR");
  await expect(table.getByRole("row", { name: /Role changed/ })).toContainText("Ada Admin");

  await invitee.close();
  await admin.close();
});

test("an admin manages an account: filters, reset link, deactivation and reactivation, deletion keeping the posts", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const person = { name: `Rita Reset ${stamp}`, email: `rita-${stamp}@example.test` };
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const adminPage = await admin.newPage();
  const invite = await inviteFromUsersPage(adminPage, person, "Contributor");
  const own = await browser.newContext();
  const page = await own.newPage();
  await page.goto(new URL(invite).pathname);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password and continue" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const draft = corpusPost("0004-beyond-terraform-modules-infrastructure-design-by-contract.md", `rita-${stamp}`);
  await page.goto("/admin/posts/new");
  await fillPostForm(page, draft);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Saved as a draft");

  // Filters: by role and status.
  await adminPage.goto("/admin/users?role=CONTRIBUTOR&status=active");
  await expect(adminPage.getByRole("link", { name: person.name })).toBeVisible();
  await adminPage.goto("/admin/users?role=EDITOR");
  await expect(adminPage.getByRole("link", { name: person.name })).toHaveCount(0);

  // A reset link, used once; it signs out the person's sessions.
  await adminPage.goto("/admin/users?role=CONTRIBUTOR");
  await adminPage.getByRole("link", { name: person.name }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: new RegExp(person.name) })).toBeVisible();
  const userPageUrl = adminPage.url();
  await adminPage.getByRole("button", { name: "Create a password-reset link" }).click();
  const resetLink = await adminPage.getByLabel("Password-reset link").inputValue();
  const resetter = await browser.newContext();
  const resetPage = await resetter.newPage();
  await resetPage.goto(new URL(resetLink).pathname);
  await resetPage.getByLabel("New password").fill(`${NEW_PASSWORD} again`);
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  await expect(resetPage).toHaveURL(/\/login\?password=reset/);
  await resetPage.goto(new URL(resetLink).pathname);
  await expect(resetPage.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await page.goto("/admin/posts");
  await expect(page).toHaveURL(/\/login/);
  await resetter.close();

  // Deactivation refuses sign-in; reactivation allows it again.
  await adminPage.goto(userPageUrl);
  await adminPage.getByRole("button", { name: "Deactivate account" }).click();
  await expect(adminPage.getByRole("group", { name: "Access" }).getByRole("status")).toContainText("deactivated");
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(`${NEW_PASSWORD} again`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  await adminPage.getByRole("button", { name: "Reactivate account" }).click();
  await expect(adminPage.getByRole("group", { name: "Access" }).getByRole("status")).toContainText("active again");

  // Deleting keeps the draft, now under the admin's name.
  await adminPage.getByRole("button", { name: "Delete account…" }).click();
  await adminPage.getByRole("button", { name: "Yes, delete this account" }).click();
  await expect(adminPage.getByRole("form", { name: "Confirm deletion" }).getByRole("alert")).toContainText("Choose who keeps the posts");
  await adminPage.getByLabel("Keep the posts under").selectOption({ label: "Ada Admin (ada@example.test)" });
  await adminPage.getByRole("button", { name: "Yes, delete this account" }).click();
  await expect(adminPage).toHaveURL(/\/admin\/users\?deleted=1/);
  await adminPage.goto(`/admin/posts?q=${encodeURIComponent(draft.title)}`);
  await expect(adminPage.getByRole("row", { name: new RegExp(draft.title) })).toContainText("Ada Admin");

  await own.close();
  await admin.close();
});

test("the admin cannot deactivate or delete themselves, and the last admin keeps the role", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/users?role=ADMIN");
  await page.getByRole("link", { name: "Ada Admin" }).click();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete account…" })).toHaveCount(0);
  await page.getByRole("form", { name: "Role" }).getByLabel("Role").selectOption({ label: "Editor" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("form", { name: "Role" }).getByRole("alert")).toContainText("last active admin");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await admin.close();
});

test.describe("editors and contributors", () => {
  for (const role of ["editor", "contributor"] as const) {
    test(`${role}: the users and audit pages are refused`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStateFor(role) });
      const page = await context.newPage();
      await page.goto("/admin/posts");
      await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
      for (const path of ["/admin/users", "/admin/audit"]) {
        // A real redirect, sent before any of the page (the audit log's loading state) streams.
        const refusal = await page.request.get(path, { maxRedirects: 0 });
        expect([refusal.status(), refusal.headers()["location"]]).toEqual([307, "/admin/posts?denied=1"]);
        await page.goto(path);
        await expect(page).toHaveURL(/\/admin\/posts\?denied=1/);
      }
      await context.close();
    });
  }
});
