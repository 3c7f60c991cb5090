import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import AdminError from "@/app/(admin)/admin/error";
import SiteError from "@/app/(site)/error";
import { LoadingNotice } from "@/components/ui/loading-notice";

// What a failed render shows: an apology, a retry, a way on, the digest to quote; never the error's message or stack.
describe("error pages", () => {
  const failure = Object.assign(new Error('relation "Post" does not exist at /srv/linkpress/lib/posts/queries.ts:42'), { digest: "2814769871" });

  it.each([
    ["admin", AdminError, "/admin/posts", "Back to the posts"],
    ["reader", SiteError, "/", "See the latest links"],
  ] as const)("the %s error page hides the details and offers a way on", (_name, ErrorComponent, href, label) => {
    const html = renderToStaticMarkup(<ErrorComponent error={failure} reset={() => {}} />);
    expect(html).toContain("Something went wrong");
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
    expect(html).toContain(`<a href="${href}">${label}</a>`);
    expect(html).toContain("<code>2814769871</code>");
    expect(html).not.toContain("does not exist");
    expect(html).not.toContain("queries.ts");
  });

  it("leaves the reference out when the error has no digest (an error in the browser)", () => {
    expect(renderToStaticMarkup(<SiteError error={new Error("boom")} reset={() => {}} />)).not.toContain("reference");
  });
});

describe("loading notice", () => {
  it("is a status message naming what loads", () => {
    const html = renderToStaticMarkup(<LoadingNotice what="the posts" />);
    expect(html).toMatch(/^<p class="loading-notice" role="status">/);
    expect(html.replace(/<!-- -->/g, "")).toContain("Loading the posts…");
  });
});
