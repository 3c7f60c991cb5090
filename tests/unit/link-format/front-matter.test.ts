import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BODY_LINE_PREFIX, parseLinkPost, serializeLinkPost, type LinkPostDocument, type ParsedLinkPost } from "@/lib/link-format/front-matter";
import { LIMITS, LINK_POST_FILE_BYTES } from "@/lib/posts/rules";

const corpusDir = fileURLToPath(new URL("../../fixtures/corpus/", import.meta.url));
const malformedDir = fileURLToPath(new URL("../../fixtures/malformed/", import.meta.url));

const corpusFiles = readdirSync(corpusDir)
  .filter((name) => name.endsWith(".md"))
  .sort();
const readCorpus = (name: string): string => readFileSync(corpusDir + name, "utf8");
const corpusFile = (prefix: string): string => {
  const name = corpusFiles.find((file) => file.startsWith(`${prefix}-`));
  if (!name) throw new Error(`no corpus file ${prefix}`);
  return name;
};

type ManifestRow = { chars: number; bytes: number; sha256: string; source: string; date: string; url: string };
const manifest = new Map<string, ManifestRow>(
  readFileSync(corpusDir + "manifest.tsv", "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((row) => {
      const [file, chars, bytes, sha256, source, date, url] = row.split("\t");
      return [file, { chars: Number(chars), bytes: Number(bytes), sha256, source, date, url }];
    }),
);

function expectOk(result: ParsedLinkPost): { post: LinkPostDocument; warnings: string[] } {
  if (!result.ok) throw new Error(`expected a parsed post, got error: ${result.error}`);
  return result;
}

function expectError(result: ParsedLinkPost): { error: string; line?: number } {
  if (result.ok) throw new Error("expected an error, got a parsed post");
  return result;
}

function post(name: string): LinkPostDocument {
  return expectOk(parseLinkPost(readCorpus(corpusFile(name)))).post;
}

/** A valid post with the given front-matter lines in place of the defaults. */
function makePost(frontMatter: string, body = `${BODY_LINE_PREFIX}https://example.com/post\n`): string {
  return `---\n${frontMatter}---\n${body}`;
}
const BASE_FRONT_MATTER = "title: Example\nexternal_url: https://example.com/post\n";

describe("corpus fixtures", () => {
  it("holds the 160 published files byte for byte", () => {
    expect(corpusFiles).toHaveLength(160);
    expect([...manifest.keys()].sort()).toEqual(corpusFiles);
    for (const name of corpusFiles) {
      const bytes = readFileSync(corpusDir + name);
      const row = manifest.get(name);
      expect(createHash("sha256").update(bytes).digest("hex"), name).toBe(row?.sha256);
      expect(bytes.byteLength, name).toBe(row?.bytes);
    }
  });

  it.each(corpusFiles)("%s parses to the values of an independent YAML parse", (name) => {
    const text = readCorpus(name);
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    expect(match).not.toBeNull();
    const [, frontMatter, body] = match as RegExpExecArray;
    const raw = parseYaml(frontMatter) as Record<string, unknown>;
    const row = manifest.get(name);

    const { post: parsed, warnings } = expectOk(parseLinkPost(text, name));
    expect(warnings).toEqual([]);
    expect(parsed).toEqual({
      title: raw.title,
      date: raw.date,
      tags: raw.tags,
      source: raw.source,
      externalUrl: raw.external_url,
      viaUrl: null,
      kind: raw.post_kind,
      draft: raw.draft,
      tldr: raw.tldr,
      summary: raw.summary,
      commentary: "",
      extra: {},
    });
    // The manifest was written from the original data, not from YAML.
    expect([parsed.source, parsed.date, parsed.externalUrl]).toEqual([row?.source, row?.date, row?.url]);
    expect(body).toBe(`${BODY_LINE_PREFIX}${parsed.externalUrl}\n`);
  });

  it.each(corpusFiles)("%s survives serialize -> parse unchanged", (name) => {
    const original = expectOk(parseLinkPost(readCorpus(name))).post;
    const written = serializeLinkPost(original);
    const reread = expectOk(parseLinkPost(written));
    expect(reread.post).toEqual(original);
    expect(reread.warnings).toEqual([]);
  });

  it("writes the corpus layout: key order, quoted date, block tags, body line, ~80 columns", () => {
    const original = post("0001");
    const written = serializeLinkPost(original);
    expect(written).toMatch(
      /^---\ntitle: Securing Kubernetes Traffic with Calico Ingress Gateway\ndate: '2025-06-17T16:26:04\+00:00'\ntags:\n- tigera\nsource: Tigera\nexternal_url: https:\/\/www\.tigera\.io\/blog\/securing-kubernetes-traffic-with-calico-ingress-gateway\/\npost_kind: link\ndraft: false\ntldr: /,
    );
    expect(written.endsWith(`\n---\n${BODY_LINE_PREFIX}${original.externalUrl}\n`)).toBe(true);
    for (const name of corpusFiles) {
      const [, yaml] = serializeLinkPost(expectOk(parseLinkPost(readCorpus(name))).post).split("---\n");
      // A URL cannot be broken; every other line stays near 80 columns.
      const tooWide = yaml.split("\n").filter((line) => [...line].length > 90 && !line.startsWith("external_url: "));
      expect(tooWide, name).toEqual([]);
    }
  });
});

describe("corpus quirks keep their exact strings", () => {
  it("keeps dates as written: -08:00 offsets and microseconds", () => {
    expect(post("0007").date).toBe("2025-04-25T10:30:00-08:00");
    expect(post("0044").date).toBe("2025-12-09T18:53:48.536000+00:00");
    expect(post("0132").date).toBe("2026-07-23T20:03:12.073000+00:00");
  });

  it("decodes double-quoted escapes into mojibake C1 characters", () => {
    expect(post("0052").tldr).toContain("Whether it\u00e2\u0080\u0099s dealing with flaky multi-cloud");
    const p53 = post("0053");
    expect(p53.tldr.startsWith("Introducing a Managed Component")).toBe(true);
    expect(p53.summary).toContain("Kubernetes Key Features of the DOKS Routing Agent");
    const p129 = post("0129");
    expect(p129.title).toBe("Now Live: GPT-5 on the DigitalOcean Gradient™ AI Platform");
    expect(p129.tldr).toContain("Gradient\u00e2\u0084\u00a2 AI Platform");
    expect(p129.summary).toContain('completions \\ -H "Authorization: Bearer YOUR_API_KEY" \\ -H');
  });

  it("writes C1 characters back as \\x escapes inside double quotes, like PyYAML", () => {
    const written = serializeLinkPost(post("0052"));
    expect(written).toContain("it\u00e2\\x80\\x99s");
    expect(written).not.toMatch(/[\x80-\x9f]/);
  });

  it("keeps emoji, variation selectors and other non-ASCII text", () => {
    expect(post("0023").tldr.startsWith("🚨 Breaking Changes & Deprecations 🚀 Key Feature Updates")).toBe(true);
    const p128 = post("0128");
    expect(p128.tldr.startsWith("🌟 What’s new in kgateway 2.1?")).toBe(true);
    expect(p128.tldr).toContain("\u{1F5D1}\uFE0F");
    expect(post("0056").tldr).toContain("multi\u2011cluster");
    expect(post("0051").summary).toContain("bene\uFB01t");
  });

  it("keeps a double space, doubled apostrophes, raw apostrophes and backslashes", () => {
    expect(post("0136").title).toBe("Accelerating  Nemotron Nano 2 9B: From Quantization to KV-Cache");
    expect(post("0045").title).toBe("Not your grandfather's VMs: Renewing backup for Red Hat OpenShift Virtualization");
    expect(post("0134").title).toBe("Safe data discovery with EDB's Data Governance Co-Pilot AI quickstart");
    expect(post("0087").summary).toContain("\\(90/75\\)");
  });

  it("folds a wrapped plain title ending in an ellipsis into one line", () => {
    expect(post("0028").title).toBe("Running LLMs dynamically, in production, on limited resources, is hard. We think there’s room for another approach…");
  });

  it("keeps truncated texts ending in ... and the very short 0084 as they are", () => {
    expect(post("0068").summary.endsWith("T...")).toBe(true);
    const p84 = post("0084");
    expect(p84.tldr).toBe("A new nftables mode for kube-proxy was introduced as an alpha feature in Kubernetes 1.");
  });
});

describe("hostile and malformed files", () => {
  const malformed = (name: string): ParsedLinkPost => parseLinkPost(new Uint8Array(readFileSync(malformedDir + name)), name);

  it.each([
    ["no-front-matter.md", /no front matter/, 1],
    ["unclosed-front-matter.md", /not closed/, 1],
    ["broken-yaml.md", /invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/, 5],
    ["missing-title.md", /missing title/, undefined],
    ["missing-url.md", /missing external_url/, undefined],
    ["javascript-url.md", /external_url: Only http:\/\/ and https:\/\/ URLs can be linked/, 7],
    ["bad-date.md", /date '2025-02-30T10:00:00\+00:00' is not an ISO 8601 date-time/, 3],
    ["tags-not-list.md", /tags must be a list/, 3],
    ["tab-indent.md", /invalid YAML: Tabs are not allowed as indentation/, 4],
    ["python-object-tag.md", /Unresolved tag: tag:yaml\.org,2002:python\/object\/apply:os\.system; remove the tag/, 4],
    ["duplicate-key.md", /invalid YAML: Map keys must be unique/, 3],
    ["long-title.md", /title is too long: 305 characters, the limit is 300/, 2],
    ["too-many-tags.md", /too many tags: 21, the limit is 20/, 3],
    ["binary-nul.md", /binary file/, undefined],
    ["latin1.md", /not UTF-8 text/, undefined],
  ])("%s is refused: %s (line %s)", (name, message, line) => {
    const result = expectError(malformed(name));
    expect(result.error).toMatch(message);
    expect(result.error.startsWith(`${name}: `) || result.error.startsWith(`${name}, line`)).toBe(true);
    expect(result.line).toBe(line);
  });

  it('stops a "billion laughs" alias bomb quickly', () => {
    const started = performance.now();
    const result = expectError(malformed("alias-bomb.md"));
    expect(result.error).toMatch(/too many YAML aliases/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses an alias that refers to the value containing it", () => {
    for (const line of ["loop: &a [*a]", "loop: &a {self: *a}"]) {
      const result = expectError(parseLinkPost(makePost(`${BASE_FRONT_MATTER}${line}\n`)));
      expect(result.error).toBe("line 4: the alias *a refers to the value that contains it");
    }
    // An alias to an earlier, separate value is fine.
    const shared = expectOk(parseLinkPost(makePost(`${BASE_FRONT_MATTER}one: &a [x]\ntwo: *a\n`)));
    expect(shared.post.extra).toEqual({ one: ["x"], two: ["x"] });
  });

  it("refuses deeply nested values", () => {
    const deep = `${"[".repeat(32)}${"]".repeat(32)}`;
    expect(expectError(parseLinkPost(makePost(`${BASE_FRONT_MATTER}deep: ${deep}\n`))).error).toBe("line 4: front matter is nested too deeply");
    const ok = `${"[".repeat(31)}1${"]".repeat(31)}`;
    expect(expectOk(parseLinkPost(makePost(`${BASE_FRONT_MATTER}deep: ${ok}\n`))).post.extra.deep).toBeDefined();
  });

  it("refuses input over 1 MiB, as text or bytes, before parsing it", () => {
    const big = makePost(BASE_FRONT_MATTER, "x".repeat(LINK_POST_FILE_BYTES));
    expect(expectError(parseLinkPost(big)).error).toMatch(/larger than 1048576 characters/);
    expect(expectError(parseLinkPost(new TextEncoder().encode(big))).error).toMatch(/larger than 1048576 bytes/);
  });

  it("reports YAML errors in file lines, counting the opening fence", () => {
    // yaml notices the missing quote where the front matter ends: the closing fence on line 5.
    const result = expectError(parseLinkPost(makePost(`${BASE_FRONT_MATTER}summary: "unterminated\n`)));
    expect(result.error).toBe('line 5: invalid YAML: Missing closing "quote');
    expect(result.line).toBe(5);
  });

  const TITLE = "title: Example\n";
  const URL_LINE = "external_url: https://example.com/post\n";
  it.each([
    ["a relative URL", `${TITLE}external_url: /blog/post\n`, /external_url: Enter a full URL starting with https:\/\/ or http:\/\//],
    ["an ftp URL", `${TITLE}external_url: ftp://example.com/file\n`, /external_url: Only http:\/\/ and https:\/\//],
    ["a URL with a space", `${TITLE}external_url: 'https://example.com/a b'\n`, /must not contain spaces/],
    ["a javascript: via", `${BASE_FRONT_MATTER}via: javascript:alert(1)\n`, /^line 4: via: Only http:\/\/ and https:\/\/ URLs can be linked\.$/],
    ["a relative via", `${BASE_FRONT_MATTER}via: /found/here\n`, /via: Enter a full URL starting with https:\/\/ or http:\/\//],
    ["a via over 2048", `${BASE_FRONT_MATTER}via: https://example.com/${"a".repeat(2048)}\n`, /via: The URL is longer than 2048 characters\./],
    ["a list via", `${BASE_FRONT_MATTER}via: [https://example.com/]\n`, /via must be text, not a list/],
    ["an empty title", `title: '   '\n${URL_LINE}`, /title is empty/],
    ["a list title", `title: [a, b]\n${URL_LINE}`, /title must be text, not a list/],
    ["a date without offset", `${BASE_FRONT_MATTER}date: '2025-04-25T10:30:00'\n`, /not an ISO 8601 date-time with a UTC offset/],
    ["a date without time", `${BASE_FRONT_MATTER}date: 2025-04-25\n`, /not an ISO 8601 date-time/],
    ["month 13", `${BASE_FRONT_MATTER}date: '2025-13-01T00:00:00Z'\n`, /not an ISO 8601/],
    ["hour 24", `${BASE_FRONT_MATTER}date: '2025-01-01T24:00:00Z'\n`, /not an ISO 8601/],
    ["a word as date", `${BASE_FRONT_MATTER}date: yesterday\n`, /not an ISO 8601/],
    ["a number as date", `${BASE_FRONT_MATTER}date: 20250101\n`, /date must be an ISO 8601 date-time in quotes/],
    ["a number tag", `${BASE_FRONT_MATTER}tags:\n- kubernetes\n- 2025\n`, /tag 2 must be text, not a number; put it in quotes/],
    ["an empty tag", `${BASE_FRONT_MATTER}tags:\n- ''\n`, /tag 1 is empty/],
    ["a tag too long", `${BASE_FRONT_MATTER}tags:\n- ${"t".repeat(51)}\n`, /tag 1 is too long: 51 characters, the limit is 50/],
    ["a non-boolean draft", `${BASE_FRONT_MATTER}draft: yes\n`, /draft must be true or false/],
    ["an empty post_kind", `${BASE_FRONT_MATTER}post_kind: ''\n`, /post_kind is empty/],
    ["tldr over 2000", `${BASE_FRONT_MATTER}tldr: ${"a".repeat(2001)}\n`, /tldr is too long: 2001 characters, the limit is 2000/],
    ["summary over 20000", `${BASE_FRONT_MATTER}summary: ${"a".repeat(20001)}\n`, /summary is too long: 20001 characters/],
    ["a non-text key", `${BASE_FRONT_MATTER}? [a, b]\n: value\n`, /keys must be text/],
    ["a list as front matter", "- a\n- b\n", /must be a list of "key: value" lines/],
  ])("refuses %s", (_, frontMatter, message) => {
    expect(expectError(parseLinkPost(makePost(frontMatter))).error).toMatch(message);
  });

  it("gives the line of the offending tag", () => {
    const result = expectError(parseLinkPost(makePost(`${BASE_FRONT_MATTER}tags:\n- a\n- b\n- 3\n`)));
    expect(result.line).toBe(7);
  });

  it("refuses commentary over 50000 characters", () => {
    const text = makePost(BASE_FRONT_MATTER, `${BODY_LINE_PREFIX}https://example.com/post\n\n${"c".repeat(50001)}\n`);
    expect(expectError(parseLinkPost(text)).error).toMatch(/commentary is too long: 50001 characters/);
  });

  it("counts characters, not UTF-16 units, against limits", () => {
    const title = "🚀".repeat(LIMITS.title);
    expect(expectOk(parseLinkPost(makePost(`title: ${title}\nexternal_url: https://example.com/post\n`))).post.title).toBe(title);
  });

  it("refuses front matter that is empty", () => {
    expect(expectError(parseLinkPost("---\n---\nbody\n")).error).toMatch(/front matter is empty/);
  });
});

describe("input encodings and line endings", () => {
  it.each(corpusFiles)("a CRLF + BOM copy of %s parses to the same values", (name) => {
    const text = readCorpus(name);
    const crlfBom = new TextEncoder().encode(`\ufeff${text.replace(/\n/g, "\r\n")}`);
    expect(crlfBom.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(expectOk(parseLinkPost(crlfBom)).post).toEqual(expectOk(parseLinkPost(text)).post);
  });

  it("accepts a missing final newline, with or without a body", () => {
    const text = readCorpus(corpusFile("0001"));
    expect(expectOk(parseLinkPost(text.trimEnd())).post).toEqual(post("0001"));
    const noBody = expectOk(parseLinkPost(`---\n${BASE_FRONT_MATTER}---`));
    expect(noBody.post.commentary).toBe("");
    expect(noBody.warnings).toEqual([expect.stringMatching(/the body has no 'Open the original post ↗ <external_url>' line/)]);
  });

  it("accepts tabs as separators and inside values", () => {
    const { post: parsed } = expectOk(parseLinkPost(makePost("title:\tTabbed\ttitle\nexternal_url: https://example.com/post\n")));
    expect(parsed.title).toBe("Tabbed\ttitle");
    expect(expectOk(parseLinkPost(serializeLinkPost(parsed))).post).toEqual(parsed);
  });
});

describe("values beyond the corpus", () => {
  it("keeps the source text of an unquoted date", () => {
    const text = makePost(`${BASE_FRONT_MATTER}date: 2025-04-25T10:30:00.000000-08:00\n`);
    expect(expectOk(parseLinkPost(text)).post.date).toBe("2025-04-25T10:30:00.000000-08:00");
  });

  it("accepts Z and space-separated dates and leaves out a missing date and source", () => {
    expect(expectOk(parseLinkPost(makePost(`${BASE_FRONT_MATTER}date: 2024-02-29 23:59:59Z\n`))).post.date).toBe("2024-02-29 23:59:59Z");
    const { post: parsed } = expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER)));
    expect(parsed).toEqual({
      title: "Example",
      date: null,
      tags: [],
      source: null,
      externalUrl: "https://example.com/post",
      viaUrl: null,
      kind: "link",
      draft: false,
      tldr: "",
      summary: "",
      commentary: "",
      extra: {},
    });
    const written = serializeLinkPost(parsed);
    expect(written).not.toMatch(/^(date|source):/m);
    expect(written).toContain("\ntags: []\n");
    expect(expectOk(parseLinkPost(written)).post).toEqual(parsed);
  });

  it("reads via, writes it right after external_url, and leaves an empty via out", () => {
    const via = "https://news.ycombinator.com/item?id=42";
    const { post: parsed, warnings } = expectOk(parseLinkPost(makePost(`${BASE_FRONT_MATTER}via: ${via}\npost_kind: link\n`)));
    expect(warnings).toEqual([]);
    expect(parsed.viaUrl).toBe(via);
    expect(parsed.extra).toEqual({});
    const written = serializeLinkPost(parsed);
    expect(written).toContain(`\nexternal_url: https://example.com/post\nvia: ${via}\npost_kind: link\n`);
    expect(expectOk(parseLinkPost(written)).post).toEqual(parsed);
    for (const empty of ["via:\n", "via: ''\n", "via: ~\n"]) {
      const none = expectOk(parseLinkPost(makePost(`${BASE_FRONT_MATTER}${empty}`))).post;
      expect(none.viaUrl, empty).toBeNull();
      expect(serializeLinkPost(none)).not.toMatch(/^via:/m);
    }
  });

  it("keeps draft: true, post_kind: note and commentary, and writes them back", () => {
    const text = makePost(`${BASE_FRONT_MATTER}post_kind: note\ndraft: true\n`, `${BODY_LINE_PREFIX}https://example.com/post\n\nMy take:\n\n- worth a read\n`);
    const { post: parsed, warnings } = expectOk(parseLinkPost(text));
    expect(warnings).toEqual([]);
    expect(parsed).toMatchObject({ kind: "note", draft: true, commentary: "My take:\n\n- worth a read" });
    const written = serializeLinkPost(parsed);
    expect(written).toContain("\npost_kind: note\ndraft: true\n");
    expect(written.endsWith(`---\n${BODY_LINE_PREFIX}https://example.com/post\n\nMy take:\n\n- worth a read\n`)).toBe(true);
    expect(expectOk(parseLinkPost(written)).post).toEqual(parsed);
  });

  it("finds the body line above commentary, below it, or with trailing spaces", () => {
    const url = "https://example.com/post";
    for (const body of [`Intro.\n\n${BODY_LINE_PREFIX}${url}\n`, `${BODY_LINE_PREFIX}${url}   \n\nIntro.\n`, `\n\n${BODY_LINE_PREFIX}${url}\t\nIntro.`]) {
      const { post: parsed, warnings } = expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER, body)));
      expect(parsed.commentary).toBe("Intro.");
      expect(warnings).toEqual([]);
    }
  });

  it("keeps a body link to another URL as commentary and warns", () => {
    const body = `${BODY_LINE_PREFIX}https://example.com/other\n`;
    const { post: parsed, warnings } = expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER, body), "a.md"));
    expect(parsed.commentary).toBe(`${BODY_LINE_PREFIX}https://example.com/other`);
    expect(warnings).toEqual(["a.md, line 5: the body link differs from external_url; it is kept as commentary"]);
  });

  it("keeps unknown keys in file order and writes them back after the known keys", () => {
    const text = makePost(`zeta: last-letter\n${BASE_FRONT_MATTER}alpha:\n  nested: [1, two]\n__proto__: polluted?\nsummary: s\nmiddle: null\n`);
    const { post: parsed } = expectOk(parseLinkPost(text));
    expect(Object.keys(parsed.extra)).toEqual(["zeta", "alpha", "__proto__", "middle"]);
    expect(parsed.extra).toEqual({
      zeta: "last-letter",
      alpha: { nested: [1, "two"] },
      ["__proto__"]: "polluted?",
      middle: null,
    });
    expect(Object.getPrototypeOf(parsed.extra)).toBe(Object.prototype);
    const written = serializeLinkPost(parsed);
    expect(written).toMatch(/\nsummary: s\nzeta: last-letter\nalpha:\n  nested:\n  - 1\n  - two\n__proto__: polluted\?\nmiddle: null\n---\n/);
    expect(expectOk(parseLinkPost(written)).post).toEqual(parsed);
  });

  it("reads unquoted numbers and booleans in text fields as their source text, with a warning", () => {
    const { post: parsed, warnings } = expectOk(parseLinkPost(makePost("title: 1984\nsource: 0x1F\nexternal_url: https://example.com/post\n")));
    expect(parsed.title).toBe("1984");
    expect(parsed.source).toBe("0x1F");
    expect(warnings).toEqual(["line 2: title was read as text '1984'; put it in quotes", "line 3: source was read as text '0x1F'; put it in quotes"]);
    // Written back quoted, so the next read is clean.
    const reread = expectOk(parseLinkPost(serializeLinkPost(parsed)));
    expect(reread.post).toEqual(parsed);
    expect(reread.warnings).toEqual([]);
  });

  it("quotes strings that YAML 1.1 readers (PyYAML) would turn into other types", () => {
    const parsed = {
      ...expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER))).post,
      title: "yes",
      source: "2025-01-01",
      tldr: "1e3",
    };
    const written = serializeLinkPost(parsed);
    expect(written).toContain("\ntitle: 'yes'\n");
    expect(written).toContain("\nsource: '2025-01-01'\n");
    expect(written).toContain("\ntldr: '1e3'\n");
  });

  it.each([" \n \n\n", "\0 \n \n", "line one\n\nline two  \n  indented", "  \n", "\r\n"])("keeps whitespace around newlines in %j", (summary) => {
    const base = expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER))).post;
    expect(expectOk(parseLinkPost(serializeLinkPost({ ...base, summary }))).post.summary).toBe(summary);
  });

  it("never splits an emoji when folding a long double-quoted word", () => {
    const base = expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER))).post;
    // \0 forces double quotes; a long run without spaces is broken mid-word.
    for (const summary of [`\0${"🚀".repeat(100)}`, `\0\0${"🚀".repeat(100)}`]) {
      const written = serializeLinkPost({ ...base, summary });
      expect(written).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(expectOk(parseLinkPost(new TextEncoder().encode(written))).post.summary).toBe(summary);
    }
  });

  it("refuses to write extra keys that repeat a front-matter key", () => {
    const parsed = expectOk(parseLinkPost(makePost(BASE_FRONT_MATTER))).post;
    expect(() => serializeLinkPost({ ...parsed, extra: { title: "again" } })).toThrow(/must not repeat the front-matter key 'title'/);
  });
});
