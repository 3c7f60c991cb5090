import { XMLValidator } from "fast-xml-parser";
import { beforeAll, expect, it } from "vitest";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { prisma } from "@/lib/db";
import { feedResponse } from "@/lib/feeds/response";
import type { FeedScope } from "@/lib/feeds/queries";
import { buildSitemapFile } from "@/lib/seo/sitemap";
import { createTestUser, describeDatabase, provider, unique } from "../support/database";

// Rows written before the post rule refused control characters (or by hand, or by an older importer): every feed
// and the sitemap must still be well-formed XML, so one bad post cannot break the site's feeds for every reader.
// PostgreSQL cannot store NUL in text at all; SQLite can.
const CONTROLS = [
  ...(provider === "sqlite" ? ["\u0000"] : []),
  ...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).filter((ch) => !"\t\n\r".includes(ch)),
  "\u007f",
  "\ufffe",
  "\uffff",
].join("");
const dirty = (text: string) => `${text}${CONTROLS}end`;

/** No character XML 1.0 cannot carry, raw or as a character reference; and the strict validator accepts it. */
function expectStrictXml(xml: string) {
  expect(XMLValidator.validate(xml, { allowBooleanAttributes: false })).toBe(true);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  expect(xml).not.toMatch(/&#x?0*(?:[0-8]|1[1-9]|2\d|3[01]|[bcef]|1[0-9a-f]);/i);
  expect(xml).not.toMatch(/="[^"]*</);
}

describeDatabase("feeds and sitemap with control characters in stored posts", () => {
  const tagSlug = unique("legacytag");
  const sourceSlug = unique("legacysource");
  let postSlug: string;

  beforeAll(async () => {
    const editor = await createTestUser("EDITOR");
    const id = unique("legacy");
    postSlug = `${id}-\u0001slug`;
    const source = await prisma.source.create({ data: { name: dirty(`Source ${id}`), slug: sourceSlug } });
    const tag = await prisma.tag.create({ data: { name: dirty(`Tag ${id}`), slug: tagSlug } });
    const post = await prisma.post.create({
      data: {
        title: dirty(`Legacy <b>title</b> ${id}`),
        slug: postSlug,
        // The reported case: an external URL ending in an invisible character, written into an Atom attribute.
        externalUrl: `https://legacy.example.com/${id}?a=1&b=2${CONTROLS}`,
        canonicalUrl: `https://legacy.example.com/${id}`,
        tldr: dirty("TL;DR & <more>"),
        summary: dirty("A **summary** with [a link](https://legacy.example.com/x)"),
        commentary: dirty("Commentary"),
        status: "PUBLISHED",
        publishedAt: new Date(),
        authorId: editor.id,
        sourceId: source.id,
      },
    });
    await prisma.postTag.create({ data: { postId: post.id, tagId: tag.id } });
    revalidatePublicContent();
  });

  const scopes: [string, () => FeedScope][] = [
    ["the site", () => ({ kind: "site" })],
    ["the tag", () => ({ kind: "tag", slug: tagSlug })],
    ["the source", () => ({ kind: "source", slug: sourceSlug })],
  ];

  for (const [name, scope] of scopes) {
    it(`${name}: RSS and Atom parse strictly and still carry the post; JSON Feed parses`, async () => {
      for (const format of ["atom", "rss"] as const) {
        const response = await feedResponse(new Request("http://test.local/feed"), scope(), format);
        expect(response.status).toBe(200);
        const xml = await response.text();
        expectStrictXml(xml);
        expect(xml).toContain("Legacy &lt;b&gt;title&lt;/b&gt;");
        expect(xml).toContain("end");
      }
      const json = await (await feedResponse(new Request("http://test.local/feed"), scope(), "json")).text();
      const feed = JSON.parse(json);
      expect(feed.items.some((item: { title: string }) => item.title.startsWith("Legacy <b>title</b>"))).toBe(true);
    });
  }

  it("the sitemap parses strictly and lists the post", async () => {
    const built = await buildSitemapFile(null, { limit: 1_000_000 });
    expect(built).not.toBeNull();
    expectStrictXml(built!.body);
    expect(built!.body).toContain(`/posts/${postSlug.split("-\u0001")[0]}`);
  });
});
