import { describe, expect, it } from "vitest";
import { parseBookmarksHtml } from "@/lib/link-format/bookmarks";
import { parseLinkPost, serializeLinkPost, type LinkPostDocument } from "@/lib/link-format/front-matter";
import { planBookmark, planLinkPost, type ImportItem } from "@/lib/import/plan";
import { postFormSchema, type PostFormValues } from "@/lib/posts/schema";
import { siteSettingsSchema } from "@/lib/settings/schema";
import { linkPostDocument as doc } from "../../support/link-post-document";

// Every door a post's text comes through (the form, a link-post file, a bookmark file) must refuse the same
// characters: C0 controls, DEL and unpaired surrogates; tab, line feed and carriage return only in multi-line fields.
const C0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code));
const LINE_BREAKS_AND_TAB = ["\t", "\n", "\r"];
const ALWAYS_REFUSED = [...C0.filter((ch) => !LINE_BREAKS_AND_TAB.includes(ch)), "\u007f", "\ud800", "\udc00"];
const code = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
const named = (ch: string) => {
  const what = ch >= "\ud800" && ch <= "\udfff" ? "unpaired surrogate" : LINE_BREAKS_AND_TAB.includes(ch) ? "tab or line break" : "control character";
  return new RegExp(`${what} .?${code(ch).replace("+", "\\+")}`);
};

type Door = { field: string; multiLine: boolean };

const validForm: PostFormValues = {
  title: "A post",
  externalUrl: "https://example.com/article",
  via: "",
  source: "Example Blog",
  tags: "kubernetes, security",
  publishedAt: "",
  tldr: "Short.",
  summary: "Longer.",
  commentary: "Mine.",
  slug: "",
};

const FORM_FIELDS: (Door & { field: keyof PostFormValues; value: (ch: string) => string })[] = [
  { field: "title", multiLine: false, value: (ch) => `A ti${ch}tle` },
  { field: "externalUrl", multiLine: false, value: (ch) => `https://example.com/art${ch}icle` },
  { field: "via", multiLine: false, value: (ch) => `https://example.com/fou${ch}nd` },
  { field: "source", multiLine: false, value: (ch) => `Example${ch}Blog` },
  { field: "tags", multiLine: false, value: (ch) => `kubernetes, sec${ch}urity` },
  { field: "slug", multiLine: false, value: (ch) => `a-sl${ch}ug` },
  { field: "tldr", multiLine: true, value: (ch) => `Short${ch}text.` },
  { field: "summary", multiLine: true, value: (ch) => `Longer${ch}text.` },
  { field: "commentary", multiLine: true, value: (ch) => `Mine${ch}too.` },
];

function formErrors(field: keyof PostFormValues, value: string): string[] {
  const result = postFormSchema.safeParse({ ...validForm, [field]: value });
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path[0] === field).map((issue) => issue.message);
}

describe("the post form refuses control characters and unpaired surrogates in every field", () => {
  it("refuses the reported URL: one ending in an invisible U+0000, which the URL parser would drop", () => {
    expect(formErrors("externalUrl", "https://example.com/article\u0000")).toEqual(["The URL contains an invisible control character (U+0000); remove it."]);
    // White space at either end is trimmed away, never stored.
    expect(postFormSchema.parse({ ...validForm, externalUrl: " https://example.com/article\n" }).externalUrl).toBe("https://example.com/article");
  });

  for (const { field, multiLine, value } of FORM_FIELDS) {
    const refused = multiLine ? ALWAYS_REFUSED : [...ALWAYS_REFUSED, ...LINE_BREAKS_AND_TAB];
    it(`${field}: refuses ${refused.length} characters with a message naming the field`, () => {
      for (const ch of refused) {
        const messages = formErrors(field, value(ch));
        expect(messages, `${field} with ${code(ch)}`).toHaveLength(1);
        if (field !== "slug") expect(messages[0], `${field} with ${code(ch)}`).toMatch(named(ch));
        expect(messages[0]).toMatch(field === "externalUrl" || field === "via" ? /URL/ : field === "tldr" ? /TL;DR/ : new RegExp(field, "i"));
      }
    });
    if (multiLine)
      it(`${field}: keeps tabs and line breaks`, () => {
        for (const ch of LINE_BREAKS_AND_TAB) expect(formErrors(field, value(ch)), code(ch)).toEqual([]);
      });
  }
});

/** A link-post file written with the format's own writer, read and planned as the importer does. */
function importFile(overrides: Partial<LinkPostDocument>): { ok: true } | { ok: false; reason: string } {
  const parsed = parseLinkPost(serializeLinkPost(doc(overrides)), "post.md");
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  const item: ImportItem = planLinkPost("post.md", parsed.post, parsed.warnings);
  return item.ok ? { ok: true } : { ok: false, reason: item.reason };
}

const FILE_FIELDS: (Door & { overrides: (ch: string) => Partial<LinkPostDocument> })[] = [
  { field: "title", multiLine: false, overrides: (ch) => ({ title: `A title${ch}` }) },
  { field: "external_url", multiLine: false, overrides: (ch) => ({ externalUrl: `https://example.com/article${ch}` }) },
  { field: "source", multiLine: false, overrides: (ch) => ({ source: `Example${ch}Blog` }) },
  { field: "tag", multiLine: false, overrides: (ch) => ({ tags: ["kubernetes", `sec${ch}urity`] }) },
  { field: "post_kind", multiLine: false, overrides: (ch) => ({ kind: `link${ch}` }) },
  { field: "tldr", multiLine: true, overrides: (ch) => ({ tldr: `Short${ch}text.` }) },
  { field: "summary", multiLine: true, overrides: (ch) => ({ summary: `Longer${ch}text.` }) },
  { field: "commentary", multiLine: true, overrides: (ch) => ({ commentary: `Mine${ch}too.` }) },
];

describe("a link-post file (parser and importer) refuses the same characters", () => {
  it("imports the unchanged document", () => expect(importFile({})).toEqual({ ok: true }));
  for (const { field, multiLine, overrides } of FILE_FIELDS) {
    const refused = multiLine ? ALWAYS_REFUSED : [...ALWAYS_REFUSED, ...LINE_BREAKS_AND_TAB];
    it(`${field}: refuses ${refused.length} characters with a message naming the field`, () => {
      for (const ch of refused) {
        const result = importFile(overrides(ch));
        expect(result.ok, `${field} with ${code(ch)}`).toBe(false);
        if (result.ok) continue;
        // A NUL in the body (the commentary, and the URL's line) makes the whole file binary, refused before any field.
        if ((field === "commentary" || field === "external_url") && ch === "\0") expect(result.reason).toMatch(/binary file/);
        else {
          expect(result.reason, `${field} with ${code(ch)}`).toMatch(named(ch));
          expect(result.reason).toContain(field);
        }
      }
    });
    if (multiLine)
      it(`${field}: keeps tabs and line breaks`, () => {
        // The reader normalises CR LF and lone CR in the body to LF, as every editor would.
        for (const ch of LINE_BREAKS_AND_TAB) expect(importFile(overrides(ch)), code(ch)).toEqual({ ok: true });
      });
  }
});

function bookmarkFile(link: { href?: string; title?: string; tags?: string; description?: string }): string {
  const { href = "https://example.com/article", title = "A bookmark", tags = "kubernetes,security", description = "About it." } = link;
  return `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF="${href}" ADD_DATE="1700000000" TAGS="${tags}">${title}</A>\n<DD>${description}\n</DL><p>\n`;
}

/** A bookmark file read and planned as the importer does. */
function importBookmark(link: Parameters<typeof bookmarkFile>[0]): { ok: true } | { ok: false; reason: string } {
  const parsed = parseBookmarksHtml(bookmarkFile(link));
  if (parsed.bookmarks.length !== 1) return { ok: false, reason: parsed.errors.map((error) => error.reason).join("; ") };
  const item = planBookmark("bookmarks.html", parsed.bookmarks[0]);
  return item.ok ? { ok: true } : { ok: false, reason: item.reason };
}

const BOOKMARK_FIELDS: (Door & { link: (ch: string) => Parameters<typeof bookmarkFile>[0] })[] = [
  { field: "title", multiLine: false, link: (ch) => ({ title: `A${ch}bookmark` }) },
  { field: "external_url", multiLine: false, link: (ch) => ({ href: `https://example.com/article${ch}` }) },
  { field: "tag", multiLine: false, link: (ch) => ({ tags: `kubernetes,sec${ch}urity` }) },
  { field: "description", multiLine: true, link: (ch) => ({ description: `About${ch}it.` }) },
];

describe("a bookmark file refuses the same characters", () => {
  it("imports the unchanged bookmark", () => expect(importBookmark({})).toEqual({ ok: true }));
  for (const { field, multiLine, link } of BOOKMARK_FIELDS) {
    // Tabs and line breaks in the link text are HTML white space, read as one space, so the title keeps them too.
    const refused = multiLine || field === "title" ? ALWAYS_REFUSED : [...ALWAYS_REFUSED, ...LINE_BREAKS_AND_TAB];
    it(`${field}: refuses ${refused.length} characters with a message naming the field`, () => {
      for (const ch of refused) {
        const result = importBookmark(link(ch));
        expect(result.ok, `${field} with ${code(ch)}`).toBe(false);
        if (result.ok) continue;
        expect(result.reason, `${field} with ${code(ch)}`).toMatch(named(ch));
        expect(result.reason).toContain(field);
      }
    });
  }
});

describe("publish dates outside 1970-9999 are refused at every door", () => {
  const outside = ["0000-01-01T00:00:00Z", "0001-06-01T12:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00", "9999-12-31T23:00:00-05:00"];
  const inside = ["1970-01-01T00:00:00Z", "2026-05-01T09:30:00Z", "9999-12-31T23:59:00Z"];

  it("the form", () => {
    for (const date of outside) expect(formErrors("publishedAt", date), date).toEqual([expect.stringMatching(/between 1970 and 9999/)]);
    for (const date of inside) expect(formErrors("publishedAt", date), date).toEqual([]);
    // The form's own format: a date-time-local value without an offset.
    expect(formErrors("publishedAt", "0000-01-01T00:00")).toEqual([expect.stringMatching(/between 1970 and 9999/)]);
  });

  it("a link-post file", () => {
    for (const date of outside) {
      const result = importFile({ date });
      expect(result.ok, date).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/date .*between 1970 and 9999/);
    }
    for (const date of inside) expect(importFile({ date }), date).toEqual({ ok: true });
  });

  it("the importer's plan, even for a document that did not come through the parser", () => {
    const item = planLinkPost("post.md", doc({ date: "0000-01-01T00:00:00Z" }));
    expect(item).toMatchObject({ ok: false, reason: expect.stringMatching(/date .*between 1970 and 9999/) });
    const bookmark = planBookmark("b.html", { title: "A", url: "https://example.com/", addDate: new Date(-1000), tags: [], description: "" });
    expect(bookmark).toMatchObject({ ok: false, reason: expect.stringMatching(/between 1970 and 9999/) });
  });
});

describe("the site settings, written into every feed, follow the same rule", () => {
  const settings = { title: "Links", description: "Curated links", url: "https://links.example", language: "en", postsPerPage: "20" };
  const errors = (overrides: Record<string, string>) => {
    const result = siteSettingsSchema.safeParse({ ...settings, ...overrides });
    return result.success ? {} : result.error.flatten().fieldErrors;
  };

  it("refuses control characters in the title, description and address", () => {
    expect(errors({})).toEqual({});
    for (const ch of ALWAYS_REFUSED) {
      expect(errors({ title: `Li${ch}nks`, description: `Cur${ch}ated`, url: `https://links.exa${ch}mple` }), code(ch)).toEqual({
        title: [expect.stringMatching(named(ch))],
        description: [expect.stringMatching(named(ch))],
        url: [expect.stringMatching(/^The URL/)],
      });
    }
    expect(errors({ description: "Two\nlines" })).toEqual({});
  });
});
