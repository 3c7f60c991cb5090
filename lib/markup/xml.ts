// The one XML writer of the site: RSS, Atom and the sitemap are built as element trees and written here, so every
// text and attribute value passes through escapeXml and no writer can forget it (or hide markup in CDATA).

// Characters XML 1.0 cannot carry, raw or as a character reference: C0 controls other than tab, LF and CR, unpaired
// surrogates, U+FFFE and U+FFFF. One of them anywhere makes a strict reader refuse the whole document.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A raw CR becomes LF when read; as a reference it stays CR.
  "\r": "&#13;",
};
// In attribute values a raw tab or LF is read as a space, so they are written as references too.
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...XML_ESCAPES, "\t": "&#9;", "\n": "&#10;" };

/**
 * A value made safe as XML element text or as a quoted attribute value: characters XML cannot carry are dropped,
 * markup characters escaped. Stored text is not trusted to be clean (rows older than the post rule may hold controls).
 */
export function escapeXml(value: string, context: "text" | "attribute" = "text"): string {
  const escapes = context === "attribute" ? ATTRIBUTE_ESCAPES : XML_ESCAPES;
  return value.replace(XML_INVALID, "").replace(context === "attribute" ? /[&<>"'\r\t\n]/g : /[&<>"'\r]/g, (ch) => escapes[ch]);
}

/** An element: attributes (undefined ones left out), then either text or child elements. */
export type XmlElement = {
  name: string;
  attributes?: Record<string, string | undefined>;
  content?: string | XmlElement[];
};

/** Shorthand for an element. */
export function el(name: string, attributes: XmlElement["attributes"] = undefined, content: XmlElement["content"] = undefined): XmlElement {
  return { name, attributes, content };
}

function writeElement(element: XmlElement, indent: string, out: string[]): void {
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value, "attribute")}"`)
    .join("");
  const { content } = element;
  if (content === undefined || (Array.isArray(content) && content.length === 0)) {
    out.push(`${indent}<${element.name}${attributes}/>`);
  } else if (typeof content === "string") {
    out.push(`${indent}<${element.name}${attributes}>${escapeXml(content)}</${element.name}>`);
  } else {
    out.push(`${indent}<${element.name}${attributes}>`);
    for (const child of content) writeElement(child, `${indent}  `, out);
    out.push(`${indent}</${element.name}>`);
  }
}

/** A UTF-8 XML document with the given root element, indented two spaces per level. */
export function renderXmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeElement(root, "", out);
  return out.join("\n");
}
