import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countBookmarkLinks,
  MAX_BOOKMARKS_HTML_LENGTH,
  NotUtf8Error,
  parseBookmarksHtml,
  readBookmarkEntries,
  serializeBookmarksHtml,
  type Bookmark,
} from "@/lib/link-format/bookmarks";

const exportHtml = readFileSync(new URL("../../fixtures/bookmarks/linkding-export.html", import.meta.url), "utf8");

const bookmark = (fields: Partial<Bookmark> & Pick<Bookmark, "url">): Bookmark => ({
  title: "Title",
  addDate: null,
  tags: [],
  description: "",
  ...fields,
});

describe("parseBookmarksHtml", () => {
  it("reads a linkding/Pinboard style export", () => {
    const { bookmarks, errors } = parseBookmarksHtml(exportHtml);
    expect(bookmarks).toEqual([
      {
        title: "Kubernetes v1.33: User Namespaces enabled by default!",
        url: "https://kubernetes.io/blog/2025/04/25/userns-enabled-by-default/",
        addDate: new Date("2025-04-25T17:30:00Z"),
        tags: ["kubernetes", "security"],
        description: "User namespaces are on by default & need no feature gate.",
      },
      {
        title: "Kgateway v2.1 is released! 🌟",
        url: "https://www.cncf.io/blog/2025/11/18/kgateway-v2-1-is-released/?utm_source=rss&utm_medium=feed",
        addDate: new Date(1763478000 * 1000),
        tags: ["cncf"],
        description: 'Agentgateway integration, <global> policy attachment and "deep merging".\nSecond line of the note.',
      },
      {
        title: "What's New in Calico v3.32",
        url: "https://www.tigera.io/blog/whats-new-in-calico-v3-32/",
        addDate: new Date(1778711000 * 1000),
        tags: [],
        description: "",
      },
      {
        title: "Plain HTTP, no date",
        url: "http://example.com/plain-http",
        addDate: null,
        tags: [],
        description: "Notes with a link inside them.",
      },
      {
        title: "Private AI – Łódź ×2 ™",
        url: "https://blogs.vmware.com/cloud-foundation/2025/09/16/private-ai/",
        addDate: null,
        tags: ["vmware", "cloud-foundation", "kubernetes"],
        description: "",
      },
    ]);
    expect(errors).toEqual([
      { line: 20, reason: "not an http(s) URL, skipped: javascript:alert(document.cookie)" },
      { line: 21, reason: "not an http(s) URL, skipped: place:sort=8&maxResults=10" },
      { line: 22, reason: "link has no HREF; skipped" },
    ]);
  });

  it("reports a file with no links", () => {
    expect(parseBookmarksHtml("<html><body><p>Hello</p></body></html>")).toEqual({
      bookmarks: [],
      errors: [{ reason: expect.stringMatching(/no links found: expected a Netscape bookmark file/) }],
    });
  });

  it("refuses input over the size limit without parsing it", () => {
    const result = parseBookmarksHtml(" ".repeat(MAX_BOOKMARKS_HTML_LENGTH + 1));
    expect(result.errors).toEqual([{ reason: expect.stringMatching(/larger than/) }]);
  });

  it("reads lower-case tags and attributes, as Pocket writes them", () => {
    const html = '<dl><dt><a href="https://getpocket.example/a" time_added="1" add_date="60" tags="read,later">A</a></dl>';
    expect(parseBookmarksHtml(html).bookmarks).toEqual([
      bookmark({ title: "A", url: "https://getpocket.example/a", addDate: new Date(60_000), tags: ["read", "later"] }),
    ]);
  });
});

describe("reading a bookmark file as a stream", () => {
  const links = (count: number) =>
    serializeBookmarksHtml(
      Array.from({ length: count }, (_, i) => bookmark({ url: `https://example.com/${i}`, title: `Link ${i}`, description: `Note ${i}` })),
    );

  it("gives the links in document order, refused ones where they stand, from bytes as from text", () => {
    const bytes = new TextEncoder().encode(exportHtml);
    const entries = [...readBookmarkEntries(bytes)];
    expect(entries.map((entry) => (entry.ok ? entry.bookmark.url : `line ${entry.error.line}`))).toEqual([
      "https://kubernetes.io/blog/2025/04/25/userns-enabled-by-default/",
      "https://www.cncf.io/blog/2025/11/18/kgateway-v2-1-is-released/?utm_source=rss&utm_medium=feed",
      "https://www.tigera.io/blog/whats-new-in-calico-v3-32/",
      "http://example.com/plain-http",
      "line 20",
      "line 21",
      "line 22",
      "https://blogs.vmware.com/cloud-foundation/2025/09/16/private-ai/",
    ]);
    expect(entries).toEqual([...readBookmarkEntries(exportHtml)]);
  });

  it("hands out the first links before it has read the whole file", () => {
    // A byte that is not UTF-8 at the very end: reading stops there only once it gets there.
    const bytes = new Uint8Array([...new TextEncoder().encode(links(20_000)), 0xff]);
    const entries = readBookmarkEntries(bytes);
    expect(entries.next().value).toMatchObject({ ok: true, bookmark: { url: "https://example.com/0", description: "Note 0" } });
    expect(() => {
      while (!entries.next().done);
    }).toThrow(NotUtf8Error);
  });

  it("counts links, links in descriptions excluded, and stops counting past the limit", async () => {
    expect(await countBookmarkLinks(exportHtml)).toBe(8);
    expect(await countBookmarkLinks(new TextEncoder().encode(links(3000)))).toBe(3000);
    const counted = await countBookmarkLinks(links(30_000), 1000);
    expect(counted).toBeGreaterThan(1000);
    expect(counted).toBeLessThan(3000);
  });

  it("counts a file without links as none and reads it as one error", async () => {
    expect(await countBookmarkLinks("<p>Hello</p>")).toBe(0);
    expect([...readBookmarkEntries("<p>Hello</p>")]).toEqual([{ ok: false, error: { reason: expect.stringMatching(/no links found/) } }]);
  });

  it("refuses bytes that are not UTF-8", async () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('<DT><A HREF="https://example.com/">Caf'), 0xe9, ...new TextEncoder().encode("</A>")]);
    await expect(countBookmarkLinks(latin1)).rejects.toBeInstanceOf(NotUtf8Error);
    expect(() => [...readBookmarkEntries(latin1)]).toThrow(NotUtf8Error);
  });
});

describe("serializeBookmarksHtml", () => {
  it("writes the standard document with escaped text and attributes", () => {
    const html = serializeBookmarksHtml([
      bookmark({
        title: 'Fish & <Chips> "quoted" it\'s',
        url: 'https://example.com/?a=1&b="2"<3>',
        addDate: new Date("2025-06-17T16:26:04Z"),
        tags: ["a&b", '"q"'],
        description: 'Say <b>"hi"</b> & go',
      }),
      bookmark({ url: "https://example.com/bare" }),
    ]);
    expect(html).toBe(
      [
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
        "<!-- This is an automatically generated file.",
        "     It will be read and overwritten.",
        "     DO NOT EDIT! -->",
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
        "<TITLE>Bookmarks</TITLE>",
        "<H1>Bookmarks</H1>",
        "<DL><p>",
        '    <DT><A HREF="https://example.com/?a=1&amp;b=&quot;2&quot;&lt;3&gt;" ADD_DATE="1750177564" TAGS="a&amp;b,&quot;q&quot;">Fish &amp; &lt;Chips&gt; &quot;quoted&quot; it&#39;s</A>',
        "    <DD>Say &lt;b&gt;&quot;hi&quot;&lt;/b&gt; &amp; go",
        '    <DT><A HREF="https://example.com/bare">Title</A>',
        "</DL><p>",
        "",
      ].join("\n"),
    );
  });

  it("refuses a tag with a comma, which TAGS cannot hold", () => {
    expect(() => serializeBookmarksHtml([bookmark({ url: "https://example.com/", tags: ["a,b"] })])).toThrow(/tag "a,b" contains a comma/);
  });

  it("round-trips the fixture export", () => {
    const { bookmarks } = parseBookmarksHtml(exportHtml);
    const again = parseBookmarksHtml(serializeBookmarksHtml(bookmarks));
    expect(again).toEqual({ bookmarks, errors: [] });
  });

  it("round-trips random bookmarks (property)", () => {
    // Parsing trims titles, descriptions and tags, so generate them trimmed.
    const trimmed = (maxLength: number): fc.Arbitrary<string> =>
      fc
        .oneof(fc.string({ unit: "grapheme", maxLength }), fc.constantFrom("&amp;", "<DT>", '"', "'", "</A>", "&#39;"))
        .map((s) => s.replace(/[\r\0]/g, "").trim());
    const item: fc.Arbitrary<Bookmark> = fc.record({
      // Tabs and line breaks in link text are HTML white space, read as a space.
      title: trimmed(60).map((s) => s.replace(/[\t\n]/g, " ").trim()),
      url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
      addDate: fc.option(fc.integer({ min: 0, max: 4102444800 }).map((s) => new Date(s * 1000))),
      tags: fc.array(
        trimmed(20).filter((tag) => tag !== "" && !tag.includes(",")),
        { maxLength: 4 },
      ),
      description: trimmed(200),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), (items) => {
        const result = parseBookmarksHtml(serializeBookmarksHtml(items));
        expect(result.bookmarks).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });
});
