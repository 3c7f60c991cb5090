import { describe, expect, it } from "vitest";
import { effectiveScopes, TOKEN_SCOPES, tokenAllows, type Role } from "@/lib/auth/permissions";
import { parseScopes, tokenCommandSchema, tokenCreateSchema, TOKEN_PATTERN } from "@/lib/tokens/schema";

describe("effectiveScopes / tokenAllows: a token's scopes intersected with its owner's current role", () => {
  const all = [...TOKEN_SCOPES];
  it.each<[Role, string[]]>([
    ["ADMIN", all],
    ["EDITOR", all.filter((scope) => scope !== "webhooks:write")],
    ["CONTRIBUTOR", ["posts:read", "posts:write"]],
  ])("%s with every scope keeps %j", (role, expected) => {
    expect(effectiveScopes(role, all)).toEqual(expected);
  });

  it("never adds a scope the token lacks, whatever the role", () => {
    expect(effectiveScopes("ADMIN", ["posts:read"])).toEqual(["posts:read"]);
    expect(effectiveScopes("ADMIN", [])).toEqual([]);
    expect(effectiveScopes("EDITOR", ["taxonomy:write", "unknown", "POSTS:READ"])).toEqual(["taxonomy:write"]);
  });

  it("a contributor's token with posts:publish or taxonomy:write can do neither", () => {
    const actor = { role: "CONTRIBUTOR" as const, scopes: all };
    expect(tokenAllows(actor, "posts:publish")).toBe(false);
    expect(tokenAllows(actor, "taxonomy:write")).toBe(false);
    expect(tokenAllows(actor, "posts:write")).toBe(true);
  });

  it("follows a role change: the same scopes after a promotion or demotion", () => {
    const scopes = ["posts:publish"] as const;
    expect(tokenAllows({ role: "EDITOR", scopes }, "posts:publish")).toBe(true);
    expect(tokenAllows({ role: "CONTRIBUTOR", scopes }, "posts:publish")).toBe(false);
    expect(tokenAllows({ role: "EDITOR", scopes }, "posts:read")).toBe(false);
  });
});

describe("token schemas", () => {
  const form = (fields: Partial<{ name: string; scopes: string[]; days: string }>) =>
    tokenCreateSchema.safeParse({ name: "Phone", scopes: ["posts:read"], days: "90", ...fields });

  it("accepts a name, known scopes (in a fixed order, without repeats) and an expiry choice", () => {
    const parsed = form({ name: "  Phone  ", scopes: ["posts:write", "posts:read", "posts:write"], days: "none" });
    expect(parsed.success && parsed.data).toEqual({ name: "Phone", scopes: ["posts:read", "posts:write"], days: "none" });
  });

  it.each([
    ["an empty name", { name: "   " }, "name"],
    ["a name over 100 characters", { name: "x".repeat(101) }, "name"],
    ["a control character in the name", { name: "Phone\u0007" }, "name"],
    ["a line break in the name", { name: "Pho\nne" }, "name"],
    ["no scope", { scopes: [] }, "scopes"],
    ["an unknown scope", { scopes: ["posts:read", "admin:all"] }, "scopes"],
    ["an expiry not offered", { days: "7" }, "days"],
  ])("refuses %s beside its field", (_label, fields, field) => {
    const parsed = form(fields);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it("reads the command line's scope list and days", () => {
    const parsed = tokenCommandSchema.safeParse({ email: "a@b.c", name: "CI", scopes: "posts:read, posts:write", days: "30" });
    expect(parsed.success && parsed.data).toEqual({ email: "a@b.c", name: "CI", scopes: ["posts:read", "posts:write"], days: 30 });
    expect(tokenCommandSchema.safeParse({ email: "a@b.c", name: "CI", scopes: "posts:read", days: null }).success).toBe(true);
    for (const days of ["0", "-3", "1.5", "ten", "4000"])
      expect(tokenCommandSchema.safeParse({ email: "a@b.c", name: "CI", scopes: "posts:read", days }).success, days).toBe(false);
    expect(tokenCommandSchema.safeParse({ email: "a@b.c", name: "CI", scopes: "posts:read,nope", days: null }).success).toBe(false);
    expect(tokenCommandSchema.safeParse({ email: "a@b.c", name: "CI", scopes: undefined, days: null }).success).toBe(false);
  });

  it("parses a stored scope list, dropping anything unknown", () => {
    expect(parseScopes("taxonomy:write,posts:read,bogus")).toEqual(["posts:read", "taxonomy:write"]);
    expect(parseScopes("")).toEqual([]);
  });

  it("recognises the shape of a secret", () => {
    expect(TOKEN_PATTERN.test(`lp_${"A".repeat(43)}`)).toBe(true);
    expect(TOKEN_PATTERN.test(`lp_${"A".repeat(42)}`)).toBe(false);
    expect(TOKEN_PATTERN.test(`xx_${"A".repeat(43)}`)).toBe(false);
  });
});
