import { expect, test } from "@playwright/test";

// The sitemap's addresses as the production server answers them. The split into numbered files past 50,000
// addresses is covered by tests/integration/sitemap.test.ts with a lowered limit; here the site is small.

test("robots.txt names /sitemap.xml, a <urlset> the browser parses strictly, with conditional requests", async ({ page, request }) => {
  const robots = await (await request.get("/robots.txt")).text();
  const entry = /^Sitemap: (.+)$/m.exec(robots)?.[1];
  expect(new URL(entry!).pathname).toBe("/sitemap.xml");

  const response = await request.get(entry!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  const parsed = await page.evaluate(
    (text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return {
        error: doc.getElementsByTagName("parsererror")[0]?.textContent ?? null,
        root: doc.documentElement.localName,
        namespace: doc.documentElement.namespaceURI,
        locs: Array.from(doc.getElementsByTagName("loc"), (node) => node.textContent ?? ""),
      };
    },
    await response.text(),
  );
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe("urlset");
  expect(parsed.namespace).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  expect(parsed.locs).toContain(`${new URL(entry!).origin}/`);

  const etag = response.headers()["etag"];
  expect(etag).toBeTruthy();
  expect((await request.get("/sitemap.xml", { headers: { "If-None-Match": etag } })).status()).toBe(304);
});

test("numbered sitemaps exist only past 50,000 addresses; made-up file names are 404", async ({ request }) => {
  for (const path of [
    "/sitemap/1.xml",
    "/sitemap/0.xml",
    "/sitemap/01.xml",
    "/sitemap/1",
    "/sitemap/abc.xml",
    "/sitemap/9999999.xml",
    "/sitemap/-1.xml",
    "/sitemap/%2e%2e.xml",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain("<urlset");
  }
});
