import { afterEach, describe, expect, it, vi } from "vitest";
import { missingProductionSecret } from "@/lib/auth/secret";

describe("missingProductionSecret", () => {
  afterEach(() => vi.unstubAllEnvs());

  function stub(env: Record<string, string>) {
    for (const name of ["NODE_ENV", "SITE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "AUTH_SECRET"]) vi.stubEnv(name, env[name] ?? "");
  }

  it("refuses a production start with a public URL and no secret", () => {
    stub({ NODE_ENV: "production", SITE_URL: "https://links.example.com" });
    expect(missingProductionSecret()).toBe(true);
  });

  it.each([
    ["NEXTAUTH_SECRET", { NODE_ENV: "production", SITE_URL: "https://links.example.com", NEXTAUTH_SECRET: "s3cret" }],
    ["AUTH_SECRET", { NODE_ENV: "production", NEXTAUTH_URL: "https://links.example.com", AUTH_SECRET: "s3cret" }],
    ["a local start (no public URL)", { NODE_ENV: "production" }],
    ["development", { NODE_ENV: "development", SITE_URL: "https://links.example.com" }],
  ])("accepts %s", (_label, env) => {
    stub(env);
    expect(missingProductionSecret()).toBe(false);
  });
});
