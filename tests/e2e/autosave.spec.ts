import { expect, test, type Browser, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

/** A new draft saved through the form; returns its edit address (the page stays on it). */
async function createDraft(page: Page, file: string): Promise<string> {
  await page.goto("/admin/posts/new");
  await fillPostForm(page, corpusPost(file));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as a draft" })).toBeVisible();
  return page.url().replace(/\?.*$/, "");
}

/** Typed with real key presses, as a person does (the browser then counts the page as used, for beforeunload). */
async function typeInto(page: Page, label: string, text: string) {
  await page.getByLabel(label).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function openAgain(browser: Browser, storageState: NonNullable<Parameters<Browser["newContext"]>[0]>["storageState"], url: string) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

test("text typed and never saved survives the browser closing: the copy is offered with a diff, restored and saved", async ({ browser, page }) => {
  const editUrl = await createDraft(page, "0050-advanced-memory-tiering-enhancements-in-vmware-cloud-foundat.md");
  await typeInto(page, "Summary", " Words typed before the crash.");
  // The browser keeps its storage; the page is killed before the server autosave (3 s of idle) could run.
  const kept = await page.context().storageState();
  await page.context().close();

  const { context, page: reopened } = await openAgain(browser, kept, editUrl);
  const offer = reopened.getByRole("region", { name: /^Restore unsaved changes from \d{1,2}:\d{2}/ });
  await expect(offer).toContainText("This browser kept text you typed");
  await expect(offer.locator("dl")).toContainText("inserted: Words typed before the crash.");
  await expect(reopened.getByLabel("Summary")).not.toHaveValue(/before the crash/);
  await offer.getByRole("button", { name: "Restore" }).click();
  await expect(offer).toBeHidden();
  await expect(reopened.getByLabel("Summary")).toHaveValue(/Words typed before the crash\.$/);
  await reopened.getByRole("button", { name: "Save draft" }).click();
  await expect(reopened.getByRole("status").filter({ hasText: "Saved as a draft" })).toBeVisible();
  await expect(reopened.getByLabel("Summary")).toHaveValue(/Words typed before the crash\.$/);

  // Saved: nothing is offered any more.
  await reopened.reload();
  await expect(reopened.getByLabel("Summary")).toHaveValue(/Words typed before the crash\.$/);
  await expect(reopened.getByRole("region", { name: /Restore unsaved changes/ })).toHaveCount(0);
  await context.close();
});

test("the server's autosave is offered in a browser that kept nothing, and Discard drops it", async ({ browser, page }) => {
  const editUrl = await createDraft(page, "0051-enhancing-kubernetes-event-management-with-custom-aggregatio.md");
  await typeInto(page, "TL;DR", " Autosaved on the server.");
  await expect(page.getByText(/^Autosaved at \d{1,2}:\d{2}/)).toBeVisible({ timeout: 10_000 });
  await page.context().close();

  // Another browser (the same person signed in, nothing in its storage): only the server has the text.
  const { context, page: reopened } = await openAgain(browser, storageStateFor("editor"), editUrl);
  const offer = reopened.getByRole("region", { name: /^Restore unsaved changes from/ });
  await expect(offer).toContainText("The server kept an autosave");
  await expect(offer.locator("dl")).toContainText("inserted: Autosaved on the server.");
  await expect(offer).toContainText("Unchanged: Title");
  await expectNoSeriousAxeViolations(reopened, "edit form with the restore offer");

  // Discard drops the server's copy in the background; reloading before that request has answered would cancel it.
  const discarded = reopened.waitForResponse((response) => response.request().method() === "POST" && Boolean(response.request().headers()["next-action"]));
  await offer.getByRole("button", { name: "Discard" }).click();
  await expect(offer).toBeHidden();
  await expect(reopened.getByLabel("TL;DR")).not.toHaveValue(/Autosaved on the server/);
  expect((await discarded).ok()).toBe(true);
  // Discarded for good: the server's copy is gone too.
  await expect(async () => {
    await reopened.reload();
    await expect(reopened.getByLabel("Title")).toBeVisible();
    await expect(reopened.getByRole("region", { name: /Restore unsaved changes/ })).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await context.close();
});

test("leaving the form with unsaved text asks first, by link or by closing the tab", async ({ page }) => {
  const editUrl = await createDraft(page, "0052-more-resilient-flexible-networking-for-the-cloud-workloads-t.md");
  // Nothing typed yet: links leave without a question.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/history$/);
  await page.goto(editUrl);

  await typeInto(page, "Commentary", "Not saved yet.");
  const dialogs: string[] = [];
  page.once("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "History" }).click();
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  await expect(page).toHaveURL(editUrl);
  await expect(page.getByLabel("Commentary")).toHaveValue("Not saved yet.");

  page.once("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload", "beforeunload"]);
});

test("offline, the save button says so, the text stays, and the pressed draft save goes out when the connection is back", async ({ page }) => {
  const editUrl = await createDraft(page, "0053-introducing-a-managed-component-for-maintaining-host-routes.md");
  await page.context().setOffline(true);
  const waitingSave = page.getByRole("button", { name: "Offline — will save when back" });
  await expect(waitingSave).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await typeInto(page, "TL;DR", " Written on the train.");
  await waitingSave.click();
  await expect(page.getByText("Offline: the draft will be saved when the connection is back.")).toBeVisible();
  await expect(page.getByLabel("TL;DR")).toHaveValue(/Written on the train\.$/);

  // The draft's first save left "Saved as a draft" on the page: the new version says this save went out.
  const version = page.locator('input[name="version"]');
  const versionBefore = await version.inputValue();
  await page.context().setOffline(false);
  await expect(version).not.toHaveValue(versionBefore);
  await expect(page.getByRole("status").filter({ hasText: "Saved as a draft" })).toBeVisible();
  await page.goto(editUrl);
  await expect(page.getByLabel("TL;DR")).toHaveValue(/Written on the train\.$/);
  await expect(page.getByRole("button", { name: "Save draft" })).toBeEnabled();
});
