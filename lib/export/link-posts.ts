/**
 * Turns stored posts back into the link-post file format, bookmark entries and the JSON content export.
 * Pure: the rows come from lib/export/queries.ts.
 */
import type { Bookmark } from "@/lib/link-format/bookmarks";
import { KNOWN_KEYS, serializeLinkPost, type LinkPostDocument } from "@/lib/link-format/front-matter";
import { TAG_SEPARATOR, urlProblem } from "@/lib/posts/rules";

/** The columns of a post that its link-post file carries (besides source and tags), for selects and types alike. */
export const POST_FILE_COLUMNS = {
  title: true,
  externalUrl: true,
  viaUrl: true,
  tldr: true,
  summary: true,
  commentary: true,
  kind: true,
  status: true,
  publishedAt: true,
  dateText: true,
  extraFields: true,
} as const;
export type PostFileColumns = {
  title: string;
  externalUrl: string;
  viaUrl: string | null;
  tldr: string;
  summary: string;
  commentary: string;
  kind: string;
  status: string;
  publishedAt: Date | null;
  dateText: string | null;
  extraFields: string | null;
};

/** The fields of a post that an export writes. */
export type ExportPostRow = PostFileColumns & {
  slug: string;
  createdAt: Date;
  source: { name: string } | null;
  tags: { tag: { name: string } }[];
};

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** ISO 8601 with an explicit offset, like the corpus: 2025-06-17T16:26:04+00:00 (milliseconds only when present). */
export function isoWithOffset(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `${ms ? `.${pad(ms, 3)}` : ""}+00:00`
  );
}

/** The `date` an export writes: the string as imported, else the publish instant; null when the post has none. */
export function exportDateText(post: { publishedAt: Date | null; dateText: string | null }): string | null {
  return post.dateText ?? (post.publishedAt ? isoWithOffset(post.publishedAt) : null);
}

/** Unknown front-matter keys kept at import, in their order; a damaged value is left out rather than failing the export. */
export function parseExtraFields(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    const extra: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment, so a key named __proto__ stays a plain key.
      Object.defineProperty(extra, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return extra;
  } catch {
    return {};
  }
}

/** A stored post as a link-post document. */
export function toLinkPostDocument(post: ExportPostRow): LinkPostDocument {
  const extra = parseExtraFields(post.extraFields);
  // A file imported before `via` was a known key kept it among the unknown ones; a valid URL there is still its via.
  const keptVia = extra.via;
  for (const key of Object.keys(extra)) if (KNOWN_KEYS.has(key)) delete extra[key];
  return {
    title: post.title,
    date: exportDateText(post),
    tags: post.tags.map((link) => link.tag.name),
    source: post.source?.name ?? null,
    externalUrl: post.externalUrl,
    viaUrl: post.viaUrl ?? (typeof keptVia === "string" && !urlProblem(keptVia) ? keptVia : null),
    kind: post.kind,
    // A post in review is not published: it goes out as a draft, as it would come back.
    draft: post.status === "DRAFT" || post.status === "IN_REVIEW",
    tldr: post.tldr,
    summary: post.summary,
    commentary: post.commentary,
    extra,
  };
}

/** One exported file: `<slug>.md`, which the importer reads back as the preferred slug. */
export function toLinkPostFile(post: ExportPostRow): { name: string; data: string } {
  return { name: `${post.slug}.md`, data: serializeLinkPost(toLinkPostDocument(post)) };
}

/** A post as a browser bookmark; the summary is the description, as the bookmark importer reads it. */
export function toBookmark(post: ExportPostRow): Bookmark {
  return {
    title: post.title,
    url: post.externalUrl,
    addDate: post.publishedAt ?? post.createdAt,
    // No tag may hold a comma (tagNameProblem), but an older database may: TAGS="a,b" would split it in two, so the
    // comma becomes a space. Markdown and JSON, which can hold it, keep the name as stored.
    tags: post.tags.map((link) => link.tag.name.replaceAll(TAG_SEPARATOR, " ").trim()).filter((tag) => tag !== ""),
    description: post.summary,
  };
}

/** The file name of an export made now, e.g. linkpress-2026-11-26.zip. */
export function exportFileName(extension: string, now = new Date()): string {
  return `linkpress-${now.toISOString().slice(0, 10)}.${extension}`;
}

// Settings whose name says they hold a credential never leave the server, whatever screen stored them.
const SECRET_SETTING = /pass(word|wd)?|secret|token|hash|api[-_.]?key|private[-_.]?key|credential|totp|cookie|session|salt/i;

/** Whether a setting must stay out of exports. */
export function isSecretSettingKey(key: string): boolean {
  return SECRET_SETTING.test(key);
}

type ContentInput = {
  posts: (ExportPostRow & { updatedAt: Date; author: { name: string } | null })[];
  tags: { name: string; slug: string }[];
  sources: { name: string; slug: string; domain: string | null; homepage: string | null }[];
  settings: { key: string; value: string }[];
};

/** The JSON export: posts with their tags and source by name, every tag and source, and the non-secret settings. */
export function toContentJson(content: ContentInput, now = new Date()): string {
  const document = {
    format: "linkpress-content",
    version: 1,
    exportedAt: now.toISOString(),
    posts: content.posts.map((post) => ({
      slug: post.slug,
      title: post.title,
      externalUrl: post.externalUrl,
      viaUrl: post.viaUrl,
      status: post.status,
      publishedAt: post.publishedAt?.toISOString() ?? null,
      date: exportDateText(post),
      kind: post.kind,
      tldr: post.tldr,
      summary: post.summary,
      commentary: post.commentary,
      source: post.source?.name ?? null,
      tags: post.tags.map((link) => link.tag.name),
      extraFields: parseExtraFields(post.extraFields),
      author: post.author?.name ?? null,
      createdAt: post.createdAt.toISOString(),
      updatedAt: post.updatedAt.toISOString(),
    })),
    tags: content.tags,
    sources: content.sources,
    settings: content.settings.filter((setting) => !isSecretSettingKey(setting.key)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
