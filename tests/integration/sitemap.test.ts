import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, expect, it } from "vitest";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { prisma } from "@/lib/db";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { savePost } from "@/lib/posts/mutations";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { buildSitemapFile, SITEMAP_URL_LIMIT, sitemapResponse } from "@/lib/seo/sitemap";
import { SITEMAP_XMLNS } from "@/lib/seo/sitemap-xml";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

// The sitemap is asked for as of a moment in 1890 ("now" is a parameter), and only this file's posts are dated
// before it: other test files write to the same database at the same time, but never a public post that old.
const NOW = new Date("1890-12-31T23:59:59.000Z");
const at = (day: string) => new Date(`1890-${day}T12:00:00.000Z`);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

type Listed = { path: string; lastmod: string | undefined };

/** The <urlset> or <sitemapindex> of a document, after a strict well-formedness check. */
function parse(xml: string): { kind: "urlset" | "sitemapindex"; entries: Listed[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const document = parser.parse(xml);
  const kind = "urlset" in document ? "urlset" : "sitemapindex";
  expect(Object.keys(document).filter((key) => key !== "?xml")).toEqual([kind]);
  expect(document[kind]["@xmlns"]).toBe(SITEMAP_XMLNS);
  const items: { loc: string; lastmod?: string }[] = document[kind][kind === "urlset" ? "url" : "sitemap"] ?? [];
  return { kind, entries: items.map((item) => ({ path: new URL(item.loc).pathname, lastmod: item.lastmod })) };
}

async function fileAt(file: number | null, limit: number, now = NOW) {
  const built = await buildSitemapFile(file, { limit, now });
  return built && { ...parse(built.body), lastModified: built.lastModified };
}

function input(overrides: Partial<Record<keyof PostInput, string>>): PostInput {
  const id = unique("map");
  return postFormSchema.parse({ ...EMPTY_POST_FORM, title: `Sitemap post ${id}`, externalUrl: `https://map.example.org/${id}/`, ...overrides });
}

describeDatabase("sitemap", () => {
  let editor: TestUser;
  /** Every address public at NOW, with the last change it must carry. */
  const expected = new Map<string, string>();
  const postsNewestFirst: string[] = [];
  let scheduledPath: string;

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
    const [tagA, tagB, tagC, sourceA, sourceB] = ["a", "b", "c", "sa", "sb"].map((name) => `${name} ${unique()}`);
    // Published dates, an edit date where it differs, tags and source of each public post.
    const posts = [
      { published: at("03-05"), tags: [tagA, tagB], source: sourceA },
      { published: at("03-20"), tags: [tagA], source: sourceA },
      { published: at("05-01"), tags: [tagC], source: sourceB },
      { published: at("05-02"), updated: at("06-10"), tags: [tagB], source: "" },
      { published: at("07-15"), tags: [], source: sourceB },
      { published: at("07-16"), tags: [], source: "" },
      { published: at("11-30"), tags: [], source: "" },
    ];
    const slugOf = async (kind: "tag" | "source", name: string) =>
      kind === "tag" ? (await prisma.tag.findFirstOrThrow({ where: { name } })).slug : (await prisma.source.findFirstOrThrow({ where: { name } })).slug;
    const changes = new Map<string, Date>();
    const changed = (path: string, date: Date) => changes.set(path, new Date(Math.max(date.getTime(), changes.get(path)?.getTime() ?? -Infinity)));
    for (const post of posts) {
      const saved = await savePost(editor, { intent: "publish", input: input({ tags: post.tags.join(", "), source: post.source }) });
      const updated = post.updated ?? post.published;
      await prisma.post.update({ where: { id: saved.id }, data: { publishedAt: post.published, updatedAt: updated } });
      changed(`/posts/${saved.slug}`, updated);
      for (const tag of post.tags) changed(`/tags/${await slugOf("tag", tag)}`, updated);
      if (post.source) changed(`/sources/${await slugOf("source", post.source)}`, updated);
      changed(`/archive/1890/${String(post.published.getUTCMonth() + 1).padStart(2, "0")}`, updated);
      for (const path of ["/", "/tags", "/sources", "/archive"]) changed(path, updated);
      postsNewestFirst.unshift(`/posts/${saved.slug}`);
    }
    for (const [path, date] of changes) expected.set(path, date.toISOString());

    // Never listed at NOW: a draft with a date in the window, and a post scheduled for after NOW.
    const draft = await savePost(editor, { intent: "draft", input: input({ tags: tagA }) });
    await prisma.post.update({ where: { id: draft.id }, data: { publishedAt: at("04-01") } });
    const scheduled = await savePost(editor, { intent: "publish", input: input({ tags: tagC }) });
    await prisma.post.update({ where: { id: scheduled.id }, data: { status: "SCHEDULED", publishedAt: new Date("1891-01-10T00:00:00.000Z") } });
    scheduledPath = `/posts/${scheduled.slug}`;
    revalidatePublicContent();
  });

  it("lists every public address once, with its last change, in one file while they fit", async () => {
    expect(expected.size).toBe(20);
    for (const limit of [SITEMAP_URL_LIMIT, expected.size]) {
      const single = await fileAt(null, limit);
      expect(single?.kind, `limit ${limit}`).toBe("urlset");
      expect(single!.entries.map((entry) => entry.path).sort()).toEqual([...expected.keys()].sort());
      for (const entry of single!.entries) expect(entry.lastmod, entry.path).toBe(expected.get(entry.path));
      // The order it always had: home and indexes, posts newest first, then tags, sources and months.
      expect(single!.entries.slice(0, 11).map((entry) => entry.path)).toEqual(["/", "/tags", "/sources", "/archive", ...postsNewestFirst]);
      expect(single!.lastModified?.toISOString()).toBe(at("11-30").toISOString());
      expect(await buildSitemapFile(1, { limit, now: NOW })).toBeNull();
    }
  });

  for (const limit of [3, 4, 7, 19]) {
    it(`past ${limit} addresses, /sitemap.xml is an index of numbered files that list every address exactly once`, async () => {
      const index = await fileAt(null, limit);
      expect(index?.kind).toBe("sitemapindex");
      const files = index!.entries;
      // Posts in files of their own, then the other addresses.
      const postFiles = Math.ceil(7 / limit);
      expect(files.map((file) => file.path)).toEqual(Array.from({ length: postFiles + Math.ceil(13 / limit) }, (_, i) => `/sitemap/${i + 1}.xml`));

      const seen: string[] = [];
      for (const [i, file] of files.entries()) {
        const part = await fileAt(i + 1, limit);
        expect(part?.kind, file.path).toBe("urlset");
        expect(part!.entries.length).toBeGreaterThan(0);
        expect(part!.entries.length).toBeLessThanOrEqual(limit);
        expect(
          part!.entries.every((entry) => entry.path.startsWith("/posts/")),
          file.path,
        ).toBe(i < postFiles);
        for (const entry of part!.entries) expect(entry.lastmod, entry.path).toBe(expected.get(entry.path));
        // The index dates each file by the latest change among its addresses.
        const latest = part!.entries
          .map((entry) => entry.lastmod!)
          .sort()
          .at(-1);
        expect(file.lastmod, file.path).toBe(latest);
        seen.push(...part!.entries.map((entry) => entry.path));
      }
      expect(seen.length).toBe(expected.size);
      expect(new Set(seen)).toEqual(new Set(expected.keys()));

      for (const missing of [0, files.length + 1, 999_999]) expect(await buildSitemapFile(missing, { limit, now: NOW })).toBeNull();
    });
  }

  it("lists a scheduled post once it is due, in the file of posts it joins", async () => {
    const later = new Date("1891-02-01T00:00:00.000Z");
    expect((await fileAt(null, SITEMAP_URL_LIMIT, later))!.entries.map((entry) => entry.path)).toContain(scheduledPath);
    const index = await fileAt(null, 4, later);
    const paths: string[] = [];
    for (let file = 1; file <= index!.entries.length; file += 1) paths.push(...(await fileAt(file, 4, later))!.entries.map((entry) => entry.path));
    expect(paths.filter((path) => path === scheduledPath)).toHaveLength(1);
    expect(paths).toContain("/archive/1891/01");
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("serves /sitemap.xml as XML with validators, answers 304 to a current copy, and 404 for numbered files of a small site", async () => {
    const response = await sitemapResponse(new Request("http://test.local/sitemap.xml"), null);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const document = parse(await response.text());
    expect(document.kind).toBe("urlset");
    // Today every post of 1890 is public, the scheduled one too.
    expect(document.entries.map((entry) => entry.path)).toEqual(expect.arrayContaining([...expected.keys(), scheduledPath]));
    expect(document.entries.every((entry) => entry.lastmod && !Number.isNaN(Date.parse(entry.lastmod)))).toBe(true);

    // Other test files publish meanwhile: a changed sitemap comes back whole, with another validator.
    const etag = response.headers.get("etag")!;
    const again = await sitemapResponse(new Request("http://test.local/sitemap.xml", { headers: { "If-None-Match": etag } }), null);
    expect(again.status === 304 || (again.status === 200 && again.headers.get("etag") !== etag)).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    expect((await sitemapResponse(new Request("http://test.local/sitemap.xml", { headers: { "If-Modified-Since": future } }), null)).status).toBe(304);
    expect((await sitemapResponse(new Request("http://test.local/sitemap/1.xml"), 1)).status).toBe(404);
  });
});
