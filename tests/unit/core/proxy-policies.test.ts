import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { readerContentSecurityPolicy } from "@/lib/auth/request-safety";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/cache-policy";
import { proxy } from "@/proxy";

const run = (path: string) => proxy(new NextRequest(`http://blog.example${path}`));

describe("proxy.ts: which policy and cache headers a response gets", () => {
  it.each(["/", "/posts/a-post", "/tags/ebpf", "/archive/2026/03", "/search?q=x"])("reader page %s: the fixed policy, shareable, with its keys", (path) => {
    const response = run(path);
    expect(response.headers.get("content-security-policy")).toBe(readerContentSecurityPolicy());
    expect(response.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(response.headers.get("surrogate-key")).toMatch(/^site( |$)/);
    expect(response.headers.get("cache-tag")).toBe(response.headers.get("surrogate-key")!.replaceAll(" ", ","));
  });

  it("reader documents: the fixed policy and keys; the route handler sets Cache-Control itself", () => {
    const response = run("/tags/ebpf/feed.xml");
    expect(response.headers.get("content-security-policy")).toBe(readerContentSecurityPolicy());
    expect(response.headers.get("surrogate-key")).toBe("site tag-ebpf");
    expect(response.headers.get("cache-control")).toBeNull();
  });

  it.each(["/admin", "/admin/posts/new", "/login", "/setup", "/preview/abc", "/Admin", "/%61dmin"])(
    "%s: a nonce policy of its own, never shared, no keys",
    (path) => {
      const first = run(path);
      const second = run(path);
      const policy = first.headers.get("content-security-policy")!;
      expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(second.headers.get("content-security-policy")).not.toBe(policy);
      expect(first.headers.get("cache-control")).toMatch(/no-store/);
      expect(first.headers.get("surrogate-key")).toBeNull();
    },
  );
});
