import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PostMeta } from "@/components/posts/post-meta";
import { displayHost } from "@/lib/format";

const meta = {
  publishedAt: new Date("2025-06-17T16:26:04Z"),
  source: { name: "Tigera", slug: "tigera" },
  tags: [{ name: "tigera", slug: "tigera" }],
  timeZone: "UTC",
};

describe("post meta: via", () => {
  it("links the page where the link was found, by its host without www., marked nofollow", () => {
    const html = renderToStaticMarkup(<PostMeta {...meta} viaUrl="https://www.example.com/found/it?x=1&y=2" />);
    expect(html).toContain(
      '<span class="post-meta__via">via <a href="https://www.example.com/found/it?x=1&amp;y=2" rel="nofollow noopener">example.com</a></span>',
    );
  });

  it("says nothing when the post has no via, as in lists", () => {
    expect(renderToStaticMarkup(<PostMeta {...meta} viaUrl={null} />)).not.toContain("via");
    expect(renderToStaticMarkup(<PostMeta {...meta} />)).not.toContain("via");
  });

  it("shows the host as readers know it", () => {
    expect(displayHost("https://news.ycombinator.com/item?id=1")).toBe("news.ycombinator.com");
    expect(displayHost("http://WWW.Example.COM:8080/a")).toBe("example.com");
    expect(displayHost("https://www2.example.com/")).toBe("www2.example.com");
    expect(displayHost("https://wwwexample.com/")).toBe("wwwexample.com");
    expect(displayHost("not a url")).toBeNull();
  });
});
