import { describe, expect, it } from "vitest";
import { canonicalRequestPath, isCookielessEndpoint, isPrivatePath, isSecretLinkPath, readerPathKind } from "@/lib/http/paths";

describe("private paths", () => {
  it.each([
    "/admin",
    "/admin/users",
    "/login",
    "/setup",
    "/invite/abc",
    "/reset-password/x",
    "/forgot-password",
    "/api/auth/session",
    "/api/v1/posts",
    "/indieauth/token",
    "/micropub",
  ])("private: %s", (path) => expect(isPrivatePath(path)).toBe(true));

  it("compares decoded and without regard to case; an undecodable path counts as private", () => {
    expect(isPrivatePath("/%61dmin/users")).toBe(true);
    expect(isPrivatePath("/ADMIN")).toBe(true);
    expect(isPrivatePath("/Api/Auth")).toBe(true);
    expect(isPrivatePath("/posts/a%ZZ")).toBe(true);
  });

  it.each(["/", "/administer", "/posts/admin", "/tags/login", "/apis", "/search", "/micropubs"])("public: %s", (path) =>
    expect(isPrivatePath(path)).toBe(false),
  );
});

describe("secret-link pages", () => {
  // A preview link: never kept by the page cache (private), and marked noindex, no-store, no-referrer by proxy.ts.
  it.each(["/preview/abc", "/preview", "/%70review/abc", "/PREVIEW/abc"])("secret link and private: %s", (path) => {
    expect(isSecretLinkPath(path)).toBe(true);
    expect(isPrivatePath(path)).toBe(true);
    expect(readerPathKind(path)).toBeNull();
  });

  it.each(["/previews", "/posts/preview", "/", "/admin/posts/preview"])("not a secret link: %s", (path) => expect(isSecretLinkPath(path)).toBe(false));
});

describe("endpoints no cookie authenticates", () => {
  it.each(["/api/v1/posts", "/api/v1", "/micropub", "/indieauth/token", "/indieauth/revoke", "/indieauth/authorize"])("cookieless: %s", (path) =>
    expect(isCookielessEndpoint(path)).toBe(true),
  );

  // Server Actions, next-auth's sign-in and the consent page all rest on the session cookie.
  it.each(["/admin/indieauth", "/api/auth/callback/credentials", "/admin/posts/new", "/api/v10", "/micropubx", "/indieauth", "/"])(
    "not cookieless: %s",
    (path) => expect(isCookielessEndpoint(path)).toBe(false),
  );
});

describe("what a reader's address serves", () => {
  it("pages have no file extension; feeds, sitemaps and robots are documents; the rest is neither", () => {
    expect(readerPathKind("/")).toBe("page");
    expect(readerPathKind("/tags/kubernetes")).toBe("page");
    expect(readerPathKind("/feed.xml")).toBe("document");
    expect(readerPathKind("/tags/k8s/feed.json")).toBe("document");
    expect(readerPathKind("/robots.txt")).toBe("document");
    expect(readerPathKind("/icon.svg")).toBeNull();
    expect(readerPathKind("/posts/a/opengraph-image-1x2y")).toBeNull();
    expect(readerPathKind("/_next/static/a.js")).toBeNull();
    expect(readerPathKind("/admin/posts")).toBeNull();
  });
});

describe("canonical request paths", () => {
  it("gives back the path of a target written the one way the router reads it", () => {
    expect(canonicalRequestPath("/tags/k%C3%BCbernetes?page=2")).toBe("/tags/k%C3%BCbernetes");
    expect(canonicalRequestPath("/search?q=../admin")).toBe("/search");
  });

  it.each(["/./admin", "/a/../admin", "/%2e%2e/admin", "/a%2fb", "/a%5cb", "/a\\b", "//admin", "/a%ZZ", "admin", "/a#b", "/a b"])(
    "refuses an ambiguous spelling: %s",
    (target) => expect(canonicalRequestPath(target)).toBeNull(),
  );
});
