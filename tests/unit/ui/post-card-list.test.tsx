import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PostCardList } from "@/components/posts/post-card-list";

const post = {
  title: "Zero trust <for> clusters",
  slug: "zero-trust",
  externalUrl: "https://www.example.com/article?a=1&b=2",
  tldr: "Short.",
  publishedAt: new Date("2025-06-17T16:26:04Z"),
  source: null,
  tags: [],
};

describe("post cards", () => {
  it("link the title to the post's page and a ↗ straight to the article, named by its host and described by the title", () => {
    const html = renderToStaticMarkup(<PostCardList posts={[post]} timeZone="UTC" />);
    expect(html).toContain('<a id="post-zero-trust" href="/posts/zero-trust">Zero trust &lt;for&gt; clusters</a>');
    expect(html).toContain(
      '<a class="post-card__out" href="https://www.example.com/article?a=1&amp;b=2" rel="noopener" aria-label="Original article on example.com" aria-describedby="post-zero-trust">↗</a>',
    );
  });
});
