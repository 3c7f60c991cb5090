import { expect, test, type Browser, type Page } from "@playwright/test";
import { corpusPost, fillPostForm, formAlert, storageStateFor, updatePublishedPost } from "./support";

// The reader side end to end: feeds, discovery, search, settings and the cache, against `next start`.

let counter = 0;
/** A word no other test uses, letters only so every search tokenizer keeps it whole. */
function uniqueWord(): string {
  counter += 1;
  return `zq${Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => "abcdefghij"[Number(digit)])}${"abcdefghij"[counter % 10]}x`;
}

type Published = { title: string; slug: string; externalUrl: string; tag: string; source: string };

/** Publishes a corpus post as the editor, with the given title, one tag and one source; returns where it lives. */
async function publishPost(
  browser: Browser,
  overrides: { title: string; tag: string; source: string; summary?: string; intent?: "Publish" | "Schedule"; publishedAt?: () => string },
): Promise<Published> {
  const context = await browser.newContext({ storageState: storageStateFor("editor") });
  const page = await context.newPage();
  const post = corpusPost("0008-how-to-get-started-with-calico-observability-features.md", uniqueWord());
  await page.goto("/admin/posts/new");
  await fillPostForm(page, {
    ...post,
    title: overrides.title,
    tags: [overrides.tag, "observability"],
    source: overrides.source,
    summary: overrides.summary ?? post.summary,
  });
  // Computed just before the save, so a slow form fill never leaves a scheduled time already past.
  if (overrides.publishedAt) await page.getByLabel("Publish date").fill(overrides.publishedAt());
  await page.getByRole("button", { name: overrides.intent ?? "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(overrides.intent === "Schedule" ? "Scheduled" : "Published");
  const slug = await page.getByLabel("Slug").inputValue();
  await context.close();
  return { title: overrides.title, slug, externalUrl: post.externalUrl, tag: overrides.tag.toLowerCase(), source: overrides.source };
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Parses XML with the browser's parser, which refuses anything that is not well-formed. */
async function parseXml(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const error = doc.getElementsByTagName("parsererror")[0]?.textContent ?? null;
    const texts = (name: string) => Array.from(doc.getElementsByTagName(name), (node) => node.textContent ?? "");
    const attributes = (name: string, attribute: string) => Array.from(doc.getElementsByTagName(name), (node) => node.getAttribute(attribute));
    return {
      error,
      root: doc.documentElement.localName,
      titles: texts("title"),
      guids: texts("guid"),
      categories: texts("category"),
      sources: texts("source"),
      links: Array.from(doc.getElementsByTagName("link"), (node) => ({ rel: node.getAttribute("rel"), href: node.getAttribute("href") })),
      categoryTerms: attributes("category", "term"),
      lastmods: texts("lastmod"),
      locs: texts("loc"),
    };
  }, xml);
}

test.describe("feeds", () => {
  const title = `Fish & Chips <b>not bold</b> 🚀 שלום ${uniqueWord()}`;
  let post: Published;

  test.beforeAll(async ({ browser }) => {
    post = await publishPost(browser, { title, tag: `Feeds ${uniqueWord()}`, source: `Source & Sons ${uniqueWord()}` });
    post.tag = slugOf(post.tag);
  });

  test("site, tag and source feeds carry the post in every format, well-formed and escaped", async ({ page, request }) => {
    await page.goto("/");
    const origin = new URL(page.url()).origin;
    const sourceSlug = slugOf(post.source);
    for (const base of ["", `/tags/${post.tag}`, `/sources/${sourceSlug}`]) {
      const rss = await request.get(`${base}/feed.xml`);
      expect(rss.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
      const rssDoc = await parseXml(page, await rss.text());
      expect(rssDoc.error, `${base}/feed.xml`).toBeNull();
      expect(rssDoc.root).toBe("rss");
      expect(rssDoc.titles).toContain(title);
      expect(rssDoc.guids).toContain(`${origin}/posts/${post.slug}`);

      const atom = await request.get(`${base}/atom.xml`);
      expect(atom.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
      const atomDoc = await parseXml(page, await atom.text());
      expect(atomDoc.error, `${base}/atom.xml`).toBeNull();
      expect(atomDoc.root).toBe("feed");
      expect(atomDoc.titles).toContain(title);
      expect(atomDoc.links).toContainEqual({ rel: "related", href: post.externalUrl });
      expect(atomDoc.links).toContainEqual({ rel: "alternate", href: `${origin}/posts/${post.slug}` });

      const json = await request.get(`${base}/feed.json`);
      expect(json.headers()["content-type"]).toBe("application/feed+json; charset=utf-8");
      const feed = await json.json();
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      const item = feed.items.find((candidate: { title: string }) => candidate.title === title);
      expect(item).toMatchObject({ id: `${origin}/posts/${post.slug}`, url: `${origin}/posts/${post.slug}`, external_url: post.externalUrl });
    }
    const tagRss = await parseXml(page, await (await request.get(`/tags/${post.tag}/feed.xml`)).text());
    expect(tagRss.categories).toContain("observability");
    expect(tagRss.sources).toContain(post.source);
    expect((await request.get("/tags/no-such-tag/feed.xml")).status()).toBe(404);
  });

  test("feeds answer conditional requests with 304, from the page cache too", async ({ request }) => {
    const first = await request.get("/atom.xml");
    const { etag, "last-modified": lastModified } = first.headers();
    expect(etag).toBeTruthy();
    const body = await first.text();
    for (let round = 0; round < 2; round++) {
      const notModified = await request.get("/atom.xml", { headers: { "If-None-Match": etag } });
      expect(notModified.status()).toBe(304);
      expect(notModified.headers()["etag"]).toBe(etag);
      expect(await notModified.text()).toBe("");
      expect((await request.get("/atom.xml", { headers: { "If-Modified-Since": lastModified } })).status()).toBe(304);
      const changed = await request.get("/atom.xml", { headers: { "If-None-Match": '"old"' } });
      expect(changed.status()).toBe(200);
      expect(changed.headers()["x-linkpress-cache"]).toBe("hit");
      expect(changed.headers()["content-type"]).toContain("application/atom+xml");
      expect(await changed.text()).toBe(body);
    }
  });

  test("every public page advertises the site's feeds, and tag and source pages their own", async ({ page }) => {
    for (const path of ["/", `/posts/${post.slug}`, "/tags", "/sources", "/archive", `/search?q=${uniqueWord()}`, "/no-such-page"]) {
      await page.goto(path);
      await expect(page.locator('link[rel="alternate"][type="application/rss+xml"][href$="/feed.xml"]').first(), path).toHaveAttribute("title", /RSS/);
      await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]').first(), path).toHaveAttribute("href", /\/atom\.xml$/);
      await expect(page.locator('link[rel="alternate"][type="application/feed+json"]').first(), path).toHaveAttribute("href", /\/feed\.json$/);
    }
    await page.goto(`/tags/${post.tag}`);
    await expect(page.locator(`link[rel="alternate"][href$="/tags/${post.tag}/feed.xml"]`)).toHaveCount(1);
    await expect(page.getByRole("link", { name: "JSON Feed" }).first()).toHaveAttribute("href", `/tags/${post.tag}/feed.json`);
    await page.goto(`/sources/${slugOf(post.source)}`);
    await expect(page.locator(`link[rel="alternate"][href$="/sources/${slugOf(post.source)}/atom.xml"]`)).toHaveCount(1);
  });
});

test.describe("discovery", () => {
  let post: Published;

  test.beforeAll(async ({ browser }) => {
    post = await publishPost(browser, {
      title: `Discovery ${uniqueWord()} ‘quoted’ & <angled>`,
      tag: `Discovery ${uniqueWord()}`,
      source: `Discovery Source ${uniqueWord()}`,
    });
    post.tag = slugOf(post.tag);
  });

  test("the post page has canonical, OpenGraph and Twitter meta and JSON-LD naming the article it comments on", async ({ page }) => {
    await page.goto(`/posts/${post.slug}`);
    const origin = new URL(page.url()).origin;
    const permalink = `${origin}/posts/${post.slug}`;
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", permalink);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", post.title);
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", permalink);
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /\S/);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "SocialMediaPosting",
      url: permalink,
      headline: post.title,
      sharedContent: { "@type": "Article", url: post.externalUrl, publisher: { name: post.source } },
      citation: { url: post.externalUrl },
      isBasedOn: post.externalUrl,
    });
    for (const path of ["/", `/tags/${post.tag}`, "/tags", "/archive"]) {
      await page.goto(path);
      await expect(page.locator('link[rel="canonical"]'), path).toHaveAttribute("href", new RegExp(`^${origin}`));
      await expect(page.locator('meta[property="og:title"]'), path).toHaveAttribute("content", /\S/);
      await expect(page.locator('meta[name="twitter:card"]'), path).toHaveAttribute("content", "summary");
    }
  });

  test("each post has a 1200×630 PNG share image", async ({ page, request }) => {
    await page.goto(`/posts/${post.slug}`);
    const imageUrl = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(imageUrl).toContain(`/posts/${post.slug}/opengraph-image`);
    const response = await request.get(imageUrl!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    const png = await response.body();
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    // A right-to-left and emoji title still gets an image, drawn without fetching fonts.
    const other = await publishPost(page.context().browser()!, { title: `שלום עולם 🚀 ${uniqueWord()}`, tag: "rtl", source: "RTL Source" });
    const otherImage = await request.get(`/posts/${other.slug}/opengraph-image-${imageUrl!.split("/opengraph-image-")[1]}`);
    expect(otherImage.status()).toBe(200);
  });

  test("the sitemap lists the post, its tag and source with dates, and robots.txt names it", async ({ page, request }) => {
    const robots = await (await request.get("/robots.txt")).text();
    const sitemapUrl = /^Sitemap: (.+)$/m.exec(robots)?.[1];
    expect(sitemapUrl).toMatch(/\/sitemap\.xml$/);
    expect(robots).toMatch(/Disallow: \/admin/);
    const sitemap = await parseXml(page, await (await request.get(sitemapUrl!)).text());
    expect(sitemap.error).toBeNull();
    const origin = new URL(sitemapUrl!).origin;
    for (const path of ["/", `/posts/${post.slug}`, `/tags/${post.tag}`, `/sources/${slugOf(post.source)}`]) expect(sitemap.locs).toContain(`${origin}${path}`);
    expect(sitemap.lastmods.length).toBe(sitemap.locs.length);
    for (const date of sitemap.lastmods) expect(Number.isNaN(Date.parse(date))).toBe(false);
  });

  test("tag and source indexes show counts; the month archive lists the post", async ({ page }) => {
    await page.goto("/tags");
    await expect(page.locator("li", { has: page.locator(`a[href="/tags/${post.tag}"]`) })).toContainText("1 post");
    await page.goto("/sources");
    await expect(page.locator("li", { has: page.locator(`a[href="/sources/${slugOf(post.source)}"]`) })).toContainText("1 post");

    await page.goto("/archive");
    const month = page.getByRole("link", { name: new Date().toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }) });
    await month.click();
    await expect(page).toHaveURL(/\/archive\/\d{4}\/\d{2}$/);
    await expect(page.getByRole("link", { name: post.title })).toBeVisible();
    expect((await page.request.get("/archive/2025/13")).status()).toBe(404);
    expect((await page.request.get("/archive/1999/01")).status()).toBe(404);
  });
});

test.describe("search", () => {
  const word = uniqueWord();
  let post: Published;

  test.beforeAll(async ({ browser }) => {
    post = await publishPost(browser, {
      title: `Searchable ${word} networking`,
      tag: "search",
      source: "Search Source",
      summary: `The summary explains ${word} with <script>alert("x")</script> inside.`,
    });
  });

  test("finds a published post by a word, highlights it, and works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("search", { name: "Site search" }).getByLabel("Search posts").fill(word);
    await page.getByRole("search", { name: "Site search" }).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}`));
    await expect(page.getByRole("status")).toHaveText("1 post found");
    const results = page.getByRole("list", { name: "Search results" });
    await expect(results.getByRole("link", { name: post.title })).toBeVisible();
    await expect(results.locator("mark").first()).toHaveText(new RegExp(word, "i"));
    await expect(page.getByRole("searchbox", { name: "Search posts" }).last()).toHaveValue(word);
    await context.close();
  });

  test("operators, quotes and huge input are searched as text; markup in results stays text; drafts are never found", async ({ page, browser }) => {
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    for (const query of [`"${word}`, `${word}*`, `-${word}`, `(${word}`, `${word} " ( * -`]) {
      const response = await page.goto(`/search?q=${encodeURIComponent(query)}`);
      expect(response?.status(), query).toBe(200);
      await expect(page.getByRole("link", { name: post.title }), query).toBeVisible();
    }
    for (const query of [`${word} NEAR`, "<script>alert(1)</script>", `'; DROP TABLE "Post"; --`, "(".repeat(50) + "x".repeat(4950), '* - ( ) "']) {
      const response = await page.goto(`/search?q=${encodeURIComponent(query)}`);
      expect(response?.status(), query.slice(0, 40)).toBe(200);
      await expect(page.getByRole("status")).toHaveText("Nothing found");
    }
    await page.goto(`/search?q=${word}`);
    await expect(page.locator("main script")).toHaveCount(0);

    const draftWord = uniqueWord();
    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const editorPage = await editor.newPage();
    await editorPage.goto("/admin/posts/new");
    await fillPostForm(editorPage, { ...corpusPost("0013-kubernetes-configuration-good-practices.md", draftWord), title: `Draft ${draftWord}` });
    await editorPage.getByRole("button", { name: "Save draft" }).click();
    await expect(editorPage.getByRole("status")).toContainText("Saved as a draft");
    await editor.close();
    await page.goto(`/search?q=${draftWord}`);
    await expect(page.getByRole("status")).toHaveText("Nothing found");
    expect(dialogs).toBe(0);
  });
});

test.describe("settings and freshness", () => {
  test("an admin changes the site settings and readers see them at once; others are refused", async ({ browser, page }) => {
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/settings");
    const original = {
      title: await adminPage.getByLabel("Site title").inputValue(),
      description: await adminPage.getByLabel("Description").inputValue(),
      language: await adminPage.getByLabel("Language").inputValue(),
      perPage: await adminPage.getByLabel("Posts per page").inputValue(),
    };

    await adminPage.getByLabel("Site title").fill("");
    await adminPage.getByLabel("Public address").fill("javascript:alert(1)");
    await adminPage.getByLabel("Posts per page").fill("1000");
    await adminPage.getByRole("button", { name: "Save settings" }).click();
    await expect(formAlert(adminPage)).toContainText("Some fields need attention");
    await expect(adminPage.getByLabel("Site title")).toHaveAttribute("aria-invalid", "true");
    await expect(adminPage.getByLabel("Public address")).toHaveValue("javascript:alert(1)");
    await expect(adminPage.getByText("Show at most 100 posts per page.")).toBeVisible();

    const siteTitle = `Reader Test ${uniqueWord()}`;
    await adminPage.getByLabel("Site title").fill(siteTitle);
    await adminPage.getByLabel("Public address").fill(new URL(adminPage.url()).origin);
    await adminPage.getByLabel("Language").fill("de");
    await adminPage.getByLabel("Posts per page").fill("5");
    await adminPage.getByRole("button", { name: "Save settings" }).click();
    await expect(adminPage.getByRole("status")).toContainText("Settings saved");

    await page.goto("/");
    await expect(page.getByRole("link", { name: siteTitle }).first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle(siteTitle);
    expect(await page.getByRole("list", { name: "Posts" }).getByRole("heading", { level: 2 }).count()).toBeLessThanOrEqual(5);
    expect(await (await page.request.get("/feed.json")).json()).toMatchObject({ title: siteTitle, language: "de" });

    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const editorPage = await editor.newPage();
    await editorPage.goto("/admin/settings");
    await expect(editorPage).toHaveURL(/\/admin\/posts\?denied=1/);
    await editor.close();

    await adminPage.getByLabel("Site title").fill(original.title);
    await adminPage.getByLabel("Description").fill(original.description);
    await adminPage.getByLabel("Language").fill(original.language);
    await adminPage.getByLabel("Posts per page").fill(original.perPage);
    await adminPage.getByRole("button", { name: "Save settings" }).click();
    await expect(adminPage.getByRole("status")).toContainText("Settings saved");
    await admin.close();
  });

  test("a scheduled post appears on the home page and in the feed by itself once due", async ({ browser, page }) => {
    // Due a while after the form is filled: long enough for the save and the "not yet" checks on a busy machine.
    let due = new Date();
    const post = await publishPost(browser, {
      title: `Scheduled ${uniqueWord()}`,
      tag: "scheduled",
      source: "Later",
      intent: "Schedule",
      publishedAt: () => {
        due = new Date(Date.now() + 15_000);
        return due.toISOString().slice(0, 19);
      },
    });
    await page.goto("/");
    await expect(page.getByRole("link", { name: post.title })).toHaveCount(0);
    expect(await (await page.request.get("/feed.xml")).text()).not.toContain(post.title);
    await page.waitForTimeout(Math.max(0, due.getTime() - Date.now() + 500));
    await page.goto("/");
    await expect(page.getByRole("link", { name: post.title })).toBeVisible();
    expect(await (await page.request.get("/feed.xml")).text()).toContain(post.title);
    expect((await page.request.get(`/posts/${post.slug}`)).status()).toBe(200);
  });

  test("public pages work with JavaScript disabled", async ({ browser }) => {
    const post = await publishPost(browser, { title: `No script ${uniqueWord()}`, tag: "noscript", source: "Plain HTML" });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: post.title }).click();
    await expect(page.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
    await page.getByRole("link", { name: "#noscript" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Posts tagged #noscript");
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Sources" }).click();
    await expect(page.getByRole("link", { name: "Plain HTML" })).toBeVisible();
    await context.close();
  });
});

test.describe("page cache", () => {
  test("a cached page is the same for everyone: the fixed policy without a nonce, an ETag answered with 304, its keys, no JavaScript", async ({
    browser,
    request,
  }) => {
    const post = await publishPost(browser, { title: `Cached ${uniqueWord()}`, tag: uniqueWord(), source: "Cache Source" });
    for (const path of [`/tags/${post.tag}`, `/posts/${post.slug}`]) {
      await request.get(path);
      const responses = await Promise.all([request.get(path), request.get(path)]);
      const pages = await Promise.all(responses.map(async (response) => ({ headers: response.headers(), html: await response.text() })));
      expect(pages.map((page) => page.headers["x-linkpress-cache"])).toEqual(["hit", "hit"]);
      for (const page of pages) {
        expect(page.html).toContain(post.title);
        expect(page.headers["content-security-policy"]).toContain("script-src 'none'");
        expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
        expect(page.headers["content-security-policy"]).not.toContain("nonce");
        expect(page.html).not.toContain("nonce=");
        expect(page.headers["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
        expect(page.headers["surrogate-key"]).toContain(path.startsWith("/tags") ? `tag-${post.tag}` : `post-${post.slug}`);
        expect(page.headers["cache-tag"]).toBe(page.headers["surrogate-key"].replaceAll(" ", ","));
        // Only structured data is left of the scripts.
        const scripts = [...page.html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(scripts.every((script) => script.includes('type="application/ld+json"'))).toBe(true);
      }
      expect(pages[0].html).toBe(pages[1].html);
      expect(pages[0].headers.etag).toMatch(/^"[^"]+"$/);
      expect(pages[1].headers.etag).toBe(pages[0].headers.etag);
      const revalidated = await request.get(path, { headers: { "if-none-match": pages[0].headers.etag } });
      expect(revalidated.status()).toBe(304);
      expect(await revalidated.body()).toHaveLength(0);
    }
    expect(await (await request.get(`/posts/${post.slug}`)).text()).toContain('<script type="application/ld+json">');

    // In the browser: styled, no policy violation, no script loaded, and reading on by links works.
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    const scriptsLoaded: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on("request", (sent) => {
      if (sent.resourceType() === "script") scriptsLoaded.push(sent.url());
    });
    const response = await page.goto(`/tags/${post.tag}`);
    expect(response?.headers()["x-linkpress-cache"]).toBe("hit");
    expect(await page.locator("body").evaluate((body) => getComputedStyle(body).fontFamily)).not.toBe("");
    await expect(page.locator("link[rel=stylesheet]")).toHaveCount(1);
    expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    await page.getByRole("link", { name: post.title }).click();
    await expect(page.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
    expect(violations).toEqual([]);
    expect(scriptsLoaded).toEqual([]);
    await context.close();
  });

  test("publishing, editing and unpublishing show on the next request of a cached page", async ({ browser, request }) => {
    const tag = uniqueWord();
    const first = await publishPost(browser, { title: `Fresh one ${uniqueWord()}`, tag, source: "Fresh Source" });
    const path = `/tags/${tag}`;
    await request.get(path);
    expect((await request.get(path)).headers()["x-linkpress-cache"]).toBe("hit");

    const second = await publishPost(browser, { title: `Fresh two ${uniqueWord()}`, tag, source: "Fresh Source" });
    let html = await (await request.get(path)).text();
    expect(html).toContain(first.title);
    expect(html).toContain(second.title);

    const context = await browser.newContext({ storageState: storageStateFor("editor") });
    const editor = await context.newPage();
    await editor.goto(`/admin/posts?q=${encodeURIComponent(second.title)}`);
    await editor.getByRole("link", { name: second.title }).click();
    const edited = `An edited TL;DR ${uniqueWord()}`;
    await editor.getByLabel("TL;DR").fill(edited);
    await updatePublishedPost(editor);
    await expect(editor.getByLabel("TL;DR")).toHaveValue(edited);
    expect(await (await request.get(path)).text()).toContain(edited);

    await editor.getByRole("button", { name: "Unpublish", exact: true }).click();
    await expect(editor.getByRole("status")).toContainText("Saved as a draft");
    html = await (await request.get(path)).text();
    expect(html).not.toContain(second.title);
    expect(html).toContain(first.title);
    await context.close();
  });

  test("a contributor's draft saves leave cached pages alone", async ({ browser, request }) => {
    await request.get("/");
    expect((await request.get("/")).headers()["x-linkpress-cache"]).toBe("hit");
    const context = await browser.newContext({ storageState: storageStateFor("contributor") });
    const page = await context.newPage();
    await page.goto("/admin/posts/new");
    await fillPostForm(page, corpusPost("0008-how-to-get-started-with-calico-observability-features.md", uniqueWord()));
    await page.getByRole("button", { name: "Save draft", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Saved as a draft");
    const version = page.locator('input[name="version"]');
    for (let save = 0; save < 3; save++) {
      await page.getByLabel("TL;DR").fill(`Draft TL;DR ${save} ${uniqueWord()}`);
      const loadedVersion = await version.inputValue();
      await page.getByRole("button", { name: "Save draft", exact: true }).click();
      await expect(version).not.toHaveValue(loadedVersion);
    }
    await context.close();
    expect((await request.get("/")).headers()["x-linkpress-cache"]).toBe("hit");
  });

  test("client navigation, HEAD requests, missing pages and admin pages are never answered from it", async ({ browser, request }) => {
    await request.get("/");
    const payload = await request.get("/", { headers: { RSC: "1" } });
    expect(payload.headers()["content-type"]).toContain("text/x-component");
    expect(payload.headers()["x-linkpress-cache"]).toBeUndefined();
    expect((await request.head("/")).headers()["x-linkpress-cache"]).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      const missing = await request.get("/posts/no-such-post-here");
      expect(missing.status()).toBe(404);
      expect(missing.headers()["x-linkpress-cache"]).toBeUndefined();
    }
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    for (let i = 0; i < 2; i++) expect((await admin.request.get("/admin/posts")).headers()["x-linkpress-cache"]).toBeUndefined();
    await admin.close();
  });
});
