// export(import(file)) through the database for random posts: Unicode, Markdown, quotes, YAML look-alikes and
// edge-length fields come back as the same values. Kept to a few dozen runs so the suite stays quick.
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { exportLinkPostFiles } from "@/lib/export/build";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile } from "@/lib/import/read";
import { parseLinkPost, serializeLinkPost, type LinkPostDocument } from "@/lib/link-format/front-matter";
import { TAG_SEPARATOR, characterProblem } from "@/lib/posts/rules";
import { LIMITS } from "@/lib/posts/schema";
import { slugify } from "@/lib/slug";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

const TRICKY = [
  "🚀",
  "🗑️",
  "👩🏽‍💻",
  "שלום",
  "\u202e",
  "'",
  "''",
  '"',
  "\\",
  "\\x80",
  "\n---\n",
  "---",
  ": ",
  " #",
  "  ",
  "\t",
  "\n\n",
  "\r",
  "\u0085",
  "\u2028",
  "\ufeff",
  "…",
  "*a",
  "!tag",
  "- ",
  "{",
  "]",
  "yes",
  "null",
  "~",
  "1e3",
  "2025-01-01",
  "**bold**",
  "[link](https://example.com)",
  "<script>alert(1)</script>",
  "Open the original post ↗ https://example.com/",
];
// The importer refuses NUL and broken UTF-16 (see lib/import/plan.ts); everything else must survive.
const STORABLE = (s: string) => !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

const text = (maxLength: number, maxParts = 6): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.string({ unit: "binary", maxLength: 10 }), fc.lorem({ maxCount: 8 }), fc.constantFrom(...TRICKY)), { maxLength: maxParts })
    .map((parts) => parts.join(""))
    .filter((s) => STORABLE(s) && [...s].length <= maxLength);
// The post rule refuses control characters (tab and line breaks too in single-line fields); everything else must survive.
const lineText = (maxLength: number) => text(maxLength).filter((s) => characterProblem(s, "line") === null);
const multiLineText = (maxLength: number, maxParts?: number) => text(maxLength, maxParts).filter((s) => characterProblem(s, "text") === null);
const nonBlank = (maxLength: number) => lineText(maxLength).filter((s) => s.trim() !== "");

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoInstant = fc
  .record({
    // Dates before 1970 are refused (the post rule); a day later so no offset reaches back into 1969.
    date: fc.date({ min: new Date("1970-01-02T00:00:00Z"), max: new Date("2999-12-31T23:59:59Z"), noInvalidDate: true }),
    fraction: fc.constantFrom("", ".5", ".536000", ".073999"),
    offset: fc.constantFrom("+00:00", "-08:00", "Z", "+05:30", "+0100"),
    separator: fc.constantFrom("T", " "),
  })
  .map(
    ({ date, fraction, offset, separator }) =>
      `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}${separator}${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}${offset}`,
  );

const KNOWN_KEYS = new Set(["title", "date", "tags", "source", "external_url", "post_kind", "draft", "tldr", "summary"]);
const extraValue = fc.oneof(
  text(30),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.array(text(15), { maxLength: 3 }),
  fc.dictionary(text(8), text(15), { maxKeys: 2 }),
);

describeDatabase("import and export of random posts (property)", () => {
  let editor: TestUser;
  // Short, so a tag of prefix plus random text stays within the 50-character limit.
  const run =
    unique()
      .slice(-5)
      .replace(/[^a-z0-9]/g, "z") + Math.random().toString(36).slice(2, 6);
  let counter = 0;

  beforeAll(async () => {
    editor = await createTestUser("EDITOR");
  });

  /** Tags and sources carry this run's marker, so names other tests give the same slug cannot change them. */
  const linkPost: fc.Arbitrary<LinkPostDocument> = fc
    .record({
      title: nonBlank(LIMITS.title),
      date: fc.option(isoInstant, { nil: null }),
      // The tag-name rule refuses a comma (the post form and bookmark files separate tags with commas).
      tags: fc.array(
        lineText(20).filter((s) => !s.includes(TAG_SEPARATOR)),
        { maxLength: 4 },
      ),
      source: fc.option(lineText(40), { nil: null }),
      path: text(40),
      via: fc.option(text(40), { nil: null }),
      kind: fc.oneof(fc.constant("link"), nonBlank(LIMITS.kind)),
      draft: fc.boolean(),
      tldr: multiLineText(LIMITS.tldr, 4),
      summary: multiLineText(LIMITS.summary, 10),
      commentary: multiLineText(500, 8).map((s) => s.replace(/\r/g, "").trim()),
      extra: fc.dictionary(
        text(15).filter((key) => !KNOWN_KEYS.has(key)),
        extraValue,
        { maxKeys: 3 },
      ),
    })
    .map(({ tags, source, path, via, date, draft, ...rest }) => {
      counter += 1;
      const id = `${run}x${counter}`;
      return {
        ...rest,
        // A published post without a date gets the import's time; only drafts may leave it out.
        date: date ?? (draft ? null : "2025-04-25T10:30:00-08:00"),
        draft,
        tags: [`m${id}`, ...tags.map((tag, i) => `t${id}n${i} ${tag}`)],
        source: source === null ? null : `S ${id} ${source}`,
        externalUrl: `https://property.example.com/${id}/${encodeURIComponent(path)}`,
        viaUrl: via === null ? null : `https://found.example.net/${id}?q=${encodeURIComponent(via)}`,
      };
    });

  it("gives back the same values for every random post", async () => {
    await fc.assert(
      fc.asyncProperty(linkPost, async (doc) => {
        const file = serializeLinkPost(doc);
        const expected = parseLinkPost(file);
        if (!expected.ok) throw new Error(`the generator made an unreadable file: ${expected.error}`);
        const report = await importItems(editor, { total: 1, items: [itemFromFile("post.md", file)] }, { onDuplicate: "skip", asDraft: false, dryRun: false });
        expect(report.rows[0], JSON.stringify(report.rows[0])).toMatchObject({ outcome: "created" });
        const exported = await exportLinkPostFiles(editor, { status: "all", tag: slugify(doc.tags[0]) });
        expect(exported).toHaveLength(1);
        const back = parseLinkPost(exported[0].data);
        expect(back.ok && back.post).toEqual(expected.post);
        expect(back.ok && Object.keys(back.post.extra)).toEqual(Object.keys(expected.post.extra));
      }),
      // FC_RUNS=1000 for a deeper search when changing the importer or the export.
      { numRuns: Number(process.env.FC_RUNS ?? 30) },
    );
  }, 600_000);
});
