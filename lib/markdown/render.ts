import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const SAFE_SCHEMES = ["http", "https", "mailto"];

// Raw HTML in Markdown is escaped (html: false), so it shows as text. Links are checked twice: markdown-it refuses
// unsafe schemes while parsing, and sanitize-html re-checks the final HTML against an allow-list.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.validateLink = (url) => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim().replace(/[\u0000-\u0020]/g, ""));
  return scheme ? SAFE_SCHEMES.includes(scheme[1].toLowerCase()) : !url.trim().startsWith("//");
};

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title", "loading"], ol: ["start"], th: ["style"], td: ["style"] },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener nofollow ugc" }),
    img: sanitizeHtml.simpleTransform("img", { loading: "lazy" }),
    // Headings inside a post start below the page's own h1/h2.
    h1: "h2",
    // HTML written elsewhere (Micropub's HTML content) says bold and italic the older way; Markdown never does.
    b: "strong",
    i: "em",
  },
};

/** HTML reduced to what a rendered post may hold (the allow-list above): no script, event handler, style or unsafe link. */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Markdown to HTML that is safe to insert into a page: no script, event handler, style or unsafe link survives. */
export function renderMarkdown(source: string): string {
  if (!source.trim()) return "";
  return sanitizePostHtml(markdown.render(source));
}

/**
 * Markdown as plain text, for the places that take no markup (list cards, feeds' text fields, meta descriptions): the
 * same parser reads it, so `**this**` is "this" there and bold on the post's page. Blocks are joined by a space.
 */
export function markdownToText(source: string): string {
  const blocks: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === "inline")
      blocks.push(
        (token.children ?? [])
          .map((child) =>
            child.type === "softbreak" || child.type === "hardbreak" ? " " : child.type === "image" ? child.content : child.children ? "" : child.content,
          )
          .join(""),
      );
    else if (token.type === "fence" || token.type === "code_block") blocks.push(token.content);
  }
  return blocks.join(" ").replace(/\s+/g, " ").trim();
}

/** A post with its TL;DR, summary and commentary as safe HTML, as its page shows them (public page, preview links, unsaved preview). */
export function withRenderedText<T extends { tldr: string; summary: string; commentary: string }>(
  post: T,
): T & { tldrHtml: string; summaryHtml: string; commentaryHtml: string } {
  return { ...post, tldrHtml: renderMarkdown(post.tldr), summaryHtml: renderMarkdown(post.summary), commentaryHtml: renderMarkdown(post.commentary) };
}
