import { expect, test, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

// The field itself: the previews' regions ("Summary preview") carry the field's name too.
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
const selection = (page: Page, label: string) =>
  field(page, label).evaluate((element: HTMLTextAreaElement) => element.value.slice(element.selectionStart, element.selectionEnd));

async function newPostForm(page: Page) {
  await page.goto("/admin/posts/new");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The toolbars come with the page's scripts.
  await expect(button(page, "Bold (Summary)")).toBeVisible();
}

test("by keyboard alone: a word selected in Summary is made bold from the toolbar, previewed bold, and undone", async ({ page }) => {
  await newPostForm(page);
  const summary = field(page, "Summary");
  await summary.focus();
  await page.keyboard.type("Make this word bold");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");
  expect(await selection(page, "Summary")).toBe("bold");

  // The toolbar is one Tab stop before the field; its first button is Bold.
  await page.keyboard.press("Shift+Tab");
  await expect(button(page, "Bold (Summary)")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(summary).toHaveValue("Make this word **bold**");
  await expect(summary).toBeFocused();
  expect(await selection(page, "Summary")).toBe("bold");
  // The counter heard the edit as typing.
  await expect(summary.locator("xpath=..").getByText(/^23 \/ /)).toBeVisible();

  // The preview button follows the field; the preview renders the text as readers get it.
  await page.keyboard.press("Tab");
  await expect(button(page, "Preview Summary")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Summary preview" }).locator("strong")).toHaveText("bold");

  // Ctrl+Z undoes the toolbar's edit, as it undoes typing.
  await summary.focus();
  await page.keyboard.press("Control+z");
  await expect(summary).toHaveValue("Make this word bold");
});

test("the toolbar is one Tab stop whose buttons the arrow keys, Home and End move between", async ({ page }) => {
  await newPostForm(page);
  const toolbar = page.getByRole("toolbar", { name: "Formatting" }).filter({ has: button(page, "Bold (Commentary)") });
  await expect(toolbar).toHaveAttribute("aria-controls", "post-commentary");
  await field(page, "Commentary").focus();
  await page.keyboard.press("Shift+Tab");
  await expect(button(page, "Bold (Commentary)")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(button(page, "Italic (Commentary)")).toBeFocused();
  await page.keyboard.press("End");
  await expect(button(page, "Code (Commentary)")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(button(page, "Bold (Commentary)")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(button(page, "Code (Commentary)")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(button(page, "Bold (Commentary)")).toBeFocused();
  // Out of the toolbar with one Tab, back in on the button last used.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Tab");
  await expect(field(page, "Commentary")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(button(page, "Italic (Commentary)")).toBeFocused();
  await expect(toolbar.getByRole("button")).toHaveCount(6);
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  await expectNoSeriousAxeViolations(page, "the post form with its toolbars", { includeModerate: true });
});

test("Ctrl+B and Ctrl+I in TL;DR bold and slant the selection, and toggle off; Link wraps with the address selected", async ({ page }) => {
  await newPostForm(page);
  const tldr = field(page, "TL;DR");
  await tldr.fill("Short and sweet");
  await tldr.press("End");
  for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Control+b");
  await expect(tldr).toHaveValue("Short and **sweet**");
  await page.keyboard.press("Control+b");
  await expect(tldr).toHaveValue("Short and sweet");
  await page.keyboard.press("Control+i");
  await expect(tldr).toHaveValue("Short and *sweet*");
  expect(await selection(page, "TL;DR")).toBe("sweet");

  // Link (button, or Ctrl+K) asks nothing: the address is selected, and typing replaces it.
  const commentary = field(page, "Commentary");
  await commentary.fill("Read this first");
  await commentary.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(5, 9));
  await button(page, "Link (Commentary)").click();
  await expect(commentary).toHaveValue("Read [this](https://) first");
  await expect(commentary).toBeFocused();
  expect(await selection(page, "Commentary")).toBe("https://");
  await page.keyboard.type("https://example.com/first");
  await expect(commentary).toHaveValue("Read [this](https://example.com/first) first");
  await page.keyboard.press("End");
  await page.keyboard.press("Control+k");
  await expect(commentary).toHaveValue("Read [this](https://example.com/first) first[link text](https://)");

  // The other buttons: a list over several lines, a quote, code.
  const summary = field(page, "Summary");
  await summary.fill("milk\neggs");
  await summary.selectText();
  await button(page, "List (Summary)").click();
  await expect(summary).toHaveValue("- milk\n- eggs");
  await button(page, "Quote (Summary)").click();
  await expect(summary).toHaveValue("> - milk\n> - eggs");
  await summary.press("End");
  await summary.press("Enter");
  await summary.press("Enter");
  await button(page, "Code (Summary)").click();
  await expect(summary).toHaveValue("> - milk\n> - eggs\n\n`code`");

  // The three previews render through the readers' pipeline, side by side.
  for (const label of ["TL;DR", "Summary", "Commentary"]) await button(page, `Preview ${label}`).click();
  await expect(page.getByRole("region", { name: "TL;DR preview" }).locator("em")).toHaveText("sweet");
  await expect(page.getByRole("region", { name: "Summary preview" }).locator("blockquote li")).toHaveText(["milk", "eggs"]);
  await expect(page.getByRole("region", { name: "Summary preview" }).locator("code")).toHaveText("code");
  await expect(page.getByRole("region", { name: "Commentary preview" }).getByRole("link", { name: "this" })).toHaveAttribute(
    "href",
    "https://example.com/first",
  );
});

test("a Markdown TL;DR is rendered on the post's page and plain text in the list; the toolbar's edits are saved", async ({ page }) => {
  const post = corpusPost("0116-navigating-failures-in-pods-with-devices.md");
  await newPostForm(page);
  await fillPostForm(page, post);
  const tldr = field(page, "TL;DR");
  await tldr.fill("Snapshots of volume groups, now **beta**.");
  await button(page, "Publish").click();
  await expect(page.getByRole("status")).toContainText("Published");
  const path = `/posts/${await page.getByLabel("Slug").inputValue()}`;

  await page.goto(path);
  await expect(page.getByRole("region", { name: "TL;DR" }).locator("strong")).toHaveText("beta");
  await page.goto("/");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: post.title }) });
  await expect(card).toContainText("Snapshots of volume groups, now beta.");
  await expect(card).not.toContainText("**");
});

test("without scripts the fields are plain text areas: no toolbar, no preview button", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("editor"), javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/admin/posts/new");
  for (const label of ["TL;DR", "Summary", "Commentary"]) await expect(field(page, label)).toBeVisible();
  await expect(page.getByRole("toolbar")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Preview (TL;DR|Summary|Commentary)$/ })).toHaveCount(0);
  await context.close();
});
