import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { parse } from "yaml";

const root = path.resolve(__dirname, "../..");
export const AUTH_DIR = path.join(root, `tests/.output/auth-${process.env.E2E_PORT || 3100}`);
export const storageStateFor = (role: "admin" | "editor" | "contributor") => path.join(AUTH_DIR, `${role}.json`);

export const PASSWORD = "e2e-password-long-enough";
export const USERS = {
  admin: { name: "Ada Admin", email: "ada@example.test" },
  editor: { name: "Eddie Editor", email: "eddie@example.test" },
  contributor: { name: "Cora Contributor", email: "cora@example.test" },
} as const;

/** Creates an account straight in the end-to-end database (or another one) through the project's own command. */
export function createAccount(
  role: "ADMIN" | "EDITOR" | "CONTRIBUTOR",
  user: { name: string; email: string },
  databaseUrl = process.env.E2E_RESOLVED_DATABASE_URL,
) {
  execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "lib/cli/create-user.ts", "--email", user.email, "--name", user.name, "--role", role],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, LINKPRESS_PASSWORD: PASSWORD },
      stdio: "pipe",
    },
  );
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

export type CorpusPost = { title: string; externalUrl: string; source: string; tags: string[]; tldr: string; summary: string };

/** A real corpus post from tests/fixtures, with a URL made unique so tests never collide. */
export function corpusPost(file: string, suffix = Date.now().toString(36)): CorpusPost {
  const text = readFileSync(path.join(root, "tests/fixtures/corpus", file), "utf8");
  const data = parse(text.split("\n---\n")[0].replace(/^---\n/, "")) as Record<string, unknown>;
  return {
    title: `${String(data.title)} ${suffix}`,
    externalUrl: `${String(data.external_url)}?e2e=${suffix}`,
    source: String(data.source),
    tags: data.tags as string[],
    tldr: String(data.tldr),
    summary: String(data.summary),
  };
}

export async function fillPostForm(page: Page, post: CorpusPost) {
  await page.getByLabel("Title").fill(post.title);
  await page.getByLabel("External URL").fill(post.externalUrl);
  await page.getByLabel("Source").fill(post.source);
  // A pasted list ending in a comma becomes chips in the tag combobox (and is a plain list without scripts).
  await page.getByLabel("Tags").fill(post.tags.map((tag) => `${tag}, `).join(""));
  await page.getByLabel("TL;DR").fill(post.tldr);
  await page.getByLabel("Summary").fill(post.summary);
}

/**
 * Presses "Update" on a published post's form and waits until the save is stored. The page says "Published" from the
 * save before, so that notice proves nothing; the form's hidden version moves on once this save is stored.
 */
export async function updatePublishedPost(page: Page) {
  const version = page.locator('input[name="version"]');
  const loadedVersion = await version.inputValue();
  await page.getByRole("button", { name: "Update", exact: true }).click();
  await expect(version).not.toHaveValue(loadedVersion);
  await expect(page.getByRole("status")).toContainText("Published");
}

/** The form's own announcements; Next adds a route announcer with role=alert, so scope to the main region. */
export function formAlert(page: Page) {
  return page.locator("main").getByRole("alert");
}

// The axe rules whose outcome depends on the colours a page is drawn in; every other rule reads the markup, the same
// in either colour scheme.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * No serious or critical axe-core violation on the page as it is now (nor a moderate one, with `includeModerate`). Next streams the <title> of dynamic pages
 * after the body has started, so the scan waits for it first (a page without one fails here, as it should). With
 * `coloursOnly`, only the rules that depend on colour run: for a second colour scheme of a page already scanned whole.
 */
export async function expectNoSeriousAxeViolations(page: Page, label = page.url(), { includeModerate = false, coloursOnly = false } = {}) {
  await expect(page, label).toHaveTitle(/\S/);
  const axe = new AxeBuilder({ page });
  const { violations } = await (coloursOnly ? axe.withRules(COLOUR_RULES) : axe).analyze();
  const refused = new Set(["serious", "critical", ...(includeModerate ? ["moderate"] : [])]);
  const serious = violations
    .filter((violation) => refused.has(violation.impact ?? ""))
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(serious, label).toEqual([]);
}
