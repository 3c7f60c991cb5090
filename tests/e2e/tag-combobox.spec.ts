import { expect, test, type Page } from "@playwright/test";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, storageStateFor } from "./support";

test.use({ storageState: storageStateFor("editor") });

const word = () => Date.now().toString(36);

/** Saves a draft whose tags and source then exist, to be suggested in the next form. */
async function createExisting(page: Page, tags: string[], source: string) {
  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...corpusPost("0002-deploy-distributed-llm-inference-with-gpudirect-rdma-over-in.md"), tags, source });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as a draft" })).toBeVisible();
}

const tagsField = (page: Page) => page.locator('input[name="tags"]');
const chips = (page: Page) => page.getByRole("list", { name: "Tag list" }).getByRole("listitem");

test("tags and source by keyboard alone: a typo finds the existing tag, a new one takes the explicit create option", async ({ page }) => {
  const w = word();
  const kubernetes = `Kubernetes ${w}`;
  const networking = `Networking ${w}`;
  const source = `Fixture Weekly ${w}`;
  await createExisting(page, [kubernetes, networking], source);

  const post = corpusPost("0003-extending-ai-gateways-with-rust-custom-transformations-in-ag.md", w);
  await page.goto("/admin/posts/new");
  await page.getByLabel("Title").fill(post.title);
  await page.getByLabel("External URL").fill(post.externalUrl);

  const tags = page.getByRole("combobox", { name: "Tags" });
  const listbox = page.getByRole("listbox", { name: "Suggestions" }).filter({ visible: true });
  await tags.focus();
  await page.keyboard.type(`kubernets ${w}`);
  await expect(tags).toHaveAttribute("aria-expanded", "true");
  // The closest existing tag comes first and is highlighted; creating the typo is offered last, not highlighted.
  const options = listbox.getByRole("option");
  await expect(options).toHaveText([kubernetes, `Create new tag “kubernets ${w}”`]);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(tags).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  await expectNoSeriousAxeViolations(page, "tag combobox with its list open");
  await page.keyboard.press("ArrowDown");
  await expect(options.last()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expect(chips(page)).toHaveText([`${kubernetes}×`]);
  await expect(page.getByText(`Added tag ${kubernetes}`)).toBeAttached();
  await expect(tags).toHaveValue("");
  await expect(tagsField(page)).toHaveValue(kubernetes);

  // A tag already chosen is not offered again, nor added twice.
  await page.keyboard.type(kubernetes.toLowerCase());
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Tag ${kubernetes} is already added.`)).toBeAttached();
  await expect(chips(page)).toHaveCount(1);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");

  // A name no tag has: Enter and comma add nothing; only the create option does, and the chip says it is new.
  await page.keyboard.type(`sidecar${w}`);
  await page.keyboard.press("Enter");
  await page.keyboard.press(",");
  await expect(chips(page)).toHaveCount(1);
  await expect(tags).toHaveValue(`sidecar${w}`);
  await expect(page.getByText(`No existing tag “sidecar${w}”`)).toBeAttached();
  await page.keyboard.press("ArrowDown");
  await expect(listbox.getByRole("option", { name: `Create new tag “sidecar${w}”` })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(chips(page).last()).toHaveText(`sidecar${w} (new)×`);

  // A comma adds the highlighted tag; the list narrows as more is typed and leaves out the chosen tags.
  await page.keyboard.type(`netw`);
  await expect(listbox.getByRole("option", { name: kubernetes })).toHaveCount(0);
  await page.keyboard.type(`orking ${w}`);
  await expect(listbox.getByRole("option")).toHaveText([networking]);
  await page.keyboard.press(",");
  await expect(tagsField(page)).toHaveValue(`${kubernetes}, sidecar${w}, ${networking}`);
  // Backspace in the empty field removes the last chip; a chip's button removes its tag.
  await page.keyboard.press("Backspace");
  await expect(tagsField(page)).toHaveValue(`${kubernetes}, sidecar${w}`);
  await expect(page.getByRole("button", { name: `Remove tag ${networking}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Remove tag sidecar${w}` })).toBeVisible();

  // Source: a typo picks the existing source; a new one is marked until an existing one is chosen.
  const sourceBox = page.getByRole("combobox", { name: "Source" });
  await sourceBox.focus();
  await page.keyboard.type(`Brand New ${w}`);
  await expect(page.getByText(`New source: “Brand New ${w}” is not one of the existing sources`)).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(sourceBox).toHaveValue(`Brand New ${w}`);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("option", { name: `Create new source “Brand New ${w}”` })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(`fixtrue weekly ${w}`);
  await expect(page.getByRole("option").first()).toHaveText(source);
  await page.keyboard.press("Enter");
  await expect(sourceBox).toHaveValue(source);
  await expect(page.getByText("New source:")).toHaveCount(0);

  // Saved, the tags and the source are the post's, shown again as chips and on the public page.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
  await expect(chips(page)).toHaveText([`${kubernetes}×`, `sidecar${w}×`]);
  await page.getByRole("link", { name: "View the post" }).click();
  const meta = page.getByRole("list", { name: "Tags" });
  await expect(meta.getByRole("link", { name: new RegExp(kubernetes, "i") })).toBeVisible();
  await expect(meta.getByRole("link", { name: new RegExp(`sidecar${w}`, "i") })).toBeVisible();
  await expect(page.getByRole("link", { name: source, exact: true })).toBeVisible();
});

test("without scripts the tags are one text field that saves; with them, an unsaved tag is kept and restored", async ({ browser, page }) => {
  const w = word();
  const noScript = await browser.newContext({ storageState: storageStateFor("editor"), javaScriptEnabled: false });
  const plain = await noScript.newPage();
  const post = corpusPost("0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md", w);
  await plain.goto("/admin/posts/new");
  await plain.getByLabel("Title").fill(post.title);
  await plain.getByLabel("External URL").fill(post.externalUrl);
  await plain.getByLabel("Tags").fill(`plain${w}, text${w}`);
  await plain.getByRole("button", { name: "Save draft" }).click();
  await plain.waitForURL(/\/admin\/posts\/[^/]+\/edit/);
  const editUrl = plain.url().replace(/\?.*$/, "");
  await noScript.close();

  await page.goto(editUrl);
  await expect(chips(page)).toHaveText([`plain${w}×`, `text${w}×`]);
  // A tag added by keyboard is kept by the browser copy and comes back with "Restore" in another tab.
  await page.getByRole("combobox", { name: "Tags" }).focus();
  await page.keyboard.type(`late${w}`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(tagsField(page)).toHaveValue(`plain${w}, text${w}, late${w}`);
  const again = await page.context().newPage();
  await again.goto(editUrl);
  await expect(chips(again)).toHaveText([`plain${w}×`, `text${w}×`]);
  await again
    .getByRole("region", { name: /^Restore unsaved changes/ })
    .getByRole("button", { name: "Restore" })
    .click();
  await expect(chips(again)).toHaveText([`plain${w}×`, `text${w}×`, `late${w} (new)×`]);
  await expect(tagsField(again)).toHaveValue(`plain${w}, text${w}, late${w}`);
});
