import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "@/lib/markdown/render";

const SITE = "https://site.example/";
const URL_ATTRIBUTES = ["href", "src", "srcset", "action", "formaction", "xlink:href", "background", "poster", "data", "cite"];
const FORBIDDEN_ELEMENTS = ["script", "iframe", "frame", "svg", "math", "style", "object", "embed", "form", "input", "link", "meta", "base", "details"];

// No "block text" elements: by default node-html-parser keeps the inside of <pre>, <script> and <style> as raw text,
// which would hide elements nested there from these checks.
function parseHtml(html: string): HTMLElement {
  return parse(html, { blockTextElements: {} });
}

function elements(html: string): HTMLElement[] {
  return parseHtml(html).querySelectorAll("*");
}

/** Attribute names of every tag, read with a tokenizer over the raw HTML (independent of node-html-parser). */
function rawAttributeNames(html: string): string[] {
  const names: string[] = [];
  const tag = /<[a-zA-Z][\w-]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  const attribute = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const [, attrs] of html.matchAll(tag)) for (const [, name] of attrs.matchAll(attribute)) names.push(name.toLowerCase());
  return names;
}

/** What a browser would do with the URL: strip whitespace/control characters and resolve against the page. */
function resolved(value: string): URL {
  return new URL(value, SITE);
}

function expectSafe(html: string): void {
  expect(html).not.toMatch(/<\s*script/i);
  for (const name of FORBIDDEN_ELEMENTS) expect(html).not.toMatch(new RegExp(`<\\s*${name}[\\s/>]`, "i"));

  expect(rawAttributeNames(html).filter((name) => name.startsWith("on"))).toEqual([]);

  for (const element of elements(html)) {
    const tag = element.rawTagName.toLowerCase();
    expect(FORBIDDEN_ELEMENTS).not.toContain(tag);
    for (const [name, value] of Object.entries(element.attributes)) {
      expect(name.toLowerCase()).not.toMatch(/^on/);
      if (!URL_ATTRIBUTES.includes(name.toLowerCase())) continue;
      const squeezed = value.replace(/[\u0000-\u0020\u007f]/g, "");
      expect(squeezed).not.toMatch(/^(javascript|data|vbscript|file):/i);
      const protocol = resolved(value).protocol;
      expect(tag === "img" ? ["http:", "https:"] : ["http:", "https:", "mailto:"]).toContain(protocol);
    }
  }
}

function linkTargets(html: string): string[] {
  return elements(html).flatMap((element) =>
    ["href", "src"].flatMap((name) => {
      const value = element.getAttribute(name);
      return value === undefined ? [] : [value];
    }),
  );
}

describe("the safety check used below", () => {
  it.each([
    "<script>alert(1)</script>",
    "<p><SCRIPT>x</SCRIPT></p>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<a href="vbscript:x">x</a>',
    '<img src="data:image/png;base64,AAAA">',
    '<img src="mailto:a@b.c">',
    "<iframe></iframe>",
    "<svg></svg>",
    "<style></style>",
    "<pre><code><img src=x onerror=alert(1)></code></pre>",
  ])("rejects %j", (html) => {
    expect(() => expectSafe(html)).toThrow();
  });

  it("accepts an escaped attack and a quote-breaking title", () => {
    expect(() => expectSafe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")).not.toThrow();
    expect(() => expectSafe('<a href="https://ok.example" title="a&quot; onmouseover=&quot;x">x</a>')).not.toThrow();
  });
});

describe("renderMarkdown", () => {
  describe("attacks", () => {
    it.each([
      ["script tag", "<script>alert(1)</script>"],
      ["script tag, upper case", "<SCRIPT SRC=https://evil.com/x.js></SCRIPT>"],
      ["img onerror", "<img src=x onerror=alert(1)>"],
      ["javascript link", "[x](javascript:alert(1))"],
      ["JAVASCRIPT link", "[x](JAVASCRIPT:alert(1))"],
      ["tab entity inside scheme", "[x](java&#x09;script:alert(1))"],
      ["newline entity inside scheme", "[x](java&#x0A;script:alert(1))"],
      ["leading space", "[x]( javascript:alert(1))"],
      ["leading entity space", "[x](&#x20;javascript:alert(1))"],
      ["hex entity letter", "[x](jav&#x61;script:alert(1))"],
      ["decimal entity letter", "[x](&#106;avascript:alert(1))"],
      ["&colon; entity", "[x](javascript&colon;alert(1))"],
      ["NUL inside scheme", "[x](java\u0000script:alert(1))"],
      ["angle-bracket destination", "[x](<javascript:alert(1)>)"],
      ["reference definition", "[x][r]\n\n[r]: javascript:alert(1)"],
      ["data: html", "[x](data:text/html;base64,PHNjcmlwdD4=)"],
      ["vbscript", "[x](vbscript:msgbox(1))"],
      ["file", "[x](file:///etc/passwd)"],
      ["image javascript", "![x](javascript:alert(1))"],
      ["image data svg", "![x](data:image/svg+xml,<svg onload=alert(1)>)"],
      ["image data svg base64", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
      ["image mailto", "![x](mailto:a@example.com)"],
      ["raw anchor", '<a href="javascript:alert(1)">x</a>'],
      ["iframe", '<iframe src="javascript:alert(1)"></iframe>'],
      ["iframe with https src", '<iframe src="https://evil.com/embed"></iframe>'],
      ["svg onload", "<svg onload=alert(1)>"],
      ["svg with script", "<svg><script>alert(1)</script></svg>"],
      ["style element", "<style>body{display:none}</style>"],
      ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
      ["details ontoggle", "<details open ontoggle=alert(1)>"],
      ["object", '<object data="javascript:alert(1)"></object>'],
      ["form", '<form action="javascript:alert(1)"><input type=submit></form>'],
      ["base", '<base href="https://evil.com/">'],
      ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
      ["autolink javascript", "<javascript:alert(1)>"],
      ["autolink vbscript", "<vbscript:msgbox(1)>"],
      ["autolink data", "<data:text/html,<script>alert(1)</script>>"],
      ["bare javascript text", "javascript:alert(1)"],
      ["protocol-relative link", "[x](//evil.com)"],
      ["title breaking out (unterminated)", '[x](https://ok.example " onmouseover="alert(1))'],
      ["title breaking out (escaped quote)", '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")'],
      ["title with single quotes", "[x](https://ok.example 'a\\' onmouseover=\\'alert(1)')"],
      ["image title breaking out", '![x](https://ok.example/a.png "x\\" onerror=\\"alert(1)")'],
      ["html after a link", "[x](https://ok.example)<img src=x onerror=alert(1)>"],
      ["inline html inside emphasis", "*<img src=x onerror=alert(1)>*"],
      ["html in a code span stays code", "`<script>alert(1)</script>`"],
    ])("neutralises %s", (_name, source) => {
      expectSafe(renderMarkdown(source));
    });

    it.each([
      ["<script>alert(1)</script>"],
      ["<img src=x onerror=alert(1)>"],
      ['<a href="javascript:alert(1)">x</a>'],
      ["<svg onload=alert(1)>"],
      ["<style>body{display:none}</style>"],
    ])("shows raw HTML %j to the reader as text", (source) => {
      const html = renderMarkdown(source);
      expect(parseHtml(html).textContent).toContain(source);
      expect(elements(html).map((element) => element.rawTagName.toLowerCase())).toEqual(["p"]);
    });

    it.each([
      "[x](javascript:alert(1))",
      "[x](JAVASCRIPT:alert(1))",
      "[x]( javascript:alert(1))",
      "[x](jav&#x61;script:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox(1))",
      "<javascript:alert(1)>",
    ])("produces no link at all for %j", (source) => {
      expect(parseHtml(renderMarkdown(source)).querySelectorAll("a")).toHaveLength(0);
    });

    it.each(["![x](javascript:alert(1))", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "![x](mailto:a@example.com)"])(
      "produces no image source for %j",
      (source) => {
        for (const img of parseHtml(renderMarkdown(source)).querySelectorAll("img")) expect(img.getAttribute("src")).toBeUndefined();
      },
    );

    it("keeps a quote-breaking title inside the title attribute", () => {
      const html = renderMarkdown('[x](https://ok.example "a\\" onmouseover=\\"alert(1)")');
      const [link] = parseHtml(html).querySelectorAll("a");
      expect(link.getAttribute("href")).toBe("https://ok.example");
      expect(link.getAttribute("title")).toBe('a" onmouseover="alert(1)');
      expect(Object.keys(link.attributes).sort()).toEqual(["href", "rel", "title"]);
    });

    it.each([
      "[x](//evil.com)",
      "[x](  //evil.com)",
      "[x](\t//evil.com)",
      "[x](/\\evil.com)",
      "[x](\\\\evil.com)",
      "[x](%2F%2Fevil.com)",
      "![x](//evil.com/pixel.png)",
      "<//evil.com>",
    ])("never links off-site through a protocol-relative or backslash path: %j", (source) => {
      const html = renderMarkdown(source);
      expectSafe(html);
      for (const target of linkTargets(html)) {
        expect(target.trim()).not.toMatch(/^[/\\]{2}/);
        expect(resolved(target).host).toBe("site.example");
      }
    });
  });

  describe("links that are allowed", () => {
    it.each([
      ["[a](https://example.com/a?b=1)", "https://example.com/a?b=1"],
      ["[a](http://example.com/)", "http://example.com/"],
      ["[a](HTTPS://example.com/)", "HTTPS://example.com/"],
      ["[mail me](mailto:editor@example.com)", "mailto:editor@example.com"],
      ["<https://example.com/auto>", "https://example.com/auto"],
      ["See https://example.com/bare for more", "https://example.com/bare"],
      ["[relative](/posts/hello)", "/posts/hello"],
      ["[anchor](#notes)", "#notes"],
    ])("%j keeps its link with rel noopener", (source, href) => {
      const html = renderMarkdown(source);
      expectSafe(html);
      const links = parseHtml(html).querySelectorAll("a");
      expect(links).toHaveLength(1);
      expect(links[0].getAttribute("href")).toBe(href);
      const rel = (links[0].getAttribute("rel") ?? "").split(/\s+/);
      expect(rel).toContain("noopener");
      expect(rel).toContain("nofollow");
      expect(rel).toContain("ugc");
    });

    it("keeps the link text and title", () => {
      const [link] = parseHtml(renderMarkdown('[The *post*](https://example.com "Read it")')).querySelectorAll("a");
      expect(link.textContent).toBe("The post");
      expect(link.querySelector("em")?.textContent).toBe("post");
      expect(link.getAttribute("title")).toBe("Read it");
    });

    it("keeps an https image, lazily loaded, with its alt text", () => {
      const [img] = parseHtml(renderMarkdown('![A chart](https://example.com/chart.png "Chart")')).querySelectorAll("img");
      expect(img.getAttribute("src")).toBe("https://example.com/chart.png");
      expect(img.getAttribute("alt")).toBe("A chart");
      expect(img.getAttribute("title")).toBe("Chart");
      expect(img.getAttribute("loading")).toBe("lazy");
    });
  });

  describe("formatting", () => {
    it("renders emphasis, strong and strikethrough", () => {
      const root = parseHtml(renderMarkdown("*em* **strong** ~~gone~~"));
      expect(root.querySelector("em")?.textContent).toBe("em");
      expect(root.querySelector("strong")?.textContent).toBe("strong");
      expect(root.querySelector("s")?.textContent).toBe("gone");
    });

    it("renders bullet and numbered lists, keeping the start number", () => {
      const root = parseHtml(renderMarkdown("- one\n- two\n\n3. three\n4. four"));
      expect(root.querySelectorAll("ul > li").map((li) => li.textContent)).toEqual(["one", "two"]);
      expect(root.querySelectorAll("ol > li").map((li) => li.textContent)).toEqual(["three", "four"]);
      expect(root.querySelector("ol")?.getAttribute("start")).toBe("3");
    });

    it("renders inline code and code blocks with their text escaped", () => {
      const html = renderMarkdown("Use `a < b`.\n\n```ts\nif (a < b && c) run('<b>');\n```");
      const root = parseHtml(html);
      expect(root.querySelector("p > code")?.textContent).toBe("a < b");
      expect(root.querySelector("pre > code")?.textContent).toBe("if (a < b && c) run('<b>');\n");
      expect(html).not.toContain("<b>");
    });

    it("renders a blockquote", () => {
      expect(parseHtml(renderMarkdown("> quoted words")).querySelector("blockquote > p")?.textContent).toBe("quoted words");
    });

    it("turns # Heading into h2, never h1", () => {
      const html = renderMarkdown("# Heading");
      const root = parseHtml(html);
      expect(root.querySelector("h2")?.textContent).toBe("Heading");
      expect(root.querySelector("h1")).toBeNull();
      expect(html).not.toMatch(/<h1/i);
    });

    it.each([
      ["## Two", "h2"],
      ["### Three", "h3"],
      ["###### Six", "h6"],
    ])("keeps %j as %s", (source, tag) => {
      expect(parseHtml(renderMarkdown(source)).querySelector(tag)).not.toBeNull();
    });

    it("renders a table with only text-align styles", () => {
      const root = parseHtml(renderMarkdown("| a | b |\n|:-:|--:|\n| 1 | 2 |"));
      expect(root.querySelectorAll("th").map((th) => th.getAttribute("style"))).toEqual(["text-align:center", "text-align:right"]);
      expect(root.querySelectorAll("td").map((td) => td.textContent)).toEqual(["1", "2"]);
    });

    it("renders a horizontal rule and escapes special characters in text", () => {
      const html = renderMarkdown("a < b & c\n\n---");
      expect(html).toContain("a &lt; b &amp; c");
      expect(parseHtml(html).querySelector("hr")).not.toBeNull();
    });
  });

  it.each(["", " ", "   \n\t  \n"])("renders empty or whitespace input %j as ''", (source) => {
    expect(renderMarkdown(source)).toBe("");
  });
});

// The TL;DR is Markdown on the post's page and plain text where markup cannot go (cards, feeds' text fields, meta).
describe("markdownToText", () => {
  it("keeps the words and drops the markup", () => {
    expect(markdownToText("a **bold** and *slanted* [link](https://example.com/) `code` ![a chart](https://example.com/c.png)")).toBe(
      "a bold and slanted link code a chart",
    );
  });

  it("joins blocks, lines, list items and code with spaces", () => {
    expect(markdownToText("> quoted\nline\n\n- one\n- two\n\n```\nnpm test\n```")).toBe("quoted line one two npm test");
  });

  it("leaves HTML-looking text as the text it is, and decodes entities once", () => {
    expect(markdownToText("Short & sweet <summary>.")).toBe("Short & sweet <summary>.");
    expect(markdownToText("&lt;b&gt; &amp;amp;")).toBe("<b> &amp;");
  });
});
