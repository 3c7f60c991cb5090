import { describe, expect, it } from "vitest";
import { sameSiteRedirect } from "@/lib/auth/redirect";

const base = "https://blog.example";

describe("sameSiteRedirect (next-auth's redirect callback)", () => {
  it.each([
    "https://evil.example",
    "https://evil.example/admin",
    "//evil.example/admin",
    "/\\evil.example",
    "https://blog.example.evil.example/",
    "https://blog.example@evil.example/",
    "http://blog.example/admin",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\n/evil.example",
    "",
    "evil.example",
  ])("sends %j home", (url) => {
    expect(sameSiteRedirect(url, base)).toBe(base);
  });

  it.each([
    ["/admin/posts", "https://blog.example/admin/posts"],
    ["/login?callbackUrl=%2Fadmin", "https://blog.example/login?callbackUrl=%2Fadmin"],
    ["https://blog.example/admin", "https://blog.example/admin"],
    ["/%2F%2Fevil.example", "https://blog.example/%2F%2Fevil.example"],
  ])("keeps %j on the site", (url, expected) => {
    expect(sameSiteRedirect(url, base)).toBe(expected);
    expect(new URL(sameSiteRedirect(url, base)).origin).toBe(base);
  });
});
