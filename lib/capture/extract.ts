import "server-only";

/**
 * What a fetched article page says about itself: title, site, description, lead paragraphs as Markdown, keywords,
 * date, author, canonical and og:url addresses, language. Pure: the HTML is already decoded to a string (fetching and
 * charset sniffing happen before this), nothing is fetched and nothing is stored. Every text comes back decoded,
 * without control characters and within the post limits of lib/posts/rules.ts; anything missing or unusable is null.
 * Never throws: a page that defeats one part leaves the others standing, and one that defeats the parser gives nulls.
 */

import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { LIMITS, publishDateProblem, urlProblem } from "@/lib/posts/rules";

export type ArticleMetadata = {
  /** og:title, twitter:title, JSON-LD headline, then <title>; a trailing " | Site" naming the site is dropped. */
  title: string | null;
  /** og:site_name, then the JSON-LD publisher's name; null means the caller falls back to the host. */
  siteName: string | null;
  /** og:description, twitter:description, meta description, then JSON-LD description. */
  description: string | null;
  /** The lead paragraphs as Markdown (absolute links, no images or raw HTML), at most SUMMARY_MAX_CHARACTERS. */
  summary: string | null;
  /** article:tag, JSON-LD keywords, meta keywords and news_keywords, deduplicated case-insensitively, at most 20. */
  keywords: string[];
  /** ISO 8601 in UTC (toISOString), from the first source whose date parses and lies in 1970-9999. */
  publishedAt: string | null;
  /** JSON-LD author name(s) joined with ", ", meta author, article:author (not a URL), then rel=author link text. */
  author: string | null;
  /** <link rel=canonical> resolved against the page's base address; http(s) only, under the post URL rule. */
  canonicalUrl: string | null;
  /** og:url resolved against the page address; http(s) only, under the post URL rule. */
  ogUrl: string | null;
  /** <html lang>, when it looks like a language tag. */
  language: string | null;
};

/** The summary's length, in UTF-16 units (so also in characters): a few lead paragraphs, not the article. */
export const SUMMARY_MAX_CHARACTERS = 1500;
const MAX_KEYWORDS = 20;
/** An author is no post field; a byline longer than this is not a byline. */
const AUTHOR_MAX_CHARACTERS = 200;
/**
 * Readability walks and scores the whole tree, up to four times (re-parsing the body each time) when a pass finds too
 * little: on a listing page of ten thousand elements that takes a second or more. Above this many elements, or when
 * its own quick test says the page holds no article, the lead paragraphs come from the first <p>s instead. (Its own
 * maxElemsToParse counts getElementsByTagName("*"), which linkedom answers with an empty list, so it is passed as
 * well but cannot be relied on.)
 */
const READABILITY_MAX_ELEMENTS = 8000;
/** A page this small is cheap to read even when it fails Readability's quick test (a short article, say). */
const READABILITY_ALWAYS_ELEMENTS = 1500;
/** Readability re-parses the body on each retry; past this much markup the first <p>s are used instead. */
const READABILITY_MAX_HTML = 1024 * 1024;
/** Any one text read from the page is cut to this many UTF-16 units before cleaning: ample for every limit. */
const MAX_RAW_TEXT = 16 * 1024;
/** Keywords looked at before giving up on finding MAX_KEYWORDS distinct ones. */
const MAX_KEYWORD_CANDIDATES = 500;
/** A JSON-LD block larger than this is not metadata. */
const JSON_LD_MAX_CHARACTERS = 512 * 1024;

const emptyMetadata = (): ArticleMetadata => ({
  title: null,
  siteName: null,
  description: null,
  summary: null,
  keywords: [],
  publishedAt: null,
  author: null,
  canonicalUrl: null,
  ogUrl: null,
  language: null,
});

/** Runs one part of the extraction; a part that throws gives its empty value and leaves the others alone. */
function attempt<T>(part: () => T, fallback: T): T {
  try {
    return part();
  } catch {
    return fallback;
  }
}

export function extractArticle(html: string, pageUrl: string): ArticleMetadata {
  try {
    if (typeof html !== "string" || !html.trim()) return emptyMetadata();
    const { markup, elements } = boundMarkup(html);
    const document = parseDocument(markup);
    const page = readPage(document, typeof pageUrl === "string" ? pageUrl : "");
    const title = attempt(() => pickTitle(page), null);
    return {
      title,
      siteName: attempt(() => pickSiteName(page), null),
      description: attempt(() => pickDescription(page), null),
      summary: attempt(() => pickSummary(markup, elements, document, page, title), null),
      keywords: attempt(() => pickKeywords(page), []),
      publishedAt: attempt(() => pickPublishedAt(page), null),
      author: attempt(() => pickAuthor(page), null),
      canonicalUrl: attempt(() => pickCanonical(page), null),
      ogUrl: attempt(() => absoluteHttpUrl(page.meta.first("og:url"), page.pageUrl), null),
      language: attempt(() => pickLanguage(document), null),
    };
  } catch {
    return emptyMetadata();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsing

/** How deep elements may nest; real pages stay under a hundred. */
const MAX_DEPTH = 500;
/** How many elements are parsed at most; a heavy real page has ten thousand. */
const MAX_ELEMENTS = 60_000;
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const RAW_TEXT_END: Record<string, RegExp> = { script: /<\/script/gi, style: /<\/style/gi, title: /<\/title/gi, textarea: /<\/textarea/gi, xmp: /<\/xmp/gi };
const P_ONLY = ["p"];
const FORM_TAGS = ["input", "option", "optgroup", "select", "button", "datalist", "textarea"];
/** htmlparser2's table: opening the key closes these elements while they are the innermost. */
const OPEN_IMPLIES_CLOSE = new Map<string, string[]>([
  ["tr", ["tr", "th", "td"]],
  ["th", ["th"]],
  ["td", ["thead", "th", "td"]],
  ["body", ["head", "link", "script"]],
  ["li", ["li"]],
  ["option", ["option"]],
  ["optgroup", ["optgroup", "option"]],
  ["dd", ["dd", "dt"]],
  ["dt", ["dd", "dt"]],
  ["rt", ["rt", "rp"]],
  ["rp", ["rt", "rp"]],
  ["tbody", ["thead", "tbody"]],
  ["tfoot", ["thead", "tbody"]],
  ...["select", "input", "output", "button", "datalist", "textarea"].map((tag): [string, string[]] => [tag, FORM_TAGS]),
  ...[
    ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset"],
    ...["figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul"],
  ].map((tag): [string, string[]] => [tag, P_ONLY]),
]);
const TAG_OR_COMMENT = /<!--|<(\/?)([a-zA-Z][^\s/>]*)/g;

/**
 * The markup up to where elements would nest deeper than MAX_DEPTH, or the element after MAX_ELEMENTS would start.
 * linkedom takes time quadratic in the depth (200,000 nested <div>s: half a minute) and about 3 µs an element
 * (2 MiB of bare "<p>" is 700,000 of them), and Readability and turndown recurse through the tree. The scan follows
 * htmlparser2's own rules (raw text, void elements, implied closes, foreign self-closing tags) closely enough to
 * count as the parser will; a page within both bounds comes back unchanged.
 */
function boundMarkup(html: string): { markup: string; elements: number } {
  const stack: string[] = [];
  let foreign = 0;
  let elements = 0;
  const pattern = new RegExp(TAG_OR_COMMENT.source, "g");
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    if (match[0] === "<!--") {
      const end = html.indexOf("-->", pattern.lastIndex);
      if (end < 0) break;
      pattern.lastIndex = end + 3;
      continue;
    }
    const name = match[2].toLowerCase();
    if (!match[1] && ++elements > MAX_ELEMENTS) return { markup: html.slice(0, match.index), elements: elements - 1 };
    const tagEnd = html.indexOf(">", pattern.lastIndex);
    if (tagEnd < 0) break;
    pattern.lastIndex = tagEnd + 1;
    if (match[1]) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) {
        for (const closed of stack.splice(at)) if (closed === "svg" || closed === "math") foreign--;
      }
      continue;
    }
    for (const closes = OPEN_IMPLIES_CLOSE.get(name); closes && stack.length && closes.includes(stack[stack.length - 1]);) stack.pop();
    if (VOID_ELEMENTS.has(name) || (foreign > 0 && html[tagEnd - 1] === "/")) continue;
    const rawEnd = RAW_TEXT_END[name];
    if (rawEnd) {
      rawEnd.lastIndex = pattern.lastIndex;
      if (!rawEnd.exec(html)) break;
      pattern.lastIndex = rawEnd.lastIndex;
      continue;
    }
    stack.push(name);
    if (name === "svg" || name === "math") foreign++;
    if (stack.length > MAX_DEPTH) return { markup: html.slice(0, match.index), elements: elements - 1 };
  }
  return { markup: html, elements };
}

/** Another site's page parsed within the same bounds as an article (depth and element count), for other readers of pages. */
export function parseBoundedDocument(html: string): Document {
  return parseDocument(boundMarkup(html).markup);
}

/**
 * linkedom builds no <html> element around markup that lacks one (the first element becomes the root, and an empty
 * string throws), so such markup is wrapped first.
 */
function parseDocument(html: string): Document {
  const hasRoot = /<html[\s>/]/i.test(html.slice(0, 64 * 1024));
  return parseHTML(hasRoot ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document;
}

type JsonObject = Record<string, unknown>;

/** Everything read from the page once, shared by the fields. */
type Page = {
  document: Document;
  /** The page address, or null when it is not an absolute URL. */
  pageUrl: URL | null;
  /** What relative links resolve against: <base href> when it is http(s), else the page address. */
  baseUrl: URL | null;
  meta: MetaTags;
  /** The JSON-LD article (Article, NewsArticle, BlogPosting…), then the WebPage, in that order, when present. */
  jsonLd: JsonObject[];
  /** JSON-LD nodes by @id, so `"author": {"@id": "…#person"}` finds the person in the @graph. */
  jsonLdById: Map<string, JsonObject>;
  /** The <title> text, before any suffix is dropped. */
  documentTitle: string | null;
};

function readPage(document: Document, pageUrlText: string): Page {
  const pageUrl = attempt(() => httpUrl(new URL(pageUrlText)), null);
  const baseHref = attempt(() => document.querySelector("base[href]")?.getAttribute("href") ?? null, null);
  const baseUrl = (baseHref !== null && attempt(() => httpUrl(new URL(baseHref.trim(), pageUrl ?? undefined)), null)) || pageUrl;
  const { picked, byId } = attempt(() => readJsonLd(document), { picked: [], byId: new Map<string, JsonObject>() });
  return {
    document,
    pageUrl,
    baseUrl,
    meta: attempt(() => readMetaTags(document), new MetaTags()),
    jsonLd: picked,
    jsonLdById: byId,
    documentTitle: attempt(() => readDocumentTitle(document), null),
  };
}

function httpUrl(url: URL): URL | null {
  return url.protocol === "http:" || url.protocol === "https:" ? url : null;
}

/** <meta> contents by lower-cased property and name, in document order (article:tag repeats). */
class MetaTags {
  private readonly values = new Map<string, string[]>();

  add(key: string, value: string) {
    const list = this.values.get(key);
    // No field needs more than this; a megabyte of attribute would only slow every step after.
    const kept = value.slice(0, MAX_RAW_TEXT);
    if (list) list.push(kept);
    else this.values.set(key, [kept]);
  }

  all(key: string): string[] {
    return this.values.get(key) ?? [];
  }

  /** The first non-blank content for the key. */
  first(key: string): string | null {
    return this.all(key).find((value) => value.trim() !== "") ?? null;
  }
}

function readMetaTags(document: Document): MetaTags {
  const meta = new MetaTags();
  for (const element of document.querySelectorAll("meta")) {
    const content = element.getAttribute("content");
    if (content === null) continue;
    for (const attribute of ["property", "name"]) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key) meta.add(key, content);
    }
  }
  return meta;
}

/** The <title> in the head (an <svg> may hold titles of its own). */
function readDocumentTitle(document: Document): string | null {
  for (const element of document.querySelectorAll("title")) {
    if (!element.closest("svg")) return element.textContent?.slice(0, MAX_RAW_TEXT) ?? null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// JSON-LD

const ARTICLE_TYPES = new Set(["article", "newsarticle", "blogposting", "techarticle", "report", "scholarlyarticle", "liveblogposting"]);

/** The last segment of a type name, lower-cased: "schema:NewsArticle" and "https://schema.org/NewsArticle" are NewsArticle. */
function typeNames(node: JsonObject): string[] {
  const types = node["@type"];
  const list = Array.isArray(types) ? types : [types];
  return list.filter((type): type is string => typeof type === "string").map((type) => type.replace(/^.*[/:#]/, "").toLowerCase());
}

const isArticle = (node: JsonObject) => typeNames(node).some((type) => ARTICLE_TYPES.has(type) || type.endsWith("newsarticle"));
const isWebPage = (node: JsonObject) => typeNames(node).some((type) => type === "webpage" || (type.endsWith("page") && type !== "page"));

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  // Some sites wrap the block in a comment or CDATA section, or leave raw line breaks inside strings.
  const trimmed = text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, "")
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, "");
  try {
    return JSON.parse(trimmed);
  } catch {
    return JSON.parse(trimmed.replace(/[\u0000-\u001F]+/g, " "));
  }
}

function readJsonLd(document: Document): { picked: JsonObject[]; byId: Map<string, JsonObject> } {
  const nodes: JsonObject[] = [];
  const byId = new Map<string, JsonObject>();
  for (const script of document.querySelectorAll("script")) {
    if (script.getAttribute("type")?.trim().toLowerCase() !== "application/ld+json") continue;
    const text = script.textContent ?? "";
    if (text.length > JSON_LD_MAX_CHARACTERS) continue;
    let data: unknown;
    try {
      data = parseJson(text);
    } catch {
      continue;
    }
    collectNodes(data, nodes, byId);
  }
  const article = nodes.find(isArticle);
  const webPage = nodes.find(isWebPage);
  // The WebPage's mainEntity is often the article itself.
  const mainEntity = webPage && !article ? resolveAll(webPage.mainEntity, byId).find(isArticle) : undefined;
  const picked = [article ?? mainEntity, webPage].filter((node): node is JsonObject => node !== undefined);
  return { picked, byId };
}

/** Every object at the top of a block, in an array or in an @graph (nested graphs included), to a bounded depth. */
function collectNodes(data: unknown, nodes: JsonObject[], byId: Map<string, JsonObject>, depth = 0) {
  if (depth > 4 || nodes.length > 1000) return;
  if (Array.isArray(data)) {
    for (const item of data.slice(0, 1000)) collectNodes(item, nodes, byId, depth + 1);
    return;
  }
  if (!isObject(data)) return;
  if (data["@type"] !== undefined) nodes.push(data);
  const id = data["@id"];
  if (typeof id === "string" && !byId.has(id)) byId.set(id, data);
  if (data["@graph"] !== undefined) collectNodes(data["@graph"], nodes, byId, depth + 1);
}

/** A value that may be one thing, a list, or a reference {"@id": …} to a node elsewhere in the graph. */
function resolveAll(value: unknown, byId: Map<string, JsonObject>): JsonObject[] {
  const list = Array.isArray(value) ? value.slice(0, 50) : [value];
  return list.filter(isObject).map((item) => {
    const id = item["@id"];
    const target = typeof id === "string" ? byId.get(id) : undefined;
    return target && target !== item ? { ...target, ...item } : item;
  });
}

/** The first string a field of the picked JSON-LD nodes holds (article first, then web page). */
function jsonLdText(page: Page, field: string): string | null {
  for (const node of page.jsonLd) {
    const value = node[field];
    if (typeof value === "string" && value.trim()) return decodeEntities(value.slice(0, MAX_RAW_TEXT), page.document);
  }
  return null;
}

/**
 * JSON-LD is script text, which the parser leaves undecoded, yet WordPress and others write entities into it
 * ("Post &#8211; Blog", "AT&amp;T"). Decoded by the same parser, with "<" kept as text.
 */
function decodeEntities(value: string, document: Document): string {
  if (!/&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);?/i.test(value)) return value;
  const element = document.createElement("div");
  element.innerHTML = value.replace(/</g, "&lt;");
  return element.textContent ?? value;
}

function jsonLdPublisherName(page: Page): string | null {
  for (const node of page.jsonLd) {
    for (const publisher of resolveAll(node.publisher, page.jsonLdById)) {
      const types = typeNames(publisher);
      const organisation = types.length === 0 || types.some((type) => type.endsWith("organization") || type === "corporation");
      if (organisation && typeof publisher.name === "string" && publisher.name.trim())
        return decodeEntities(publisher.name.slice(0, MAX_RAW_TEXT), page.document);
    }
  }
  return null;
}

function jsonLdAuthors(page: Page): string[] {
  for (const node of page.jsonLd) {
    const authors = node.author;
    // In the page's order: names as strings, people and organisations as objects or @id references.
    const names = (Array.isArray(authors) ? authors.slice(0, 50) : [authors]).map((author) => {
      if (typeof author === "string") return author;
      const [resolved] = resolveAll(author, page.jsonLdById);
      return typeof resolved?.name === "string" ? resolved.name : "";
    });
    const usable = names
      .slice(0, 50)
      .map((name) => cleanLine(decodeEntities(name.slice(0, MAX_RAW_TEXT), page.document)))
      .filter((name) => name && !looksLikeUrl(name));
    if (usable.length) return usable;
  }
  return [];
}

function jsonLdKeywords(page: Page): string[] {
  for (const node of page.jsonLd) {
    const keywords = node.keywords;
    const texts =
      typeof keywords === "string"
        ? [keywords]
        : Array.isArray(keywords)
          ? keywords.slice(0, 200).flatMap((keyword) => {
              if (typeof keyword === "string") return [keyword];
              if (isObject(keyword) && typeof keyword.name === "string") return [keyword.name];
              return [];
            })
          : [];
    if (texts.length) return texts.flatMap((text) => splitKeywords(decodeEntities(text.slice(0, MAX_RAW_TEXT), page.document)));
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------------
// Text

/** C0 and C1 controls, DEL, the two non-characters and unpaired surrogates: nothing a post may hold (rules.ts). */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** The same, keeping tab and line feed for Markdown. */
const CONTROLS_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line: white space (tabs, line breaks, no-break spaces…) as single spaces, controls dropped, trimmed. */
function cleanLine(value: string | null | undefined): string {
  if (!value) return "";
  return value.replace(/\s+/g, " ").replace(CONTROLS, "").replace(/\s+/g, " ").trim();
}

const codePoints = (value: string) => value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);

/**
 * At most `limit` characters (code points, as lib/posts/rules.ts counts): a longer text is cut at the last space in
 * its second half, or else at the limit, and ends with "…".
 */
function clampText(value: string, limit: number): string {
  if (value.length <= limit || codePoints(value) <= limit) return value;
  // `limit` code points never take more than 2 × limit UTF-16 units, so the slice holds more than limit - 1.
  const head = Array.from(value.slice(0, limit * 2 + 2))
    .slice(0, limit - 1)
    .join("");
  const space = head.search(/\s\S*$/);
  const cut = space > head.length / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:–—-]+$/, "")}…`;
}

/** The first candidate that is not blank once cleaned, clamped; null when there is none. */
function firstLine(candidates: (string | null | undefined)[], limit: number): string | null {
  for (const candidate of candidates) {
    const line = cleanLine(candidate);
    if (line) return clampText(line, limit);
  }
  return null;
}

const looksLikeUrl = (value: string) => /^(?:[a-z][a-z0-9+.-]*:|\/\/|www\.)/i.test(value.trim());

/** For comparing names and titles: letters and digits only, case and width folded. */
const comparable = (value: string) =>
  value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

// ---------------------------------------------------------------------------------------------------------------------
// Fields

function pickSiteName(page: Page): string | null {
  return firstLine([page.meta.first("og:site_name"), jsonLdPublisherName(page)], LIMITS.sourceName);
}

function pickDescription(page: Page): string | null {
  return firstLine(
    [page.meta.first("og:description"), page.meta.first("twitter:description"), page.meta.first("description"), jsonLdText(page, "description")],
    LIMITS.tldr,
  );
}

function pickTitle(page: Page): string | null {
  const siteNames = [page.meta.first("og:site_name"), jsonLdPublisherName(page), page.meta.first("application-name")].map(cleanLine).filter(Boolean);
  const candidates = [
    page.meta.first("og:title"),
    page.meta.first("twitter:title"),
    jsonLdText(page, "headline"),
    jsonLdText(page, "name"),
    page.documentTitle,
  ];
  for (const candidate of candidates) {
    const line = cleanLine(candidate);
    if (line) return clampText(stripSiteSuffix(line, siteNames, page.pageUrl?.hostname ?? ""), LIMITS.title);
  }
  return null;
}

/** What sites put between an article's title and their own name. */
const TITLE_SEPARATORS = [" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / "];
/** Words that, beside the host's name, make a suffix a site name ("The Tigera Blog" on www.tigera.io). */
const GENERIC_SITE_WORDS = new Set([
  "the",
  "blog",
  "blogs",
  "news",
  "official",
  "docs",
  "documentation",
  "engineering",
  "magazine",
  "journal",
  "newsroom",
  "online",
]);
/** Host labels that name no site. */
const GENERIC_HOST_LABELS = new Set(["www", "blog", "blogs", "news", "m", "amp", "en", "com", "org", "net", "co", "io", "dev", "app"]);

/**
 * Drops a trailing " | Site" (and " - ", " – ", " — ", " · ", " :: ", " » ", " / ") when the part after the separator
 * names the site: the site's name (og:site_name, the JSON-LD publisher, application-name) or contains it or is
 * contained by it, or the host ("kubernetes.io", "Kubernetes", "Dan Luu" on danluu.com, "The Tigera Blog" on
 * www.tigera.io). Repeats for "Post | Section | Site" only while the suffix keeps naming the site, and never leaves
 * an empty title.
 */
function stripSiteSuffix(title: string, siteNames: string[], hostname: string): string {
  const names = siteNames.map(comparable).filter((name) => name.length >= 2);
  const host = hostname.toLowerCase().replace(/^www\./, "");
  const hostLabels = host.split(".").filter((label) => label && !GENERIC_HOST_LABELS.has(label));
  const hostKeys = new Set([comparable(host), ...hostLabels.map(comparable)].filter((key) => key.length >= 2));
  const namesSite = (suffix: string) => {
    const key = comparable(suffix);
    if (!key) return false;
    if (hostKeys.has(key)) return true;
    if (names.some((name) => name === key || (Math.min(name.length, key.length) >= 3 && (name.includes(key) || key.includes(name))))) return true;
    const words = suffix.toLowerCase().split(/\s+/).map(comparable).filter(Boolean);
    return words.length <= 4 && words.some((word) => hostKeys.has(word)) && words.every((word) => hostKeys.has(word) || GENERIC_SITE_WORDS.has(word));
  };
  let result = title;
  for (let round = 0; round < 3; round++) {
    let stripped: string | null = null;
    // The right-most separator whose suffix names the site; the part before it must keep some text.
    const cuts = TITLE_SEPARATORS.flatMap((separator) => {
      const positions: { at: number; length: number }[] = [];
      for (let at = result.indexOf(separator); at > 0; at = result.indexOf(separator, at + 1)) positions.push({ at, length: separator.length });
      return positions;
    }).sort((a, b) => b.at - a.at);
    for (const { at, length } of cuts) {
      const before = result.slice(0, at).trim();
      if (comparable(before) && namesSite(result.slice(at + length))) {
        stripped = before;
        break;
      }
    }
    if (stripped === null) break;
    result = stripped;
  }
  return result;
}

/** Splits a keywords text on commas and semicolons (also the full-width and Japanese ones). */
function splitKeywords(text: string): string[] {
  return text.split(/[,;，、；]/);
}

function pickKeywords(page: Page): string[] {
  const candidates = [
    ...page.meta.all("article:tag").flatMap(splitKeywords),
    ...jsonLdKeywords(page),
    ...page.meta.all("keywords").flatMap(splitKeywords),
    ...page.meta.all("news_keywords").flatMap(splitKeywords),
  ];
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const candidate of candidates.slice(0, MAX_KEYWORD_CANDIDATES)) {
    const keyword = cleanLine(candidate);
    // A keyword longer than a tag may be is a sentence, not a tag: dropped rather than cut.
    if (!keyword || codePoints(keyword) > LIMITS.tagName || !/[\p{L}\p{N}]/u.test(keyword)) continue;
    const key = keyword.normalize("NFKC").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
    if (keywords.length === MAX_KEYWORDS) break;
  }
  return keywords;
}

function pickAuthor(page: Page): string | null {
  const fromJsonLd = unique(jsonLdAuthors(page));
  if (fromJsonLd.length) return clampText(fromJsonLd.join(", "), AUTHOR_MAX_CHARACTERS);
  const metaAuthor = cleanLine(page.meta.first("author"));
  if (metaAuthor && !looksLikeUrl(metaAuthor)) return clampText(metaAuthor, AUTHOR_MAX_CHARACTERS);
  const articleAuthors = unique(page.meta.all("article:author").map(cleanLine)).filter((name) => name && !looksLikeUrl(name));
  if (articleAuthors.length) return clampText(articleAuthors.join(", "), AUTHOR_MAX_CHARACTERS);
  const scope = page.document.querySelector("article") ?? page.document;
  const linked = [...scope.querySelectorAll("a[rel]")]
    .filter((link) => relTokens(link).includes("author"))
    .map((link) => cleanLine(link.textContent))
    .filter((name) => name && !looksLikeUrl(name));
  const names = unique(linked).slice(0, 5);
  return names.length ? clampText(names.join(", "), AUTHOR_MAX_CHARACTERS) : null;
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (!value || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const relTokens = (element: Element) => (element.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);

/** An absolute http(s) address that the post URL rule accepts, or null. */
function absoluteHttpUrl(value: string | null | undefined, base: URL | null): string | null {
  if (!value || !value.trim()) return null;
  let url: URL;
  try {
    url = new URL(value.trim(), base ?? undefined);
  } catch {
    return null;
  }
  if (!httpUrl(url)) return null;
  return urlProblem(url.href) === null ? url.href : null;
}

function pickCanonical(page: Page): string | null {
  for (const link of page.document.querySelectorAll("link[rel]")) {
    if (!relTokens(link).includes("canonical")) continue;
    const url = absoluteHttpUrl(link.getAttribute("href"), page.baseUrl);
    if (url) return url;
  }
  return null;
}

function pickLanguage(document: Document): string | null {
  const lang = cleanLine(document.documentElement?.getAttribute("lang") ?? document.documentElement?.getAttribute("xml:lang")).replace(/_/g, "-");
  return /^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$/i.test(lang) && lang.length <= 35 ? lang : null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz]|UTC|GMT)|([+-])(\d{2}):?(\d{2})?)?)?$/;
const RFC_2822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:GMT|UTC|[+-]\d{4})$/;

/**
 * An ISO 8601 date or date-time ("2025-04-25", "2025-04-25T10:30:00-08:00", "2025-04-25 10:30:00", "2025/04/25"),
 * or an RFC 2822 date with its zone, as an ISO string in UTC; a time without a zone is read as UTC. Null when it does
 * not parse, names no real day (February 30), or lies outside the years a post may carry.
 */
function parsePublishedDate(value: string | null | undefined): string | null {
  const text = cleanLine(value);
  if (!text || text.length > 64) return null;
  let date: Date;
  const m = ISO_DATE.exec(text);
  if (m) {
    const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", , sign, offsetHours = "0", offsetMinutes = "0"] = m;
    const parts = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)];
    const [y, mo, d, h, mi, s] = parts;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, Number((fraction + "000").slice(0, 3))));
    date.setUTCFullYear(y);
    if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return null;
    if (sign) {
      const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === "-" ? -1 : 1);
      if (Math.abs(offset) > 18 * 60) return null;
      date = new Date(date.getTime() - offset * 60_000);
    }
  } else if (RFC_2822.test(text)) {
    date = new Date(text);
  } else {
    return null;
  }
  if (Number.isNaN(date.getTime()) || publishDateProblem(date)) return null;
  return date.toISOString();
}

const DATE_META_NAMES = ["date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "publish-date", "pubdate"];

function pickPublishedAt(page: Page): string | null {
  const { meta, document } = page;
  const timeIn = (scope: ParentNode | null) => (scope ? [...scope.querySelectorAll("time[datetime]")].map((time) => time.getAttribute("datetime")) : []);
  const itemprop = [...document.querySelectorAll("[itemprop]")]
    .filter((element) => element.getAttribute("itemprop")?.trim().toLowerCase() === "datepublished")
    .map((element) => element.getAttribute("datetime") ?? element.getAttribute("content"));
  const candidates = [
    meta.all("article:published_time"),
    [jsonLdText(page, "datePublished")],
    timeIn(document.querySelector("article")),
    itemprop,
    DATE_META_NAMES.flatMap((name) => meta.all(name)),
  ];
  for (const group of candidates) {
    for (const candidate of group.slice(0, 20)) {
      const parsed = parsePublishedDate(candidate);
      if (parsed) return parsed;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Summary

/** Markup that never reaches a summary. */
const DROPPED_TAGS = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "object",
  "embed",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "nav",
  "img",
  "picture",
  "source",
  "svg",
  "math",
  "video",
  "audio",
  "canvas",
  "figure",
  "map",
  "dialog",
] as const;
const DROPPED_SELECTOR = DROPPED_TAGS.join(",");
/** The blocks a summary is made of, taken whole. */
const SUMMARY_BLOCKS = new Set(["P", "UL", "OL", "BLOCKQUOTE", "H1", "H2", "H3", "H4", "H5", "H6"]);
/** Blocks that are not lead prose: skipped with everything inside them. */
const SKIPPED_BLOCKS = new Set(["PRE", "TABLE", "DL", "HEADER", "FOOTER", "ASIDE", "FIGCAPTION", ...DROPPED_TAGS.map((tag) => tag.toUpperCase())]);
const HEADING = /^H[1-6]$/;
/** Class names and ids of page furniture around an article (the fallback's filter; Readability has its own). */
const FURNITURE =
  /cookie|consent|gdpr|banner|popup|modal|newsletter|subscribe|signup|promo|advert|sponsor|share|social|comment|footer|header|masthead|nav|menu|sidebar|related|breadcrumb|byline|author-bio|skip-link|table-of-contents|(?:^|[\s_-])toc(?:$|[\s_-])/i;
const FURNITURE_TAGS = new Set(["NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "DIALOG", "MENU", "BUTTON", "FIGURE", "FIGCAPTION", "NOSCRIPT", "TEMPLATE"]);
const FURNITURE_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"]);

type Block = {
  heading: boolean;
  text: string;
  markdown: string;
  /** A short paragraph that is one link ("← all posts", "Next »"): navigation, not prose. */
  linkOnly: boolean;
};

const turndown = createTurndown();

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    emDelimiter: "_",
    strongDelimiter: "**",
    linkStyle: "inlined",
    hr: "---",
  });
  const dropped = new Set<string>(DROPPED_TAGS);
  service.remove((node) => dropped.has(node.nodeName.toLowerCase()));
  const escapeMarkdown = service.escape.bind(service);
  // Text that looks like a tag or an entity stays text: "<script>" is written \<script>, "&amp;" \&amp;.
  service.escape = (text: string) =>
    escapeMarkdown(text)
      .replace(/</g, "\\<")
      .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
  return service;
}

function pickSummary(html: string, elements: number, document: Document, page: Page, title: string | null): string | null {
  const titleKeys = new Set([title, page.documentTitle, page.meta.first("og:title")].map((value) => comparable(cleanLine(value))).filter(Boolean));
  const fromReadability =
    html.length <= READABILITY_MAX_HTML && elements <= READABILITY_MAX_ELEMENTS ? attempt(() => readabilityBlocks(html, elements, page), []) : [];
  const summary = fromReadability.length ? composeSummary(fromReadability, titleKeys) : null;
  return (
    summary ??
    composeSummary(
      attempt(() => firstParagraphBlocks(document, page), []),
      titleKeys,
    )
  );
}

function readabilityBlocks(html: string, elements: number, page: Page): Block[] {
  // Readability rewrites the tree it reads, so it gets a copy of its own; the original serves the fallback.
  const copy = parseDocument(html);
  removeFurniture(copy);
  if (elements > READABILITY_ALWAYS_ELEMENTS && !isProbablyReaderable(copy)) return [];
  const article = new Readability<Node>(copy, {
    maxElemsToParse: READABILITY_MAX_ELEMENTS,
    disableJSONLD: true,
    serializer: (node) => node,
  }).parse();
  const content = article?.content;
  if (!content || !(content as Element).querySelectorAll) return [];
  return collectBlocks(content as Element, page, () => true);
}

/** Cookie banners, newsletter boxes and the like are shown around every article; none is part of one. */
const OVERLAYS = /cookie|consent|gdpr|newsletter|subscribe|subscription|signup|popup|modal|paywall|advert|promo|table-of-contents|(?:^|[\s_-])toc(?:$|[\s_-])/i;

/**
 * Takes page furniture out of Readability's copy: its own filter gives up on a short article and then returns the
 * cookie banner with it. Never an element holding the article, the main part or much text.
 */
function removeFurniture(document: Document) {
  const doomed: Element[] = [];
  for (const element of document.querySelectorAll("script, style, noscript, template, svg")) element.remove();
  for (const element of document.querySelectorAll("nav, footer, aside, form, dialog, [role], [class], [id]")) {
    const tag = element.tagName.toUpperCase();
    if (tag === "HTML" || tag === "BODY" || tag === "ARTICLE" || tag === "MAIN") continue;
    const role = element.getAttribute("role")?.toLowerCase() ?? "";
    const furniture =
      tag === "NAV" ||
      tag === "FOOTER" ||
      tag === "ASIDE" ||
      tag === "FORM" ||
      tag === "DIALOG" ||
      ["navigation", "contentinfo", "dialog", "alertdialog", "complementary", "search"].includes(role) ||
      OVERLAYS.test(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`);
    if (!furniture || element.querySelector("article, main, h1")) continue;
    if ((element.textContent?.length ?? 0) > 2000) continue;
    doomed.push(element);
  }
  for (const element of doomed) element.remove();
}

/** When Readability finds nothing (or the page is too big for it): the first paragraphs of the article or main part. */
function firstParagraphBlocks(document: Document, page: Page): Block[] {
  // Teasers in a list of related posts are <article>s too: the one holding the most text is the article.
  const articles = [...document.querySelectorAll("article")].slice(0, 50);
  const article = articles.reduce<Element | null>((best, candidate) => (best && textLength(best) >= textLength(candidate) ? best : candidate), null);
  const main = article ?? document.querySelector("main") ?? document.querySelector("[role=main]");
  const scope = main ?? document.body ?? document;
  // Within the article, lists, quotes and headings belong to it; across a whole body they are mostly menus.
  const tags = main ? [...SUMMARY_BLOCKS] : ["P"];
  const blocks = collectBlocks(scope, page, (element) => !isFurniture(element, scope, true), tags);
  // A wrapper whose class merely mentions a sidebar or a header would hide every paragraph: then tags and roles only.
  return blocks.length ? blocks : collectBlocks(scope, page, (element) => !isFurniture(element, scope, false), tags);
}

const textLength = (element: Element) => element.textContent?.length ?? 0;

function isFurniture(element: Element, scope: ParentNode, byClass: boolean): boolean {
  for (let node: Element | null = element; node && node !== scope; node = node.parentElement) {
    if (FURNITURE_TAGS.has(node.tagName.toUpperCase())) return true;
    const role = node.getAttribute("role")?.toLowerCase();
    if (role && FURNITURE_ROLES.has(role)) return true;
    if (node.hasAttribute("hidden") || node.getAttribute("aria-hidden") === "true") return true;
    if (byClass && FURNITURE.test(`${node.getAttribute("class") ?? ""} ${node.getAttribute("id") ?? ""}`)) return true;
  }
  return false;
}

/**
 * The summary blocks under `root` in document order (outermost only: a list's paragraphs belong to the list), turned
 * into Markdown one at a time until there is more than a summary's worth.
 */
function collectBlocks(root: ParentNode, page: Page, keep: (element: Element) => boolean, tags: string[] = [...SUMMARY_BLOCKS]): Block[] {
  const wanted = new Set(tags);
  const blocks: Block[] = [];
  let length = 0;
  const stack: Element[] = [...root.children].reverse();
  let visited = 0;
  while (stack.length && length <= SUMMARY_MAX_CHARACTERS * 2 && visited++ < 50_000) {
    const element = stack.pop()!;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED_BLOCKS.has(tag)) continue;
    if (!wanted.has(tag)) {
      for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]);
      continue;
    }
    if (!element.textContent?.trim() || !keep(element)) continue;
    const block = toBlock(element, page);
    if (!block) continue;
    blocks.push(block);
    length += block.markdown.length + 2;
  }
  return blocks;
}

function toBlock(element: Element, page: Page): Block | null {
  const copy = element.cloneNode(true) as Element;
  // A block this long is cut to the summary's length anyway: the rest of its text need not be converted.
  truncateText(copy, SUMMARY_MAX_CHARACTERS * 3);
  prepareForMarkdown(copy, page.baseUrl);
  const text = cleanLine(copy.textContent);
  if (!text) return null;
  // Turndown converts what is inside the node it is given: a wrapper keeps the block's own syntax (## , > , - ).
  const wrapper = copy.ownerDocument.createElement("div");
  wrapper.appendChild(copy);
  const markdown = toMarkdown(wrapper);
  const links = copy.querySelectorAll("a");
  const linkOnly = text.length < 50 && links.length === 1 && cleanLine(links[0].textContent) === text;
  return markdown ? { heading: HEADING.test(element.tagName.toUpperCase()), text, markdown, linkOnly } : null;
}

/** Drops what never reaches Markdown (scripts, media, forms…) and leaves links absolute http(s) or mailto, or plain text. */
function prepareForMarkdown(root: Element, baseUrl: URL | null) {
  for (const dropped of [...root.querySelectorAll(DROPPED_SELECTOR)]) dropped.remove();
  for (const link of [...root.querySelectorAll("a")]) fixLink(link, baseUrl);
}

/** What is inside `wrapper` as Markdown: page text stays text (escaped), white space and controls tidied. */
function toMarkdown(wrapper: HTMLElement): string {
  // The parser leaves a text node per entity ("a ", "<", "b"): joined, the escapes see "<b" and "&amp;" whole.
  wrapper.normalize();
  return turndown
    .turndown(wrapper)
    .replace(/^( *)(-|\d+\.) {2,}/gm, "$1$2 ")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS_IN_TEXT, "")
    .replace(/[ \t]+\n/g, (spaces) => (spaces.startsWith("  ") ? "  \n" : "\n"))
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * An HTML fragment someone wrote (a Micropub post's HTML content) as Markdown, converted as a summary's paragraphs are:
 * links resolved against `baseUrl` and kept only when http(s) or mailto, scripts, media and forms dropped, text that
 * looks like markup escaped. Markup nested or repeated beyond the parser's bounds is cut there.
 */
export function htmlToMarkdown(html: string, baseUrl: string): string {
  const body = parseBoundedDocument(html).body;
  if (!body) return "";
  const base = attempt(() => httpUrl(new URL(baseUrl)), null);
  prepareForMarkdown(body, base);
  return toMarkdown(body);
}

/** Empties the text of `root` after its first `budget` characters, leaving the elements in place. */
function truncateText(root: Node, budget: number) {
  let used = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? "";
      if (used >= budget) node.nodeValue = "";
      else if (used + text.length > budget) node.nodeValue = text.slice(0, budget - used);
      used += text.length;
      continue;
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
  }
}

/** A link keeps only an absolute http(s) or mailto href; otherwise (or with no text, or a "#" permalink) only its text stays. */
function fixLink(link: Element, baseUrl: URL | null) {
  const text = cleanLine(link.textContent);
  if (!text || /^[#¶§🔗]$/u.test(text)) {
    link.remove();
    return;
  }
  const href = link.getAttribute("href")?.trim() ?? "";
  let absolute: string | null = null;
  if (/^mailto:/i.test(href) && !/[\s<>"]/.test(href)) absolute = href;
  else absolute = absoluteHttpUrl(href, baseUrl);
  for (const attribute of [...link.attributes].map((attr) => attr.name)) link.removeAttribute(attribute);
  if (absolute) link.setAttribute("href", absolute);
  else link.replaceWith(...link.childNodes);
}

/**
 * The lead blocks that fit in SUMMARY_MAX_CHARACTERS, whole, joined by blank lines; headings at the start that
 * repeat the title are dropped, and so are headings left at the end. When not even one paragraph fits, the first is
 * cut at a sentence (or else a word) boundary and ends with "…".
 */
function composeSummary(blocks: Block[], titleKeys: Set<string>): string | null {
  let start = 0;
  while (start < blocks.length && isLeadNoise(blocks[start], titleKeys)) start++;
  const parts: Block[] = [];
  let length = 0;
  for (const block of blocks.slice(start).filter((candidate) => !candidate.linkOnly)) {
    const separator = parts.length ? 2 : 0;
    if (length + separator + block.markdown.length <= SUMMARY_MAX_CHARACTERS) {
      parts.push(block);
      length += separator + block.markdown.length;
      continue;
    }
    if (!parts.some((part) => !part.heading) && !block.heading) {
      const cut = cutMarkdown(block.markdown, SUMMARY_MAX_CHARACTERS - length - separator);
      if (cut) parts.push({ ...block, markdown: cut });
    }
    break;
  }
  while (parts.length && parts[parts.length - 1].heading) parts.pop();
  const summary = parts
    .map((part) => part.markdown)
    .join("\n\n")
    .trim();
  return summary ? clampText(summary, LIMITS.summary) : null;
}

/**
 * What may come before an article's first paragraph and is not part of it: a heading repeating the title, a link
 * back, or a short line without a full stop (a date, a byline, a kicker).
 */
function isLeadNoise(block: Block, titleKeys: Set<string>): boolean {
  if (block.heading) return titleKeys.has(comparable(block.text));
  return block.linkOnly || (block.text.length < 50 && !/[.!?。:：]["'”’)]?$/.test(block.text));
}

/** Where Markdown syntax must not be cut: links, code spans, strong and emphasised runs, escapes. */
const PROTECTED = /\[(?:\\.|[^\]\\])*\]\((?:\\.|[^)\\])*\)|`+[^`]*`+|\*\*(?:\\.|[^*\\])+\*\*|_(?:\\.|[^_\\])+_|\\./g;

/**
 * At most `room` characters of one Markdown block: ending at a sentence, else a word, else any character outside
 * link and emphasis syntax, followed by "…" (" …" after a whole sentence).
 */
function cutMarkdown(markdown: string, room: number): string | null {
  if (markdown.length <= room) return markdown;
  if (room < 20) return null;
  const guarded = new Uint8Array(markdown.length + 1);
  for (const match of markdown.matchAll(PROTECTED)) guarded.fill(1, match.index + 1, match.index + match[0].length);
  const free = (at: number) => guarded[at] === 0 && !/[\uDC00-\uDFFF]/.test(markdown[at] ?? "");
  // A sentence end: . ! ? (and their closing quote or bracket) before white space, or a CJK full stop.
  const sentenceLimit = room - 2;
  for (let at = sentenceLimit; at > room / 3; at--) {
    const before = markdown[at - 1];
    if (!free(at)) continue;
    if ((/[.!?]["'”’)\]]?$/.test(markdown.slice(Math.max(0, at - 2), at)) && /\s/.test(markdown[at] ?? "")) || /[。！？]/.test(before ?? "")) {
      return `${markdown.slice(0, at).trimEnd()} …`;
    }
  }
  for (let at = room - 1; at > room / 2; at--) {
    if (free(at) && /\s/.test(markdown[at])) return `${markdown.slice(0, at).replace(/[\s,;:–—-]+$/, "")}…`;
  }
  for (let at = room - 1; at > 0; at--) {
    if (free(at)) return `${markdown.slice(0, at).trimEnd()}…`;
  }
  return null;
}
