import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KNOWN_KEYS, parseLinkPost, serializeLinkPost, type LinkPostDocument } from "@/lib/link-format/front-matter";
import { LIMITS } from "@/lib/posts/rules";

// Fragments that have broken YAML emitters and front-matter splitters before.
const TRICKY = [
  "🚀",
  "🗑️",
  "👩🏽‍💻",
  "שלום עולם",
  "مرحبا",
  "\u202e",
  "'",
  "''",
  '"',
  "\\",
  "\\x80",
  "\n---\n",
  "---",
  "...",
  ": ",
  " #",
  "# ",
  "  ",
  " ",
  "\t",
  "\n",
  "\n\n",
  " \n ",
  "\r",
  "\r\n",
  "\u0080\u0099",
  "\u0085",
  "\u2011",
  "\u2028",
  "\ufeff",
  "\u00a0",
  "…",
  "&",
  "*a",
  "!tag",
  "%YAML",
  "- ",
  "? ",
  "{",
  "]",
  "yes",
  "null",
  "~",
  "0x1F",
  "1e3",
  "2025-01-01",
  "\0",
  "Open the original post ↗ https://example.com/",
];

/** Random code points, prose (so long values get folded at spaces) and tricky fragments. */
const text = (maxLength: number, maxParts = 8): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.lorem({ maxCount: 12 }), fc.constantFrom(...TRICKY)), { maxLength: maxParts })
    .map((parts) => parts.join(""))
    .filter((s) => [...s].length <= maxLength);

const nonBlank = (maxLength: number, maxParts?: number): fc.Arbitrary<string> => text(maxLength, maxParts).filter((s) => s.trim() !== "");

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const isoInstant: fc.Arbitrary<string> = fc
  .record({
    date: fc.date({
      // Dates before 1970 are refused (the post rule); a day later so no offset reaches back into 1969.
      min: new Date("1970-01-02T00:00:00Z"),
      max: new Date("2999-12-31T23:59:59Z"),
      noInvalidDate: true,
    }),
    fraction: fc.constantFrom("", ".5", ".536000", ".073000"),
    offset: fc.constantFrom("+00:00", "-08:00", "Z", "+05:30", "+0100"),
    separator: fc.constantFrom("T", " "),
  })
  .map(({ date, fraction, offset, separator }) => {
    const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
    return `${day}${separator}${time}${fraction}${offset}`;
  });

// Commentary is trimmed and its line endings normalised when read, so generate it that way.
const commentary: fc.Arbitrary<string> = text(LIMITS.commentary, 30).map((s) => s.replace(/[\r\0]/g, "").trim());

const extraValue: fc.Arbitrary<unknown> = fc.oneof(
  text(40),
  fc.integer(),
  fc.double({ noDefaultInfinity: false }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.array(text(20), { maxLength: 3 }),
  fc.dictionary(text(10), text(20), { maxKeys: 3 }),
);
const extra: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  text(20).filter((key) => !KNOWN_KEYS.has(key)),
  extraValue,
  { maxKeys: 4 },
);

const linkPost: fc.Arbitrary<LinkPostDocument> = fc.record({
  title: nonBlank(LIMITS.title, 20),
  date: fc.option(isoInstant),
  tags: fc.array(nonBlank(LIMITS.tagName), { maxLength: LIMITS.tags }),
  source: fc.option(text(LIMITS.sourceName)),
  externalUrl: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  viaUrl: fc.option(fc.webUrl({ withQueryParameters: true, withFragments: true })),
  kind: fc.oneof(fc.constantFrom("link", "note"), nonBlank(LIMITS.kind)),
  draft: fc.boolean(),
  tldr: text(LIMITS.tldr, 30),
  summary: text(LIMITS.summary, 120),
  commentary,
  extra,
});

describe("serialize -> parse round trip (property)", () => {
  it("gives back deep-equal values for random documents", () => {
    fc.assert(
      fc.property(linkPost, (doc) => {
        const written = serializeLinkPost(doc);
        const result = parseLinkPost(written);
        if (!result.ok) throw new Error(`${result.error}\n--- written ---\n${written}`);
        expect(result.post).toEqual(doc);
        expect(Object.keys(result.post.extra)).toEqual(Object.keys(doc.extra));
        expect(result.warnings).toEqual([]);
      }),
      // FC_RUNS=50000 for a deeper search when changing the serializer.
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  }, 120_000);

  it("writes text that survives a UTF-8 encode and decode", () => {
    fc.assert(
      fc.property(linkPost, (doc) => {
        const bytes = new TextEncoder().encode(serializeLinkPost(doc));
        const result = parseLinkPost(bytes);
        expect(result.ok && result.post).toEqual(doc);
      }),
      { numRuns: 200 },
    );
  });
});
