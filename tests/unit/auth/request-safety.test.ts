import { describe, expect, it } from "vitest";
import { hasMalformedEscape } from "@/lib/http/paths";
import {
  contentSecurityPolicy,
  isCrossSiteRequest,
  isUnusableCallbackUrl,
  readerContentSecurityPolicy,
  securityHeaders,
  type RequestOrigin,
} from "@/lib/auth/request-safety";

describe("contentSecurityPolicy", () => {
  const policy = contentSecurityPolicy("abc123");
  const directives = Object.fromEntries(policy.split("; ").map((directive) => [directive.split(" ")[0], directive]));

  it.each([
    ["object-src", "object-src 'none'"],
    ["base-uri", "base-uri 'none'"],
    ["frame-ancestors", "frame-ancestors 'none'"],
    ["script-src", "script-src 'self' 'nonce-abc123' 'strict-dynamic'"],
    ["form-action", "form-action 'self'"],
    ["default-src", "default-src 'self'"],
  ])("%s", (name, expected) => {
    expect(directives[name]).toBe(expected);
  });

  it("allows no inline script and no eval in production", () => {
    expect(directives["script-src"]).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(directives["style-src"]).not.toContain("unsafe-inline");
  });

  it("adds eval only for development and upgrade-insecure-requests only over https", () => {
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("isCrossSiteRequest", () => {
  const base: RequestOrigin = { method: "POST", origin: "http://localhost:3000", secFetchSite: "same-origin", host: "localhost:3000" };

  it.each([
    ["a foreign origin", { origin: "https://evil.example" }],
    ["a null origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["a sibling subdomain", { origin: "http://evil.localhost:3000" }],
    ["another port", { origin: "http://localhost:3001" }],
    ["an unparsable origin", { origin: "not a url" }],
    ["no origin but Sec-Fetch-Site cross-site", { origin: null, secFetchSite: "cross-site" }],
    ["no origin but Sec-Fetch-Site same-site", { origin: null, secFetchSite: "same-site" }],
    ["a lower-case method", { method: "post", origin: "https://evil.example" }],
    ["DELETE", { method: "DELETE", origin: "https://evil.example" }],
    ["PUT", { method: "PUT", origin: "https://evil.example" }],
    ["PATCH", { method: "PATCH", origin: "https://evil.example" }],
  ])("refuses %s", (_name, change) => {
    expect(isCrossSiteRequest({ ...base, ...change })).toBe(true);
  });

  it.each([
    ["the same origin", {}],
    ["the configured public URL behind a proxy", { origin: "https://blog.example", host: "127.0.0.1:3000", siteUrl: "https://blog.example" }],
    ["a non-browser client (no Origin, no Sec-Fetch-Site)", { origin: null, secFetchSite: null }],
    ["a typed URL (Sec-Fetch-Site none)", { origin: null, secFetchSite: "none" }],
    ["a GET from anywhere", { method: "GET", origin: "https://evil.example" }],
    ["a HEAD from anywhere", { method: "HEAD", origin: "https://evil.example" }],
  ])("lets through %s", (_name, change) => {
    expect(isCrossSiteRequest({ ...base, ...change })).toBe(false);
  });
});

describe("securityHeaders", () => {
  it("has the policy with the nonce and the fixed headers; HSTS only in production", () => {
    const headers = securityHeaders("n0nce", { production: true });
    expect(headers["Content-Security-Policy"]).toContain("'nonce-n0nce'");
    expect(headers).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin" });
    expect(headers["Strict-Transport-Security"]).toContain("max-age=");
    expect(securityHeaders("n0nce")["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("hasMalformedEscape", () => {
  it.each(["/posts/a%ZZ", "/posts/%E3%80", "/%", "/tags/%G0?x=1"])("finds one in %j", (url) => expect(hasMalformedEscape(url)).toBe(true));
  it.each(["/posts/a", "/posts/%E3%80%80", "/search?q=%ZZ", "/a%20b", "/"])("finds none in %j", (url) => expect(hasMalformedEscape(url)).toBe(false));
});

describe("isUnusableCallbackUrl", () => {
  it.each(["\u3000", "/\u3000", "/admin\n", "/caf\u00e9"])("refuses %j", (value) => expect(isUnusableCallbackUrl(value)).toBe(true));
  it.each(["/admin", "/admin/posts?status=draft", "https://evil.example/x", "%ZZ", ""])("lets %j through (sanitised later)", (value) =>
    expect(isUnusableCallbackUrl(value)).toBe(false),
  );
});

describe("readerContentSecurityPolicy", () => {
  const policy = readerContentSecurityPolicy();
  const directives = Object.fromEntries(policy.split("; ").map((directive) => [directive.split(" ")[0], directive]));

  it("allows no script at all and carries no nonce, so every response has the same policy", () => {
    expect(directives["default-src"]).toBe("default-src 'none'");
    expect(directives["script-src"]).toBe("script-src 'none'");
    expect(policy).not.toContain("nonce");
    expect(readerContentSecurityPolicy()).toBe(policy);
  });

  it("keeps styles, images, fonts, forms, base and framing as the nonce policy has them", () => {
    const nonce = Object.fromEntries(
      contentSecurityPolicy("n")
        .split("; ")
        .map((directive) => [directive.split(" ")[0], directive]),
    );
    for (const name of ["style-src-attr", "img-src", "font-src", "base-uri", "form-action", "frame-ancestors"])
      expect(directives[name], name).toBe(nonce[name]);
    expect(directives["style-src"]).toBe("style-src 'self'");
    expect(readerContentSecurityPolicy({ https: true })).toContain("upgrade-insecure-requests");
  });
});
