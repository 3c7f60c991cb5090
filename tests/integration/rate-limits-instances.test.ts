// Two app instances on one database: each has its own modules and its own database client (as two processes would),
// and a limit reached through one holds on the other, because every request limit counts in the shared table.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { API_RATE_LIMIT, countApiCall } from "@/lib/api/route";
import { isSignInThrottled, IP_THROTTLE, recordSignInFailureFromAddress } from "@/lib/auth/lockout";
import { prefillFromUrl, PREFILLS_PER_MINUTE } from "@/lib/capture/prefill";
import { prisma } from "@/lib/db";
import { createTestUser, describeDatabase, unique } from "../support/database";

type Instance = {
  api: typeof import("@/lib/api/route");
  lockout: typeof import("@/lib/auth/lockout");
  prefill: typeof import("@/lib/capture/prefill");
  prisma: typeof prisma;
};

const global = globalThis as unknown as { linkpressPrisma?: typeof prisma };

/** The same modules loaded afresh, with a database client of their own: instance B beside this file's instance A. */
async function secondInstance(): Promise<Instance> {
  const first = global.linkpressPrisma;
  delete global.linkpressPrisma;
  vi.resetModules();
  try {
    const [api, lockout, prefill, db] = await Promise.all([
      import("@/lib/api/route"),
      import("@/lib/auth/lockout"),
      import("@/lib/capture/prefill"),
      import("@/lib/db"),
    ]);
    return { api, lockout, prefill, prisma: db.prisma };
  } finally {
    global.linkpressPrisma = first;
  }
}

describeDatabase("request limits across app instances", () => {
  let b: Instance;
  beforeAll(async () => {
    b = await secondInstance();
  });
  afterAll(async () => {
    await b?.prisma.$disconnect();
  });

  it("runs instance B on modules and a database client of its own", () => {
    expect(b.prisma).not.toBe(prisma);
    expect(b.api.countApiCall).not.toBe(countApiCall);
  });

  it("counts a token's API (and Micropub) calls through both instances against one limit", async () => {
    const token = unique("token");
    const first = await countApiCall(token);
    expect(first).toMatchObject({ allowed: true, headers: { "RateLimit-Remaining": String(API_RATE_LIMIT - 1) } });
    // B sees A's call: its first call for this token is the second.
    expect(await b.api.countApiCall(token)).toMatchObject({ allowed: true, headers: { "RateLimit-Remaining": String(API_RATE_LIMIT - 2) } });
    for (let call = 3; call <= API_RATE_LIMIT; call += 1) expect((await countApiCall(token)).allowed).toBe(true);
    const refused = await b.api.countApiCall(token);
    expect(refused).toMatchObject({ allowed: false, headers: { "RateLimit-Remaining": "0" } });
    expect(Number(refused.headers["Retry-After"])).toBeGreaterThan(0);
    // And A refuses too; another token is untouched on either instance.
    expect((await countApiCall(token)).allowed).toBe(false);
    expect((await b.api.countApiCall(unique("token"))).allowed).toBe(true);
  }, 60_000);

  it("pauses sign-in from an address on instance B after the failures counted on instance A", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${unique()}`;
    for (let failure = 1; failure < IP_THROTTLE.failures; failure += 1) await recordSignInFailureFromAddress(address);
    expect(await b.lockout.isSignInThrottled(address)).toBe(false);
    await b.lockout.recordSignInFailureFromAddress(address);
    expect(await b.lockout.isSignInThrottled(address)).toBe(true);
    expect(await isSignInThrottled(address)).toBe(true);
    expect(await b.lockout.isSignInThrottled(`${address}-other`)).toBe(false);
  }, 60_000);

  it("limits one person's prefills (pages fetched for the post form) across instances", async () => {
    const editor = await createTestUser("EDITOR");
    // A private address: the fetcher refuses it without reaching anything, after the prefill has been counted.
    const refusedFetch = "http://127.0.0.1:9/article";
    for (let prefill = 1; prefill <= PREFILLS_PER_MINUTE; prefill += 1) {
      const answer = await (prefill % 2 ? prefillFromUrl : b.prefill.prefillFromUrl)(editor, refusedFetch);
      expect(answer).toMatchObject({ fetchError: expect.any(String) });
    }
    expect(await b.prefill.prefillFromUrl(editor, refusedFetch)).toEqual({ error: expect.stringMatching(/too many/i) });
    expect(await prefillFromUrl(editor, refusedFetch)).toEqual({ error: expect.stringMatching(/too many/i) });
  }, 60_000);
});
