import "server-only";
import { isUtf8 } from "node:buffer";
import { decodeBuffer, getEncoding } from "encoding-sniffer";

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/** A Content-Type header's media type (lower case) and charset parameter, or null when there is none to read. */
export function parseContentType(header: string | undefined): { mediaType: string; charset: string | undefined } | null {
  if (!header) return null;
  const [essence, ...parameters] = header.split(";");
  const mediaType = essence.trim().toLowerCase();
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+\/[a-z0-9!#$%&'*+.^_`|~-]+$/.test(mediaType)) return null;
  let charset: string | undefined;
  for (const parameter of parameters) {
    const [name, ...rest] = parameter.split("=");
    if (name.trim().toLowerCase() !== "charset") continue;
    charset =
      rest
        .join("=")
        .trim()
        .replace(/^"(.*)"$/, "$1") || undefined;
    break;
  }
  return { mediaType, charset };
}

export function isHtmlMediaType(mediaType: string): boolean {
  return HTML_TYPES.has(mediaType);
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

// The HTML signatures of the WHATWG MIME sniffing standard (§7.1), each followed by a space or ">", plus "<!--".
const HTML_SIGNATURE = /^<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[ \t\n\f\r>]|^<!--/;

/** Whether a body sent without a Content-Type starts like an HTML document (after a UTF-8 BOM and white space). */
export function looksLikeHtml(body: Buffer): boolean {
  let start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  while (start < body.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(body[start])) start++;
  return HTML_SIGNATURE.test(
    body
      .subarray(start, start + 32)
      .toString("latin1")
      .toLowerCase(),
  );
}

/**
 * A page's text, decoded as a browser would (WHATWG encoding sniffing): a byte order mark first, then the charset of
 * the Content-Type header, then a `<meta charset>` in the first 1024 bytes. Labels are WHATWG's, so ISO-8859-1 and
 * US-ASCII decode as windows-1252, as browsers do. A page that declares nothing is read as UTF-8 when its bytes are
 * valid UTF-8 (what most undeclared pages are today; the standard allows such detection), else as windows-1252.
 */
export function decodeHtml(body: Buffer, headerCharset?: string): string {
  const declared = headerCharset ? { transportLayerEncodingLabel: headerCharset } : {};
  const declaresNothing = getEncoding(body, { ...declared, defaultEncoding: "windows-1252" }) !== getEncoding(body, { ...declared, defaultEncoding: "utf-8" });
  const defaultEncoding = declaresNothing && isUtf8(body) ? "utf-8" : "windows-1252";
  return decodeBuffer(body, { ...declared, defaultEncoding });
}
