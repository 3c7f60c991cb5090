import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { expectNoSeriousAxeViolations, storageStateFor } from "./support";

const CORPUS = path.resolve(__dirname, "../fixtures/corpus");

/** A corpus file with a unique URL and a title suffix, so this run's posts are easy to find and never collide. */
function corpusFile(name: string, suffix: string): { text: string; title: string; url: string } {
  const text = readFileSync(path.join(CORPUS, name), "utf8");
  const url = /^external_url: (.+)$/m.exec(text)![1];
  const title = `${/^title: (.+)$/m.exec(text)![1]} ${suffix}`;
  const unique = `${url}?e2e=${suffix}`;
  return {
    text: text
      .split(url)
      .join(unique)
      .replace(/^title: .+$/m, `title: ${title}`),
    title,
    url: unique,
  };
}

test.describe("an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("uploads a zip, checks the dry run, confirms, and the posts are public; the export holds them", async ({ page }) => {
    const suffix = `e2e${Date.now().toString(36)}`;
    const first = corpusFile("0001-securing-kubernetes-traffic-with-calico-ingress-gateway.md", suffix);
    const second = corpusFile("0015-inspect-volcano-workloads-faster-with-headlamp.md", suffix);
    const zip = zipSync({
      "posts/first.md": strToU8(first.text),
      "posts/second.md": strToU8(second.text),
      "posts/broken.md": strToU8("---\ntitle: Broken\ndate: 'yesterday'\nexternal_url: https://example.com/broken\n---\n"),
    });

    await page.goto("/admin/import");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Files to import").setInputFiles({ name: `import-${suffix}.zip`, mimeType: "application/zip", buffer: Buffer.from(zip) });
    await page.getByLabel("Leave the existing post as it is").check();
    await page.getByRole("button", { name: "Upload and check" }).click();
    await expect(page).toHaveURL(/\/admin\/import\/[a-z0-9]+$/);

    // The dry run: nothing written yet, one row per file.
    const confirm = page.getByRole("button", { name: "Import 2 posts" });
    await expect(confirm).toBeVisible({ timeout: 30_000 });
    const table = page.getByRole("table", { name: "Dry run, file by file" });
    await expect(table.getByRole("row", { name: /posts\/first\.md new/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /posts\/second\.md new/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /posts\/broken\.md error/ })).toContainText("Line 3: date 'yesterday' is not an ISO 8601 date-time");
    await expectNoSeriousAxeViolations(page);
    await page.goto("/admin/posts?q=" + encodeURIComponent(suffix));
    await expect(page.getByText("No posts match these filters.")).toBeVisible();
    await page.goBack();

    await page.getByRole("button", { name: "Import 2 posts" }).click();
    await expect(page.locator("main").getByRole("status").filter({ hasText: "Import finished" })).toContainText(
      "2 created, 0 updated, 0 unchanged, 0 skipped, 1 failed",
      { timeout: 30_000 },
    );
    const report = page.getByRole("table", { name: "Import report, file by file" });
    await expect(report.getByRole("row", { name: /posts\/first\.md created/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // Public: the post's own page, with its source and tags.
    await report.getByRole("link", { name: first.title }).click();
    const slug = await page.getByLabel("Slug").inputValue();
    await page.goto(`/posts/${slug}`);
    await expect(page.getByRole("heading", { level: 1, name: first.title })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open the original post ↗" })).toHaveAttribute("href", first.url);
    await expect(page.getByRole("link", { name: "Tigera", exact: true })).toBeVisible();

    // The import stays listed with its report.
    await page.goto("/admin/import");
    await expect(page.getByRole("row", { name: new RegExp(`import-${suffix}\\.zip .* done`) })).toBeVisible();

    // Export: the zip download holds both posts in the link-post format.
    await page.goto("/admin/export");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Markdown files (.zip)").check();
    await page.getByLabel("Status").selectOption("published");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download export" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^linkpress-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = Object.values(unzipSync(new Uint8Array(readFileSync((await download.path())!)))).map((data) => strFromU8(data));
    const exported = files.find((text) => text.includes(`external_url: ${second.url}`));
    expect(exported).toContain("date: '2026-06-25T12:00:00-08:00'");
    expect(exported).toContain(`Open the original post ↗ ${second.url}\n`);
  });
});

/** A bookmark file of about `megabytes` MB: `links` links whose descriptions fill the rest. */
function largeBookmarkFile(megabytes: number, links: number, marker: string): Buffer {
  const description = "A long note about why this link is worth reading later. "
    .repeat(Math.ceil((megabytes * 1e6) / links / 57))
    .slice(0, Math.floor((megabytes * 1e6) / links) - 120);
  const parts = ["<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<DL><p>\n"];
  for (let i = 0; i < links; i++)
    parts.push(`<DT><A HREF="https://large.example.com/${marker}/${i}" ADD_DATE="1700000000">Large ${marker} ${i}</A>\n<DD>${description}\n`);
  parts.push("</DL><p>\n");
  return Buffer.from(parts.join(""));
}

const TOO_LARGE = "The upload is larger than 50 MiB. Import it in parts, or from the command line.";

test.describe("an editor's upload over 10 MB", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("reaches the server whole (a 12 MB bookmark file is checked, link by link)", async ({ page }) => {
    const marker = `big${Date.now().toString(36)}`;
    const file = largeBookmarkFile(12, 6000, marker);
    expect(file.byteLength).toBeGreaterThan(11.5e6);
    // Next buffers a body for proxy.ts only up to its limit (10 MB unless configured), and the route got the rest cut off.
    const upload = await page.request.post("/admin/import/upload", {
      headers: { accept: "application/json" },
      multipart: { onDuplicate: "skip", files: { name: `${marker}.html`, mimeType: "text/html", buffer: file } },
      timeout: 60_000,
    });
    expect(await upload.json()).toEqual({ redirect: expect.stringMatching(/^\/admin\/import\/[a-z0-9]+$/) });
    expect(upload.status()).toBe(200);
    await page.goto((await upload.json()).redirect);
    await expect(page.getByRole("button", { name: "Import 6,000 posts" })).toBeVisible({ timeout: 45_000 });
    // Every link was read: the count covers the last one (the table shows the first thousand rows).
    await expect(page.getByRole("list", { name: "What the import would do" })).toContainText("6,000 new");
    await expect(
      page.getByRole("table", { name: "Dry run, file by file" }).getByRole("row", { name: new RegExp(`^${marker}\\.html, bookmark 1 new`) }),
    ).toBeVisible();
    // Nothing is imported: the preview is dropped with its upload.
    await page.getByRole("button", { name: "Cancel import" }).click();
    await expect(page).toHaveURL(/\/admin\/import\?cancelled=1/);
  });

  test("is refused as too large over 50 MiB, with or without a declared length", async ({ page, baseURL }) => {
    const body = Buffer.alloc(51 * 1024 * 1024, "a");
    const declared = await page.request.post("/admin/import/upload", {
      headers: { accept: "application/json" },
      multipart: { onDuplicate: "skip", files: { name: "huge.zip", mimeType: "application/zip", buffer: body } },
      timeout: 60_000,
    });
    expect(declared.status()).toBe(413);
    expect(await declared.json()).toEqual({ error: TOO_LARGE, field: "files" });

    // Sent in chunks with no Content-Length: the body is cut where Next stops buffering it for the proxy, and that cut
    // must still read as too large, not as a damaged upload.
    const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
    const boundary = "----linkpress-e2e";
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(new URL("/admin/import/upload", baseURL), {
        method: "POST",
        headers: { cookie, accept: "application/json", "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      // The server may answer and close before the whole body is sent.
      request.on("error", reject);
      request.write(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="huge.zip"\r\nContent-Type: application/zip\r\n\r\n`);
      for (let sent = 0; sent < 60; sent++) request.write(Buffer.alloc(1024 * 1024, "a"));
      request.end(`\r\n--${boundary}--\r\n`);
    });
    expect(answer).toEqual({ status: 413, text: JSON.stringify({ error: TOO_LARGE, field: "files" }) });
  });
});

test.describe("a contributor", () => {
  test.use({ storageState: storageStateFor("contributor") });

  test("is refused the import and export screens, the upload and the download", async ({ page }) => {
    await page.goto("/admin/posts");
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Import" })).toHaveCount(0);
    for (const screen of ["/admin/import", "/admin/export"]) {
      await page.goto(screen);
      await expect(page).toHaveURL(/\/admin\/posts\?denied=1/);
      await expect(page.locator("main").getByRole("alert")).toContainText("Your role does not allow");
    }

    // Crafted requests get the same answer from the server.
    const upload = await page.request.post("/admin/import/upload", {
      headers: { accept: "application/json" },
      multipart: {
        onDuplicate: "skip",
        files: { name: "a.md", mimeType: "text/markdown", buffer: Buffer.from("---\ntitle: Sneaky\nexternal_url: https://example.com/sneaky\n---\n") },
      },
    });
    expect(upload.status()).toBe(403);
    expect(await upload.json()).toEqual({ error: "Only editors and admins can import posts." });
    const download = await page.request.get("/admin/export/download?format=json");
    expect(download.status()).toBe(403);
    expect(await download.text()).toBe("Only editors and admins can export posts.");
  });
});

test("signed out, the upload and the download lead to sign-in and reveal nothing", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const download = await anonymous.get("/admin/export/download?format=json", { maxRedirects: 0 });
  expect(download.status()).toBe(303);
  expect(download.headers().location).toMatch(/^\/login/);
  const upload = await anonymous.post("/admin/import/upload", { headers: { accept: "application/json" }, multipart: { onDuplicate: "skip" } });
  expect(upload.status()).toBe(401);
  await anonymous.dispose();
});
