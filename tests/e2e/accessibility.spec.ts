import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { corpusPost, expectNoSeriousAxeViolations, fillPostForm, formAlert, storageStateFor } from "./support";

// An axe-core scan of the reader pages and of every admin page: no critical, serious or moderate violation. The light
// colour scheme runs every rule; the dark one the rules that depend on colour (the markup is the same in both).

let slug = "";
let tagPath = "";
let sourcePath = "";

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("editor") });
  const page = await context.newPage();
  await page.goto("/admin/posts/new");
  await fillPostForm(page, { ...corpusPost("0021-how-to-deploy-whisker-and-goldmane-in-manifest-only-calico-s.md"), tags: ["accessibility", "calico"] });
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  slug = await page.getByLabel("Slug").inputValue();
  await page.goto(`/posts/${slug}`);
  tagPath = (await page.getByRole("link", { name: "#accessibility" }).getAttribute("href"))!;
  sourcePath = (await page.locator('.post-meta a[href^="/sources/"]').getAttribute("href"))!;
  await context.close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    test("home, post, tag, source, indexes, archive, search and 404 pages have no critical, serious or moderate violation", async ({ page }) => {
      const pages = [
        "/",
        `/posts/${slug}`,
        tagPath,
        sourcePath,
        "/tags",
        "/sources",
        "/archive",
        "/search?q=calico+whisker",
        "/search?q=nothing-matches-this",
        "/no-such-page",
      ];
      for (const path of pages) {
        await page.goto(path);
        await expectCleanInThisScheme(page, `${path} (${colorScheme})`);
      }
    });

    // A test of their own: the list above already fills most of a test's time on a slow machine.
    test("a reader page's own 404s (tag, source, post, page, month) have no critical, serious or moderate violation", async ({ page }) => {
      for (const path of ["/tags/no-such-tag", "/sources/no-such-source", "/posts/no-such-post", "/page/999", "/archive/1999/01"]) {
        await page.goto(path);
        await expectCleanInThisScheme(page, `${path} (${colorScheme})`);
      }
    });
  });
}

/**
 * No critical, serious or moderate violation: every rule in the light colour scheme, and in the dark one the rules that
 * depend on colour (the markup, which the others read, is the same in both).
 */
async function expectCleanInThisScheme(page: Page, label: string) {
  const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
  await expectNoSeriousAxeViolations(page, label, { includeModerate: true, coloursOnly: dark });
}

/**
 * Scans each page once its heading is in (admin pages stream behind a loading notice), and reports every page's
 * violations together rather than stopping at the first.
 */
async function expectCleanPages(page: Page, paths: string[]) {
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
    await expectCleanInThisScheme(page, path).catch((error: Error) => problems.push(error.message));
  }
  expect(problems, problems.join("\n\n")).toEqual([]);
}

/** The id at the end of the first link in the page's main region whose address starts with `prefix`. */
async function firstLinkId(page: Page, path: string, prefix: string): Promise<string> {
  await page.goto(path);
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  return href!.slice(prefix.length);
}

// Every admin page found by `find app/(admin) -name page.tsx`, as an admin (who reaches them all), split so that no
// test runs long, in both colour schemes; the pages of one post, tag, source, user and import run use the data made here.
for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`every admin page (${colorScheme} colour scheme)`, () => {
    test.use({ storageState: storageStateFor("admin"), colorScheme });

    test("dashboard, posts, new post, review, notices and trash", async ({ page }) => {
      await expectCleanPages(page, [
        "/admin",
        "/admin/posts",
        "/admin/posts?status=draft&q=nothing-matches-this",
        "/admin/posts/new",
        "/admin/review",
        "/admin/notices",
        "/admin/trash",
      ]);
    });

    test("a post's edit, history and unsaved-preview pages, and the admin 404", async ({ page }) => {
      await page.goto("/admin/posts/new");
      await fillPostForm(page, corpusPost("0117-lift-and-shift-vms-to-kubernetes-with-calico-l2-bridge-netwo.md"));
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await expect(page.getByRole("status")).toContainText("Published");
      const editPath = new URL(page.url()).pathname;
      await expectCleanPages(page, [editPath, editPath.replace(/\/edit$/, "/history"), "/admin/no-such-page"]);

      // The unsaved preview, with values as the form's "Preview" hands them over, and with none.
      const values = { title: "Axe preview", externalUrl: "https://example.com/axe", via: "", source: "Example", tags: "axe", publishedAt: "" };
      const text = { tldr: "**Short**", summary: "- one\n- two", commentary: "> quoted", slug: "" };
      await page.evaluate((handed) => localStorage.setItem("linkpress:unsaved-preview:axe", handed), JSON.stringify({ ...values, ...text }));
      await page.goto("/admin/posts/preview#axe");
      await expect(page.getByRole("heading", { level: 1, name: "Axe preview" })).toBeVisible();
      await expectCleanInThisScheme(page, "the unsaved preview");
      // A new page load: a change of the address's fragment alone would not read the storage again.
      await page.goto("about:blank");
      await page.goto("/admin/posts/preview#none");
      await expect(formAlert(page)).toContainText("There is nothing to preview here.");
      await expectCleanInThisScheme(page, "the unsaved preview without values");
    });

    test("tags, sources and their pages", async ({ page }) => {
      const tag = await firstLinkId(page, "/admin/tags", "/admin/tags/");
      const source = await firstLinkId(page, "/admin/sources", "/admin/sources/");
      await expectCleanPages(page, ["/admin/tags", `/admin/tags/${tag}`, "/admin/sources", `/admin/sources/${source}`]);
    });

    test("import and an import's dry run, export and capture", async ({ page }) => {
      const stamp = Date.now().toString(36);
      const corpus = readFileSync(resolve(__dirname, "../fixtures/corpus/0118-is-it-time-to-migrate-a-practical-look-at-kubernetes-ingress.md"), "utf8");
      const markdown = corpus.replace(/^external_url: (.+)$/m, `external_url: $1?axe=${stamp}`);
      const upload = await page.request.post("/admin/import/upload", {
        headers: { accept: "application/json" },
        multipart: {
          onDuplicate: "skip",
          files: { name: `axe-${stamp}.zip`, mimeType: "application/zip", buffer: Buffer.from(zipSync({ "posts/axe.md": strToU8(markdown) })) },
        },
      });
      const run: string = (await upload.json()).redirect;
      await page.goto(run);
      await expect(page.getByRole("button", { name: "Import 1 post" })).toBeVisible({ timeout: 30_000 });
      await expectCleanPages(page, [
        "/admin/import",
        run,
        "/admin/export",
        "/admin/capture",
        "/admin/posts/new?url=https%3A%2F%2Fexample.com%2Fcaptured&title=Captured",
      ]);
    });

    test("settings, users and a user, audit log, account, tokens and two-factor", async ({ page }) => {
      const user = await firstLinkId(page, "/admin/users", "/admin/users/");
      await expectCleanPages(page, [
        "/admin/settings",
        "/admin/users",
        `/admin/users/${user}`,
        "/admin/audit",
        "/admin/account",
        "/admin/account/tokens",
        "/admin/account/two-factor",
      ]);
    });

    test("the IndieAuth consent screen, for an app and for a request it refuses", async ({ page, baseURL }) => {
      const fixture = process.env.E2E_FIXTURE_ORIGIN!;
      const request = new URLSearchParams({
        response_type: "code",
        client_id: `${fixture}/indieauth-app/`,
        redirect_uri: `${fixture}/indieauth-app/callback`,
        state: randomBytes(8).toString("hex"),
        code_challenge: createHash("sha256").update(randomBytes(32)).digest("base64url"),
        code_challenge_method: "S256",
        scope: "create profile",
        me: `${baseURL}/`,
      });
      await expectCleanPages(page, [`/admin/indieauth?${request}`, "/admin/indieauth?response_type=code"]);
      await page.goto(`/admin/indieauth?${request}`);
      await expect(page.getByRole("button", { name: "Allow Fixture Poster" })).toBeVisible();
    });
  });
}
