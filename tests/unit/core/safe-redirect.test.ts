import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["https://evil.com"],
    ["http://evil.com/admin"],
    ["HTTPS://EVIL.COM"],
    ["//evil.com"],
    ["//evil.com/admin"],
    ["///evil.com"],
    ["/\\evil.com"],
    ["\\\\evil.com"],
    ["\\/evil.com"],
    ["/admin\\..\\..\\evil"],
    ["/%2F%2Fevil.com"],
    ["/%2f%2fevil.com"],
    ["/%2Fevil.com"],
    ["javascript:alert(1)"],
    ["JAVASCRIPT:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["evil.com"],
    ["admin/posts"],
    [" /admin"],
    [""],
    ["/admin\n/evil"],
    ["/\n/evil.com"],
    ["/\t/evil.com"],
    ["/\r//evil.com"],
    ["/admin\u0000"],
    ["/admin\u007f"],
    // Not ASCII: a Location header cannot carry it (the signed-in /login answered 500).
    ["/\u3000"],
    ["/admin/caf\u00e9"],
    [undefined],
    [null],
    [42],
    [true],
    [["/admin/posts"]],
    [{ toString: () => "/admin" }],
    [new URL("https://site.example/admin")],
  ])("gives the fallback for %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/admin");
  });

  it.each(["/admin/posts?x=1", "/admin", "/", "/posts/hello-world#comments", "/admin/posts?status=draft&page=2", "/search?q=a%20b"])(
    "keeps the same-site path %j",
    (path) => {
      expect(safeCallbackPath(path)).toBe(path);
    },
  );

  it("uses a custom fallback", () => {
    expect(safeCallbackPath("//evil.com", "/")).toBe("/");
    expect(safeCallbackPath(undefined, "/admin/posts")).toBe("/admin/posts");
    expect(safeCallbackPath("/admin/tags", "/")).toBe("/admin/tags");
  });

  it.each(["/admin/posts?x=1", "/", "/a/b?c=d"])("never lets %j resolve to another host", (path) => {
    const result = safeCallbackPath(path);
    expect(new URL(result, "https://site.example").host).toBe("site.example");
  });
});
