import { describe, expect, it } from "vitest";
import { applyUpdate, parseEntry, parseMicropubForm, parseMicropubJson, type Mf2Properties } from "@/lib/micropub/schema";

const form = (body: string) => parseMicropubForm(new URLSearchParams(body));

describe("Micropub requests", () => {
  it("reads a form as an h-entry: name[] and repeated names are lists, a single name is a list of one, access_token is never a property", () => {
    expect(form("h=entry&content=Hello&category[]=a&category[]=b&tag=x&tag=y&mp-slug=s&access_token=lp_secret")).toEqual({
      ok: true,
      value: { action: "create", properties: { content: ["Hello"], category: ["a", "b"], tag: ["x", "y"], "mp-slug": ["s"] } },
    });
    expect(form("content=No+type")).toMatchObject({ ok: true, value: { action: "create" } });
    expect(form("h=card&name=Me")).toEqual({ ok: false, message: "type: Linkpress creates h-entry posts only." });
    expect(form("h=entry&h=entry")).toEqual({ ok: false, message: "h: Send one value." });
  });

  it("reads form actions: delete and undelete by url; an update must be JSON", () => {
    expect(form("action=delete&url=https://site.example/posts/a")).toEqual({ ok: true, value: { action: "delete", url: "https://site.example/posts/a" } });
    expect(form("action=undelete&url=x")).toEqual({ ok: true, value: { action: "undelete", url: "x" } });
    expect(form("action=delete")).toEqual({ ok: false, message: "url: Give the URL of the post." });
    expect(form("action=update&url=x")).toMatchObject({ ok: false, message: expect.stringMatching(/^action: Send updates as JSON/) });
    expect(form("action=publish&url=x")).toMatchObject({ ok: false, message: expect.stringMatching(/^action: Use update, delete or undelete/) });
  });

  it("reads JSON: an h-entry, an update (delete as names or values), a delete; refuses what is not an array where one is needed", () => {
    expect(parseMicropubJson({ type: ["h-entry"], properties: { name: ["A"] } })).toEqual({
      ok: true,
      value: { action: "create", properties: { name: ["A"] } },
    });
    expect(parseMicropubJson({ action: "update", url: "u", delete: ["category"] })).toEqual({
      ok: true,
      value: { action: "update", url: "u", replace: {}, add: {}, remove: ["category"] },
    });
    expect(parseMicropubJson({ action: "update", url: "u", delete: { category: ["x"] } })).toMatchObject({ ok: true, value: { remove: { category: ["x"] } } });
    // micropub.rocks 405: an operation that is not an object of arrays.
    expect(parseMicropubJson({ action: "update", url: "u", replace: "This is not a valid update request." })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^replace: /),
    });
    expect(parseMicropubJson({ action: "update", url: "u", replace: { content: "not a list" } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^replace\.content: /),
    });
    expect(parseMicropubJson({ action: "update", url: "u" })).toEqual({ ok: false, message: "An update needs replace, add or delete." });
    expect(parseMicropubJson({ type: ["h-entry"], properties: { name: "A" } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^name: Give the values as an array/),
    });
    expect(parseMicropubJson([1, 2])).toMatchObject({ ok: false });
  });
});

describe("an h-entry as a link post's fields", () => {
  it("maps each property onto its field, and leaves unknown properties out", () => {
    const entry = parseEntry({
      name: ["Title"],
      "bookmark-of": ["https://example.com/a"],
      content: ["Some *Markdown*"],
      summary: ["Short"],
      category: ["one", "two"],
      published: ["2026-01-02T03:04:05Z"],
      "mp-slug": ["my-slug"],
      "post-status": ["draft"],
      photo: ["https://example.com/p.jpg"],
      weight: [{ type: ["h-measure"], properties: { num: ["70"] } }],
    });
    expect(entry).toEqual({
      ok: true,
      value: {
        fields: {
          title: "Title",
          url: "https://example.com/a",
          tags: ["one", "two"],
          tldr: "Short",
          content: "Some *Markdown*",
          publishedAt: "2026-01-02T03:04:05Z",
          slug: "my-slug",
        },
        status: "draft",
        linkProperty: "bookmark-of",
      },
    });
  });

  it("takes HTML content as HTML, like-of and repost-of (or an h-cite) as the link, and an emptied property as an empty field", () => {
    expect(parseEntry({ content: [{ html: "<b>x</b>", value: "x" }], "like-of": [{ type: ["h-cite"], properties: { url: ["https://e.example/"] } }] })).toEqual(
      {
        ok: true,
        value: { fields: { content: { html: "<b>x</b>" }, url: "https://e.example/" }, linkProperty: "like-of" },
      },
    );
    expect(parseEntry({ content: [{ value: "plain" }], "repost-of": ["https://r.example/"] })).toMatchObject({
      ok: true,
      value: { fields: { content: "plain" }, linkProperty: "repost-of" },
    });
    expect(parseEntry({ category: [], name: [] })).toEqual({ ok: true, value: { fields: { tags: [], title: "" } } });
  });

  it("refuses two values where one is taken, two different links, a bad status, a category that is not text", () => {
    expect(parseEntry({ name: ["A", "B"] })).toEqual({ ok: false, message: "name: Send one value." });
    expect(parseEntry({ "bookmark-of": ["https://a.example/"], "like-of": ["https://b.example/"] })).toMatchObject({
      ok: false,
      message: "bookmark-of, like-of: Send the article's URL in one of them.",
    });
    expect(parseEntry({ "bookmark-of": ["https://a.example/"], "like-of": ["https://a.example/"] })).toMatchObject({ ok: true });
    // An update emptying bookmark-of and giving like-of switches the link.
    expect(parseEntry({ "bookmark-of": [], "like-of": ["https://b.example/"] })).toEqual({
      ok: true,
      value: { fields: { url: "https://b.example/" }, linkProperty: "like-of" },
    });
    expect(parseEntry({ "post-status": ["private"] })).toEqual({ ok: false, message: "post-status: Send published or draft." });
    expect(parseEntry({ category: [{ type: ["h-card"] }] })).toEqual({ ok: false, message: "category: Send each category as text." });
    expect(parseEntry({ content: [42] })).toMatchObject({ ok: false, message: expect.stringMatching(/^content: Send the content as text or as/) });
  });
});

describe("an update applied to a post's properties", () => {
  const current: Mf2Properties = { name: ["Title"], content: ["Old"], category: ["test1", "test2"], "bookmark-of": ["https://a.example/"] };

  it("replaces, adds and deletes values or whole properties, and reports only what changed", () => {
    expect(applyUpdate(current, { replace: { content: ["New"] }, add: {}, remove: [] })).toEqual({ content: ["New"] });
    expect(applyUpdate(current, { replace: {}, add: { category: ["test3"] }, remove: [] })).toEqual({ category: ["test1", "test2", "test3"] });
    expect(applyUpdate(current, { replace: {}, add: { summary: ["New property"] }, remove: [] })).toEqual({ summary: ["New property"] });
    expect(applyUpdate(current, { replace: {}, add: {}, remove: { category: ["test2"] } })).toEqual({ category: ["test1"] });
    expect(applyUpdate(current, { replace: {}, add: {}, remove: ["category"] })).toEqual({ category: [] });
    // Sending a property back unchanged, or deleting one the post lacks, changes nothing.
    expect(applyUpdate(current, { replace: { name: ["Title"], "post-status": [] }, add: {}, remove: ["summary"] })).toEqual({});
  });

  it("never writes through __proto__", () => {
    const changed = applyUpdate(current, JSON.parse('{"replace":{"__proto__":["x"]},"add":{},"remove":[]}'));
    expect(Object.getPrototypeOf(changed)).toBe(Object.prototype);
    expect(Object.hasOwn(changed, "__proto__")).toBe(true);
  });
});
