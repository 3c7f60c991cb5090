/**
 * The Linkpress link-post file format: Markdown with YAML front matter.
 *
 * ```
 * ---
 * title: ...
 * date: '2025-04-25T10:30:00-08:00'
 * tags:
 * - kubernetes
 * source: Kubernetes Blog
 * external_url: https://kubernetes.io/blog/...
 * via: https://news.ycombinator.com/item?id=...   (optional)
 * post_kind: link
 * draft: false
 * tldr: ...
 * summary: ...
 * ---
 * Open the original post ↗ https://kubernetes.io/blog/...
 *
 * Optional commentary.
 * ```
 *
 * Values are kept exactly as YAML gives them (titles are not trimmed, dates
 * stay the string that was written) so that parse -> serialize -> parse is
 * lossless. Pure: no file system, database or framework access.
 */
import { Document, LineCounter, Scalar, YAMLMap, isCollection, isMap, isScalar, isSeq, parseDocument, visit, type Node, type ParsedNode } from "yaml";
import { LIMITS, LINK_POST_FILE_BYTES, lengthProblem, publishDateProblem, urlProblem, withScheme } from "@/lib/posts/rules";

export type LinkPostDocument = {
  title: string;
  /** Exactly the string as written, e.g. '2025-04-25T10:30:00-08:00'. */
  date: string | null;
  tags: string[];
  source: string | null;
  externalUrl: string;
  /** `via`: the page where the editor found the link; null when absent (or empty). */
  viaUrl: string | null;
  /** `post_kind`, 'link' when absent. */
  kind: string;
  draft: boolean;
  tldr: string;
  summary: string;
  /** Body text other than the generated line, trimmed; '' when none. */
  commentary: string;
  /** Unknown front-matter keys, in file order. */
  extra: Record<string, unknown>;
};

export type ParsedLinkPost = { ok: true; post: LinkPostDocument; warnings: string[] } | { ok: false; error: string; line?: number };

/** The body line every post carries, followed by `external_url`. */
export const BODY_LINE_PREFIX = "Open the original post ↗ ";

/** The front-matter keys Linkpress maps to post fields; any other key is kept in `extra`. */
export const KNOWN_KEYS: ReadonlySet<string> = new Set(["title", "date", "tags", "source", "external_url", "via", "post_kind", "draft", "tldr", "summary"]);

// Enough for any hand-written front matter, far too few for a "billion laughs" bomb.
const MAX_ALIAS_COUNT = 100;
// Collections inside collections; keeps converting and writing back far from the call-stack limit.
const MAX_NESTING = 32;

// ISO 8601 / RFC 3339 date-time with a required UTC offset (an instant).
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))$/;

// Characters YAML cannot hold raw (or that YAML 1.1 readers such as PyYAML
// treat as line breaks); such strings are written double-quoted with escapes.
const NEEDS_ESCAPE_RAW = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;
const NEEDS_DOUBLE_QUOTES =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class FormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Parses one link-post file. Bytes are decoded as strict UTF-8. Never throws:
 * problems come back as `{ ok: false, error, line }` with a message naming the
 * file (when given) and the 1-based line.
 */
export function parseLinkPost(input: string | Uint8Array, fileName?: string): ParsedLinkPost {
  const where = (line?: number): string => [fileName, line === undefined ? undefined : `line ${line}`].filter(Boolean).join(", ");
  const withWhere = (message: string, line?: number): string => {
    const prefix = where(line);
    return prefix ? `${prefix}: ${message}` : message;
  };
  try {
    const warnings: { message: string; line?: number }[] = [];
    const post = parseText(decode(input), warnings);
    return { ok: true, post, warnings: warnings.map((w) => withWhere(w.message, w.line)) };
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    return error.line === undefined
      ? { ok: false, error: withWhere(error.message) }
      : { ok: false, error: withWhere(error.message, error.line), line: error.line };
  }
}

function decode(input: string | Uint8Array): string {
  const limit = LINK_POST_FILE_BYTES;
  if (typeof input !== "string") {
    if (input.byteLength > limit) throw new FormatError(`file is larger than ${limit} bytes (1 MiB)`);
    input = decodeUtf8(input);
  } else if (input.length > limit) {
    throw new FormatError(`file is larger than ${limit} characters (1 MiB)`);
  }
  if (input.includes("\0")) throw new FormatError("binary file (contains NUL bytes), not Markdown text");
  return input;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps a leading BOM in the text, where parseText strips it.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FormatError("not UTF-8 text: save the file as UTF-8 and try again");
  }
}

function parseText(raw: string, warnings: { message: string; line?: number }[]): LinkPostDocument {
  const text = raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const isFence = (line: string): boolean => /^---[ \t]*$/.test(line);
  if (!isFence(lines[0])) {
    throw new FormatError("no front matter: the file must start with a line '---'", 1);
  }
  const close = lines.findIndex((line, i) => i > 0 && isFence(line));
  if (close < 0) {
    throw new FormatError("front matter is not closed: add a line '---' after the last key", 1);
  }

  const fields = readFrontMatter(lines.slice(1, close).join("\n") + "\n", warnings);
  const body = readBody(lines.slice(close + 1), fields.externalUrl, close + 2, warnings);
  checkLength("commentary", body, LIMITS.commentary);
  return { ...fields, commentary: body };
}

type FrontMatter = Omit<LinkPostDocument, "commentary">;

function readFrontMatter(yamlText: string, warnings: { message: string; line?: number }[]): FrontMatter {
  const counter = new LineCounter();
  // The front matter starts on file line 2, after the opening fence.
  const lineOf = (offset: number): number => counter.linePos(offset).line + 1;
  const doc = parseDocument(yamlText, {
    version: "1.2",
    schema: "core",
    // Without this, explicit tags like !!binary or !!timestamp still resolve.
    resolveKnownTags: false,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: counter,
  });
  const [firstError] = doc.errors;
  if (firstError) {
    throw new FormatError(`invalid YAML: ${firstError.message}`, lineOf(firstError.pos[0]));
  }
  for (const warning of doc.warnings) {
    if (warning.code === "TAG_RESOLVE_FAILED") {
      throw new FormatError(`${warning.message}; remove the tag`, lineOf(warning.pos[0]));
    }
    warnings.push({ message: warning.message, line: lineOf(warning.pos[0]) });
  }

  const root = doc.contents;
  if (root === null) throw new FormatError("front matter is empty: it needs at least title and external_url", 2);
  if (!isMap(root)) {
    throw new FormatError('front matter must be a list of "key: value" lines', lineOf(root.range[0]));
  }

  visit(doc, {
    Collection(_, node, path) {
      if (path.filter(isCollection).length >= MAX_NESTING) {
        throw new FormatError("front matter is nested too deeply", node.range ? lineOf(node.range[0]) : undefined);
      }
    },
    Alias(_, alias, path) {
      // `&a [*a]` would give a circular value that no caller can store or write back.
      const target = alias.resolve(doc);
      if (target && path.includes(target)) {
        const line = alias.range ? lineOf(alias.range[0]) : undefined;
        throw new FormatError(`the alias *${alias.source} refers to the value that contains it`, line);
      }
    },
  });

  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new FormatError("front matter uses too many YAML aliases (&/*); write the values out instead");
    }
    throw error;
  }
  const js = values as Record<string, unknown>;

  const nodes = new Map<string, ParsedNode | null>();
  // Errors about a field point at its key: the value may start on a later line.
  const keyLines = new Map<string, number>();
  for (const pair of root.items) {
    const key = pair.key as ParsedNode | null;
    if (!isScalar(key) || typeof key.value !== "string") {
      const line = key ? lineOf(key.range[0]) : undefined;
      throw new FormatError("front-matter keys must be text; put the key in quotes", line);
    }
    nodes.set(key.value, pair.value as ParsedNode | null);
    keyLines.set(key.value, lineOf(key.range[0]));
  }
  const lineFor = (key: string): number | undefined => keyLines.get(key);

  /** A text field; numbers and booleans written without quotes keep their source text. */
  const text = (key: string): string | null => {
    const value = js[key];
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return value;
    const node = nodes.get(key);
    if ((typeof value === "number" || typeof value === "boolean") && isScalar(node) && node.source !== undefined) {
      warnings.push({ message: `${key} was read as text '${node.source}'; put it in quotes`, line: lineFor(key) });
      return node.source;
    }
    throw new FormatError(`${key} must be text, not ${describe(value)}`, lineFor(key));
  };
  const limited = (key: string, value: string, limit: number): string => {
    checkLength(key, value, limit, lineFor(key));
    return value;
  };

  const title = text("title");
  if (title === null) throw new FormatError("missing title: add a line 'title: ...'");
  if (title.trim() === "") throw new FormatError("title is empty", lineFor("title"));

  const typedUrl = text("external_url");
  if (typedUrl === null) throw new FormatError("missing external_url: add a line 'external_url: https://...'");
  const externalUrl = checkUrl("external_url", typedUrl, lineFor("external_url"));

  // `via:` left empty means no via, as an empty form field does.
  const typedVia = text("via") || null;
  const viaUrl = typedVia === null ? null : checkUrl("via", typedVia, lineFor("via"));

  const kind = text("post_kind") ?? "link";
  if (kind.trim() === "") throw new FormatError("post_kind is empty; leave it out for a link post", lineFor("post_kind"));

  const extra: Record<string, unknown> = {};
  for (const key of nodes.keys()) {
    if (KNOWN_KEYS.has(key)) continue;
    // defineProperty, not assignment, so a key named __proto__ stays a plain key.
    Object.defineProperty(extra, key, { value: js[key], enumerable: true, writable: true, configurable: true });
  }

  const source = text("source");
  return {
    title: limited("title", title, LIMITS.title),
    date: readDate(js.date, lineFor("date")),
    tags: readTags(js.tags, nodes.get("tags") ?? null, lineOf, lineFor("tags")),
    source: source === null ? null : limited("source", source, LIMITS.sourceName),
    externalUrl,
    viaUrl,
    kind: limited("post_kind", kind, LIMITS.kind),
    draft: readDraft(js.draft, lineFor("draft")),
    tldr: limited("tldr", text("tldr") ?? "", LIMITS.tldr),
    summary: limited("summary", text("summary") ?? "", LIMITS.summary),
    extra,
  };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "empty";
  if (typeof value === "object") return "a key/value mapping";
  return `a ${typeof value}`;
}

function checkLength(field: string, value: string, limit: number, line?: number): void {
  const problem = lengthProblem(value, limit);
  if (problem) throw new FormatError(`${field} ${problem}`, line);
}

/** The URL completed with https:// when written without a scheme, under the post form's rule (its length included). */
function checkUrl(field: string, typed: string, line?: number): string {
  const url = withScheme(typed);
  const problem = urlProblem(url);
  if (problem) throw new FormatError(`${field}: ${problem}`, line);
  return url;
}

function readDate(value: unknown, line?: number): string | null {
  if (value === undefined || value === null) return null;
  const example = "e.g. 2025-04-25T10:30:00-08:00";
  if (typeof value !== "string") {
    throw new FormatError(`date must be an ISO 8601 date-time in quotes, ${example}`, line);
  }
  const m = ISO_INSTANT.exec(value);
  const valid =
    m !== null &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[3]) >= 1 &&
    Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2])) &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59 &&
    Number(m[6] ?? 0) <= 59 &&
    Number(m[7] ?? 0) <= 23 &&
    Number(m[8] ?? 0) <= 59;
  if (!valid) {
    throw new FormatError(`date '${value}' is not an ISO 8601 date-time with a UTC offset, ${example}`, line);
  }
  const problem = publishDateProblem(instantOfMatch(m, value));
  if (problem) throw new FormatError(`date '${value}' ${problem}`, line);
  return value;
}

/** The instant a matched date names, to the second (enough for the range check). */
function instantOfMatch(m: RegExpExecArray, value: string): Date {
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return new Date(date.getTime() - minutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function readTags(value: unknown, node: ParsedNode | null, lineOf: (offset: number) => number, line?: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new FormatError(`tags must be a list of text values ('- tag' lines), not ${describe(value)}`, line);
  }
  if (value.length > LIMITS.tags) {
    throw new FormatError(`too many tags: ${value.length}, the limit is ${LIMITS.tags}`, line);
  }
  return value.map((tag: unknown, i) => {
    const item = isSeq(node) ? node.items[i] : undefined;
    const itemLine = item && "range" in item && item.range ? lineOf(item.range[0]) : line;
    if (typeof tag !== "string") {
      throw new FormatError(`tag ${i + 1} must be text, not ${describe(tag)}; put it in quotes`, itemLine);
    }
    if (tag.trim() === "") throw new FormatError(`tag ${i + 1} is empty`, itemLine);
    checkLength(`tag ${i + 1}`, tag, LIMITS.tagName, itemLine);
    return tag;
  });
}

function readDraft(value: unknown, line?: number): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw new FormatError("draft must be true or false", line);
  return value;
}

/**
 * Removes the generated "Open the original post ↗ <url>" line (the first one,
 * wherever it is) and returns the rest of the body, trimmed.
 */
function readBody(lines: string[], externalUrl: string, firstLine: number, warnings: { message: string; line?: number }[]): string {
  const index = lines.findIndex((line) => line.startsWith(BODY_LINE_PREFIX) && line.slice(BODY_LINE_PREFIX.length).trim() === externalUrl);
  if (index >= 0) {
    lines = [...lines.slice(0, index), ...lines.slice(index + 1)];
  } else {
    const other = lines.findIndex((line) => line.startsWith(BODY_LINE_PREFIX));
    warnings.push(
      other >= 0
        ? { message: "the body link differs from external_url; it is kept as commentary", line: firstLine + other }
        : {
            message: `the body has no '${BODY_LINE_PREFIX.trim()} <external_url>' line; it is added when the post is saved`,
          },
    );
  }
  return lines.join("\n").trim();
}

/**
 * Writes a post in the corpus format (PyYAML-like: 80 columns, block tag
 * list, single-quoted date). Strings YAML 1.1 would misread (`yes`, `1984`,
 * `2025-01-01`) are quoted, so PyYAML reads the file the same way. Expects a
 * document `parseLinkPost` accepts; throws if `extra` repeats a known key.
 */
export function serializeLinkPost(post: LinkPostDocument): string {
  const doc = new Document(null, {
    version: "1.2",
    schema: "core",
    compat: "yaml-1.1",
    aliasDuplicateObjects: false,
  });
  const map = new YAMLMap<Node, Node>();
  const add = (key: string, value: unknown): void => {
    map.items.push(doc.createPair(key, value));
  };
  add("title", post.title);
  if (post.date !== null) {
    // Quoted like the corpus, so YAML 1.1 readers do not turn it into a timestamp.
    const date = new Scalar(post.date);
    date.type = Scalar.QUOTE_SINGLE;
    map.items.push(doc.createPair("date", date));
  }
  add("tags", post.tags);
  if (post.source !== null) add("source", post.source);
  add("external_url", post.externalUrl);
  if (post.viaUrl !== null) add("via", post.viaUrl);
  add("post_kind", post.kind);
  add("draft", post.draft);
  add("tldr", post.tldr);
  add("summary", post.summary);
  for (const [key, value] of Object.entries(post.extra)) {
    if (KNOWN_KEYS.has(key)) throw new Error(`extra must not repeat the front-matter key '${key}'`);
    add(key, value);
  }
  doc.contents = map;
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && NEEDS_DOUBLE_QUOTES.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });

  const yaml = doc
    .toString({
      lineWidth: 80,
      indentSeq: false,
      singleQuote: true,
      // Quoted scalars only, like PyYAML: yaml 2.9.1 block scalars lose
      // whitespace-only lines (" \n \n" reads back as "\n\n").
      blockQuote: false,
      // Keep newlines as \n inside double quotes: yaml 2.9.1 writes " \n \n" as
      // "\ \n\n  \\ " (a stray backslash) when it breaks lines there.
      doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
    })
    // yaml 2.9.1 may break a long double-quoted word between the two halves of
    // an emoji; move that line break after the pair so the file stays UTF-8.
    .replace(/([\ud800-\udbff])(\\\n *)([\udc00-\udfff])/g, "$1$3$2")
    // yaml leaves these raw inside double quotes; every such string was forced
    // to double quotes above, so each occurrence is inside one.
    .replace(NEEDS_ESCAPE_RAW, (ch) => escapeChar(ch));
  const commentary = post.commentary === "" ? "" : `\n${post.commentary}\n`;
  return `---\n${yaml}---\n${BODY_LINE_PREFIX}${post.externalUrl}\n${commentary}`;
}

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
