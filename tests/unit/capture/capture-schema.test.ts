import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { bookmarkletCode, bookmarkletHref } from "@/lib/capture/bookmarklet";
import { captureFormValues, readCapture, SELECTION_LIMIT, selectionAsQuote, type Capture } from "@/lib/capture/schema";
import { CAPTURE_PATH, isCaptureSubmission, NEW_POST_PATH } from "@/lib/http/paths";
import { renderMarkdown } from "@/lib/markdown/render";
import { canonicalVariants } from "@/lib/posts/canonical-url";

const read = (fields: Record<string, unknown>) => readCapture((name) => fields[name]);

describe("readCapture", () => {
  it("takes the four fields, trims one-line fields and keeps the selection's line breaks", () => {
    const capture = read({
      url: " https://example.com/a ",
      title: "  A\n title\t ",
      selection: "Line one\r\nLine two\n\n\n\nNext paragraph  ",
      via: "https://news.example/",
    });
    expect(capture).toEqual({
      url: "https://example.com/a",
      title: "A title",
      selection: "Line one\nLine two\n\nNext paragraph",
      via: "https://news.example/",
    });
  });

  it("cuts the selection at the limit without splitting an emoji, and drops control characters", () => {
    const capture = read({ url: "https://e.example/", selection: `\u0000${"😀".repeat(SELECTION_LIMIT + 5)}` });
    expect(Array.from(capture.selection)).toHaveLength(SELECTION_LIMIT);
    expect(capture.selection.startsWith("😀")).toBe(true);
  });

  it("finds the URL in the shared text when a share target sends none (Android puts it there)", () => {
    expect(read({ selection: "Worth reading https://kubernetes.io/blog/2025/x/. Really." })).toMatchObject({
      url: "https://kubernetes.io/blog/2025/x/",
      selection: "Worth reading . Really.",
    });
    expect(read({ title: "https://example.com/only-title" }).url).toBe("https://example.com/only-title");
  });

  it("keeps via only when it is another web page", () => {
    expect(read({ url: "https://a.example/", via: "android-app://com.google.android.gm/" }).via).toBe("");
    expect(read({ url: "https://a.example/", via: "https://a.example/" }).via).toBe("");
    expect(read({ url: "https://a.example/", via: "javascript:alert(1)" }).via).toBe("");
    expect(read({ url: "https://a.example/", via: "https://news.ycombinator.com/item?id=1" }).via).toBe("https://news.ycombinator.com/item?id=1");
  });

  it("ignores values that are not text (repeated fields, files)", () => {
    expect(read({ url: ["https://a.example/"], title: 42 })).toEqual({ url: "", title: "", selection: "", via: "" });
  });
});

describe("selectionAsQuote", () => {
  const capture: Capture = { url: "https://example.com/post(1)", title: "Zero trust [part 1]", selection: "", via: "" };

  it("quotes every line, keeps line breaks as hard breaks and paragraphs apart, then attributes", () => {
    const quote = selectionAsQuote({ ...capture, selection: "First line\nsecond line\n\nAnother paragraph" });
    expect(quote).toBe("> First line\\\n> second line\n>\n> Another paragraph\n\n— [Zero trust \\[part 1\\]](https://example.com/post%281%29)");
    const html = renderMarkdown(quote);
    expect(html).toContain("<blockquote>");
    expect(html).toMatch(/First line<br\s*\/?>\s*second line/);
    expect(html).toContain('<a href="https://example.com/post%281%29"');
  });

  it("shows Markdown characters in the selection as text, never as markup or HTML", () => {
    const html = renderMarkdown(
      selectionAsQuote({ ...capture, selection: "# Not a heading\n- not a list\n1. nor this\n*not em* <script>alert(1)</script> [x](javascript:alert(1))" }),
    );
    expect(html).not.toMatch(/<h1|<ul|<ol|<em>|<script|href="javascript/);
    expect(html).toContain("# Not a heading");
    expect(html).toContain("*not em*");
  });

  it("attributes by host when there is no title, and gives nothing without a selection", () => {
    expect(selectionAsQuote({ ...capture, title: "", selection: "Quote" })).toBe("> Quote\n\n— [example.com](https://example.com/post%281%29)");
    expect(selectionAsQuote({ ...capture, selection: "" })).toBe("");
  });

  it('keeps a page title\'s "|" plain in the attribution, where it cannot start a table', () => {
    expect(selectionAsQuote({ ...capture, title: "Zero trust | Fixture Weekly", selection: "a | b" })).toBe(
      "> a \\| b\n\n— [Zero trust | Fixture Weekly](https://example.com/post%281%29)",
    );
  });

  it("never links a URL that is not http(s)", () => {
    expect(selectionAsQuote({ url: "javascript:alert(1)", title: "T", selection: "Q" })).toBe("> Q\n\n— T");
  });

  it("becomes the form's first values", () => {
    expect(captureFormValues({ ...capture, selection: "Q", via: "https://via.example/" })).toMatchObject({
      externalUrl: capture.url,
      title: capture.title,
      via: "https://via.example/",
      summary: expect.stringContaining("> Q"),
    });
  });
});

describe("isCaptureSubmission", () => {
  const form = "application/x-www-form-urlencoded";
  it("is a plain-form POST to the new-post form or the capture address", () => {
    expect(isCaptureSubmission({ method: "POST", pathname: NEW_POST_PATH, contentType: `${form}; charset=UTF-8`, nextAction: null })).toBe(true);
    expect(isCaptureSubmission({ method: "post", pathname: CAPTURE_PATH, contentType: form, nextAction: null })).toBe(true);
  });
  it("is never a Server Action, another address, another method or another body", () => {
    expect(isCaptureSubmission({ method: "POST", pathname: NEW_POST_PATH, contentType: form, nextAction: "abc" })).toBe(false);
    expect(isCaptureSubmission({ method: "POST", pathname: NEW_POST_PATH, contentType: "multipart/form-data; boundary=x", nextAction: null })).toBe(false);
    expect(isCaptureSubmission({ method: "POST", pathname: "/admin/posts", contentType: form, nextAction: null })).toBe(false);
    expect(isCaptureSubmission({ method: "POST", pathname: "/admin/posts/new/", contentType: form, nextAction: null })).toBe(false);
    expect(isCaptureSubmission({ method: "GET", pathname: NEW_POST_PATH, contentType: form, nextAction: null })).toBe(false);
    expect(isCaptureSubmission({ method: "POST", pathname: "/admin/users", contentType: null, nextAction: null })).toBe(false);
  });
});

describe("bookmarklet", () => {
  it("is a javascript: link whose code holds no % (the browser decodes the address before running it)", () => {
    const href = bookmarkletHref("https://links.example");
    expect(href.startsWith("javascript:")).toBe(true);
    expect(decodeURIComponent(href.slice("javascript:".length))).toBe(bookmarkletCode("https://links.example"));
    expect(bookmarkletCode("https://links.example")).not.toContain("%");
  });

  it("POSTs the page's URL, title, selection and referrer to the form in a new window", () => {
    const appended: { name: string; value: string }[] = [];
    const form = {
      submitted: false,
      method: "",
      action: "",
      acceptCharset: "",
      target: "",
      appendChild: (input: { name: string; value: string }) => appended.push(input),
      submit() {
        this.submitted = true;
      },
      remove() {},
    };
    const opened: string[] = [];
    const document = {
      title: "An article",
      referrer: "https://news.example/item",
      createElement: (tag: string) => (tag === "form" ? form : { type: "", name: "", value: "" }),
      body: { appendChild() {} },
    };
    runInNewContext(bookmarkletCode("https://links.example"), {
      document,
      location: { href: "https://blog.example/post" },
      getSelection: () => ({ toString: () => "Selected\nlines" }),
      open: (_url: string, name: string) => (opened.push(name), {}),
    });
    expect(form).toMatchObject({ submitted: true, method: "post", action: "https://links.example/admin/posts/new", acceptCharset: "UTF-8" });
    expect(form.target).toBe(opened[0]);
    expect(Object.fromEntries(appended.map((input) => [input.name, input.value]))).toEqual({
      url: "https://blog.example/post",
      title: "An article",
      selection: "Selected\nlines",
      via: "https://news.example/item",
    });
  });
});

describe("canonicalVariants", () => {
  it("gives every scheme and www form of each URL's canonical form, and skips what is not a web address", () => {
    expect(canonicalVariants(["https://www.Example.com/a/?utm_source=x#top", "not a url", "ftp://example.com/"]).sort()).toEqual(
      ["http://example.com/a", "http://www.example.com/a", "https://example.com/a", "https://www.example.com/a"].sort(),
    );
  });
});
