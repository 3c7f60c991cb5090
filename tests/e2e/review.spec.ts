import { expect, test, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, formAlert, storageStateFor, USERS } from "./support";

const navLink = (page: Page, name: RegExp) => page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name });

test("a contributor submits, an editor returns it with a note, the contributor fixes and resubmits, the editor publishes", async ({ browser }) => {
  const contributor = await browser.newContext({ storageState: storageStateFor("contributor") });
  const editor = await browser.newContext({ storageState: storageStateFor("editor") });
  const cora = await contributor.newPage();
  const eddie = await editor.newPage();
  const post = corpusPost("0042-ai-sandboxing-is-having-its-kubernetes-moment.md");

  // The contributor submits a new post with a note: it is locked for them now, shown read-only.
  await cora.goto("/admin/posts/new");
  await fillPostForm(cora, post);
  await cora.getByLabel("Note for the editor").fill("First try: is the TL;DR too long?");
  await cora.getByRole("button", { name: "Submit for review" }).click();
  await expect(cora.getByRole("status").filter({ hasText: "Submitted for review" })).toBeVisible();
  await expect(cora.getByText("This post is in review, so it is locked")).toBeVisible();
  await expect(cora.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  await expect(cora.getByLabel("Title")).toHaveCount(0);
  const editPath = new URL(cora.url()).pathname;
  // Contributors have no review inbox.
  await expect(navLink(cora, /^Review/)).toHaveCount(0);

  // The editor sees the count in the nav and the post in the inbox, oldest first.
  await eddie.goto("/admin/posts");
  await expect(navLink(eddie, /^Review \(\d+\)$/)).toBeVisible();
  await navLink(eddie, /^Review/).click();
  await expect(eddie).toHaveURL(/\/admin\/review$/);
  const row = eddie.getByRole("table", { name: "Posts in review" }).getByRole("row").filter({ hasText: post.title });
  await expect(row).toContainText(USERS.contributor.name);
  await expectNoSeriousAxeViolations(eddie);
  await row.getByRole("link", { name: post.title }).click();
  const thread = eddie.getByRole("region", { name: "Review notes" });
  await expect(thread).toContainText(`${USERS.contributor.name} submitted it for review`);
  await expect(thread).toContainText("First try: is the TL;DR too long?");
  await expectNoSeriousAxeViolations(eddie);

  // Returning needs a note.
  await eddie.getByRole("button", { name: "Return to author" }).click();
  await expect(formAlert(eddie)).toContainText("Some fields need attention");
  await expect(eddie.getByText("Write a note.")).toBeVisible();
  await eddie.getByLabel("Note for the author").fill("Yes: keep the TL;DR to one sentence.");
  await eddie.getByRole("button", { name: "Return to author" }).click();
  await expect(eddie).toHaveURL(/\/admin\/review\?returned=/);
  await expect(eddie.getByRole("status").filter({ hasText: "Returned to its author" })).toBeVisible();

  // The contributor has a notice, reads the note on the post, fixes it and resubmits with a reply.
  await cora.goto("/admin/posts");
  await expect(navLink(cora, /^Notices \(\d+\)$/)).toBeVisible();
  await navLink(cora, /^Notices/).click();
  await expect(cora.getByRole("listitem").filter({ hasText: `${USERS.editor.name} returned your post “${post.title}” to you with a note.` })).toBeVisible();
  await cora.goto(editPath);
  await expect(cora.getByRole("region", { name: "Review notes" })).toContainText("Yes: keep the TL;DR to one sentence.");
  await expectNoSeriousAxeViolations(cora);
  await cora.getByLabel("TL;DR").fill("AI sandboxes are where containers were ten years ago.");
  await cora.getByLabel("Note for the editor").fill("Done: one sentence now.");
  await cora.getByRole("button", { name: "Submit for review" }).click();
  await expect(cora.getByRole("status").filter({ hasText: "Submitted for review" })).toBeVisible();

  // The editor publishes it from the post's page.
  await eddie.goto(editPath);
  await expect(eddie.getByRole("region", { name: "Review notes" })).toContainText("Done: one sentence now.");
  await expect(eddie.getByLabel("TL;DR")).toHaveValue("AI sandboxes are where containers were ten years ago.");
  await eddie.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(eddie.getByRole("status")).toContainText("Published");

  // The contributor is told, and marks the notices read.
  await cora.goto("/admin/notices");
  const published = cora.getByRole("listitem").filter({ hasText: `${USERS.editor.name} published your post “${post.title}”.` });
  await expect(published).toBeVisible();
  await expectNoSeriousAxeViolations(cora);
  await published.getByRole("button", { name: /^Mark as read/ }).click();
  await expect(cora.getByRole("status").filter({ hasText: "Marked as read." })).toBeVisible();

  await contributor.close();
  await editor.close();
});

test.describe("a contributor", () => {
  test.use({ storageState: storageStateFor("contributor") });

  test("cannot open the review inbox", async ({ page }) => {
    await page.goto("/admin/review");
    await expect(formAlert(page)).toContainText("Only editors and admins review posts.");
  });
});
