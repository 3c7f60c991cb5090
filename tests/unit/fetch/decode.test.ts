// Pages come out as the site meant them, whatever their charset, and only HTML is taken for a page.
import { describe, expect, it } from "vitest";
import { decodeHtml, isHtmlMediaType, looksLikeHtml, parseContentType } from "@/lib/fetch/decode";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))));

describe("decodeHtml", () => {
  it("reads ISO-8859-1 declared in the header as windows-1252, as browsers do", () => {
    const body = bytes("<p>", [0x93], "Caf", [0xe9], [0x94], " ", [0x96], " 1", [0xbd], "</p>");
    expect(decodeHtml(body, "ISO-8859-1")).toBe("<p>“Café” – 1½</p>");
    expect(decodeHtml(body, "latin1")).toBe("<p>“Café” – 1½</p>");
  });

  it("reads windows-1252 declared in a meta element", () => {
    const body = bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>', [0x80, 0x20, 0x85], "</body>");
    expect(decodeHtml(body)).toContain("<body>€ …</body>");
    expect(decodeHtml(bytes('<meta charset="windows-1252"><p>', [0x9c], "uvre</p>"))).toContain("<p>œuvre</p>");
  });

  it("reads Shift_JIS", () => {
    const body = bytes('<meta charset="Shift_JIS"><title>', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea], "</title>");
    expect(decodeHtml(body)).toContain("<title>日本語</title>");
    expect(decodeHtml(bytes("<p>", [0x82, 0xa0, 0x82, 0xa2], "</p>"), "shift_jis")).toBe("<p>あい</p>");
  });

  it("reads GB18030, four-byte sequences included", () => {
    const body = bytes("<p>", [0xc4, 0xe3, 0xba, 0xc3], " ", [0x81, 0x30, 0x84, 0x38], " ", [0x95, 0x32, 0x82, 0x36], "</p>");
    expect(decodeHtml(body, "GB18030")).toBe("<p>你好 © 𠀀</p>");
    expect(decodeHtml(bytes("<p>", [0xd6, 0xd0, 0xce, 0xc4], "</p>"), "gb2312")).toBe("<p>中文</p>");
  });

  it("lets a UTF-8 byte order mark win over the header", () => {
    const body = bytes([0xef, 0xbb, 0xbf], "<p>", [0xe2, 0x80, 0x93], "</p>");
    expect(decodeHtml(body, "iso-8859-1")).toBe("<p>–</p>");
  });

  it("reads UTF-16 by its byte order mark", () => {
    const text = "<p>Grüße – 日本</p>";
    expect(decodeHtml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "iso-8859-1")).toBe(text);
    const bigEndian = Buffer.from(text, "utf16le").swap16();
    expect(decodeHtml(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]))).toBe(text);
  });

  it("lets the header win over a meta element", () => {
    const body = bytes('<meta charset="utf-8"><p>', [0xe9], "</p>");
    expect(decodeHtml(body, "windows-1252")).toContain("<p>é</p>");
  });

  it("reads an undeclared page as UTF-8 when it is valid UTF-8, else as windows-1252", () => {
    expect(decodeHtml(Buffer.from("<p>naïve – ok</p>", "utf8"))).toBe("<p>naïve – ok</p>");
    expect(decodeHtml(bytes("<p>na", [0xef], "ve</p>"))).toBe("<p>naïve</p>");
    // An unknown label counts as no label.
    expect(decodeHtml(Buffer.from("<p>naïve</p>", "utf8"), "no-such-charset")).toBe("<p>naïve</p>");
  });
});

describe("content types", () => {
  it("reads the media type and charset", () => {
    expect(parseContentType('Text/HTML; Charset="Shift_JIS"')).toEqual({ mediaType: "text/html", charset: "Shift_JIS" });
    expect(parseContentType("application/xhtml+xml")).toEqual({ mediaType: "application/xhtml+xml", charset: undefined });
    expect(parseContentType("")).toBeNull();
    expect(parseContentType("nonsense")).toBeNull();
    expect(isHtmlMediaType("text/html")).toBe(true);
    expect(isHtmlMediaType("application/xhtml+xml")).toBe(true);
    for (const type of ["text/plain", "image/png", "application/pdf", "application/json", "text/xml"]) expect(isHtmlMediaType(type)).toBe(false);
  });

  it("sniffs HTML only by how a document starts", () => {
    for (const start of ["<!DOCTYPE html>", "\ufeff  <html lang=en>", "\n<HEAD>", "<!-- x -->", "<title>x</title>", "<p>hi"])
      expect(looksLikeHtml(Buffer.from(start))).toBe(true);
    for (const start of ["%PDF-1.7", "\x89PNG\r\n", '{"a":1}', "<?xml version='1.0'?><rss>", "hello <html>", "<htmlx>", ""])
      expect(looksLikeHtml(Buffer.from(start, "latin1"))).toBe(false);
  });
});
