import { describe, expect, it } from "vitest";
import { LIMITS, characterCount, limitedText, postSlugBase, withScheme } from "@/lib/posts/rules";

describe("withScheme: an address typed without a scheme gets https://", () => {
  it.each([
    ["kubernetes.io/blog/2026/12/03/release/", "https://kubernetes.io/blog/2026/12/03/release/"],
    ["www.example.com", "https://www.example.com"],
    ["example.com:8443/x?y=1#z", "https://example.com:8443/x?y=1#z"],
    ["  example.org/a ", "https://example.org/a"],
  ])("%j becomes %j", (typed, completed) => expect(withScheme(typed)).toBe(completed));

  it.each([
    "https://example.com/a",
    "http://example.com/a",
    "HTTPS://EXAMPLE.COM",
    // Another scheme is left for the URL rule to refuse, never turned into https://javascript:…
    "javascript:alert(1)",
    "mailto:editor@example.com",
    "localhost:3000/post",
    "/posts/relative",
    "//example.org",
    "not a url",
    "example",
    "example.",
    "",
  ])("leaves %j as it is", (typed) => expect(withScheme(typed)).toBe(typed));
});

describe("postSlugBase: the slug a post takes when none is typed", () => {
  const date = new Date("2026-12-03T09:30:00Z");

  it("is the title's slug when the title has letters or digits", () => {
    expect(postSlugBase("Kubernetes 1.35: Timbernetes 🌲", "https://kubernetes.io/blog/x", date)).toBe("kubernetes-1-35-timbernetes");
    expect(postSlugBase("Łódź café", "https://example.com", null)).toBe("lodz-cafe");
  });

  it.each(["🎉🎉", "🚀", "→ ★ ✓", "!!!", "— · —", "Привет", "東京"])("gives %j the article's host and date, never a bare 'post'", (title) => {
    expect(postSlugBase(title, "https://www.kubernetes.io/blog/2026/12/03/release/", date)).toBe("kubernetes-io-2026-12-03");
  });

  it("takes today's date for a post without one, and the date alone when the URL cannot be read", () => {
    const now = new Date("2027-01-02T00:00:00Z");
    expect(postSlugBase("🎉", "https://example.com/a", null, now)).toBe("example-com-2027-01-02");
    expect(postSlugBase("🎉", "not a url", date)).toBe("2026-12-03");
  });
});

describe("limits: a text over its limit is refused with its count, never cut", () => {
  it("counts an emoji as one character, as every door does", () => {
    expect(characterCount("a🎉b")).toBe(3);
  });

  it("names the count and the limit", () => {
    const title = limitedText("The title", "line", LIMITS.title);
    expect(title.safeParse("t".repeat(LIMITS.title)).success).toBe(true);
    const refused = title.safeParse("t".repeat(LIMITS.title + 1));
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(["The title is too long: 301 characters, the limit is 300."]);
    // Emoji are counted as characters: 300 of them pass, though their UTF-16 length is 600.
    expect(title.safeParse("🎉".repeat(LIMITS.title)).success).toBe(true);
    expect(title.safeParse("🎉".repeat(LIMITS.title + 2)).error?.issues[0].message).toBe("The title is too long: 302 characters, the limit is 300.");
  });
});
