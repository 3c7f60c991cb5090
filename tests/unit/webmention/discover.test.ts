// Webmention endpoint discovery (W3C Webmention §3.1.2), case by case as webmention.rocks tests senders.
import { describe, expect, it } from "vitest";
import { discoverWebmentionEndpoint, webmentionLinksInHeader } from "@/lib/webmention/discover";
import { describeWebmention } from "@/lib/webmention/schema";

const PAGE = "https://article.example/2026/post?x=1";
const discover = (html: string, linkHeader: string | null = null, finalUrl = PAGE) => discoverWebmentionEndpoint({ finalUrl, linkHeader, html });

describe("Webmention endpoint discovery", () => {
  it("takes the HTTP Link header first, absolute or relative, quoted or not, among several links and rel values", () => {
    const html = `<link rel="webmention" href="/from-html">`;
    expect(discover(html, `<https://webmention.example/endpoint>; rel="webmention"`)).toBe("https://webmention.example/endpoint");
    expect(discover(html, `</relative/endpoint>; rel=webmention`)).toBe("https://article.example/relative/endpoint");
    expect(discover(html, `<https://a.example/style.css>; rel="preload", <endpoint?a=1&b=2>; rel="webmention somethingelse"`)).toBe(
      "https://article.example/2026/endpoint?a=1&b=2",
    );
    expect(discover(html, `<https://a.example/style.css>; rel="preload"`)).toBe("https://article.example/from-html");
    expect(webmentionLinksInHeader(`<a>; rel="not-webmention", <b>; REL="WebMention"`)).toEqual(["b"]);
  });

  it("then the first <link> or <a> with rel=webmention in document order", () => {
    expect(discover(`<html><head><link rel="webmention" href="https://wm.example/link"></head><body></body></html>`)).toBe("https://wm.example/link");
    expect(discover(`<body><p>See <a href="/a-endpoint" rel="webmention">here</a></p><link rel="webmention" href="/later"></body>`)).toBe(
      "https://article.example/a-endpoint",
    );
    expect(discover(`<link rel="stylesheet webmention" href="multi">`)).toBe("https://article.example/2026/multi");
    expect(discover(`<LINK REL="Webmention" HREF="/upper">`)).toBe("https://article.example/upper");
  });

  it("resolves relative URLs against the final URL (after redirects), and an empty href is the page itself", () => {
    expect(discover(`<link rel="webmention" href="wm">`, null, "https://moved.example/a/b")).toBe("https://moved.example/a/wm");
    expect(discover(`<link rel="webmention" href="">`)).toBe(PAGE);
    expect(discover(`<a rel="webmention" href="?query=yes">x</a>`)).toBe("https://article.example/2026/post?query=yes");
    expect(discover(`<link rel="webmention" href="/e?a=1&amp;b=2">`)).toBe("https://article.example/e?a=1&b=2");
  });

  it("skips what only looks like an endpoint: comments, escaped text, a missing href, other rels, other schemes", () => {
    const decoys = [
      `<!-- <link rel="webmention" href="/in-a-comment"> -->`,
      `<pre>&lt;link rel="webmention" href="/escaped"&gt;</pre>`,
      `<link rel="webmention">`,
      `<a rel="not-webmention" href="/wrong-rel">x</a>`,
      `<link rel="webmention" href="javascript:alert(1)">`,
      `<div rel="webmention" href="/not-a-link-element"></div>`,
    ].join("\n");
    expect(discover(decoys)).toBeNull();
    expect(discover(`${decoys}<a rel="webmention" href="/the-real-one">x</a>`)).toBe("https://article.example/the-real-one");
    expect(discover("<p>No endpoint here.</p>", `<https://a.example/>; rel="canonical"`)).toBeNull();
  });
});

describe("the edit page's Webmention line", () => {
  it("says where it went and what came back, or why not", () => {
    const when = "3 Dec 2026, 12:00";
    expect(describeWebmention({ status: "ACCEPTED", endpoint: "https://wm.example/e", responseStatus: 202, error: null }, when)).toBe(
      "Sent to https://wm.example/e on 3 Dec 2026, 12:00, accepted (202).",
    );
    expect(describeWebmention({ status: "SENT", endpoint: "https://wm.example/e", responseStatus: 201, error: null }, when)).toContain("answered 201");
    expect(describeWebmention({ status: "NO_ENDPOINT", endpoint: null, responseStatus: null, error: null }, when)).toMatch(/^No Webmention endpoint found/);
    expect(describeWebmention({ status: "FAILED", endpoint: null, responseStatus: null, error: "The page answered 500." }, when)).toBe(
      "Failed on 3 Dec 2026, 12:00: The page answered 500.",
    );
  });
});
