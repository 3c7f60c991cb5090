import { describe, expect, it } from "vitest";
import { HostRateLimiter, LINK_RULES, decideCheck, isMoved, retryAfterMs, showsArchiveNotice, type LinkFacts } from "@/lib/links/health";

const DAY = 24 * 60 * 60 * 1000;
const url = "https://www.example.com/article";
const fresh: LinkFacts = { url, state: "UNCHECKED", consecutiveFailures: 0, firstFailedAt: null };
const t0 = new Date("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const answer = (status: number, finalUrl = url, retryAfter: string | null = null) => ({ kind: "answer" as const, status, finalUrl, retryAfter });

describe("link health rules", () => {
  it("treats a redirect to another host as moved, ignoring www. and the path", () => {
    expect(isMoved(url, "https://example.com/elsewhere")).toBe(false);
    expect(isMoved(url, "https://WWW.EXAMPLE.COM/article")).toBe(false);
    expect(isMoved(url, "https://blog.example.com/article")).toBe(true);
    expect(isMoved(url, "https://example.net/article")).toBe(true);
  });

  it("reads Retry-After as seconds or an HTTP date, within a minute and a day", () => {
    expect(retryAfterMs("120", t0)).toBe(120_000);
    expect(retryAfterMs("1", t0)).toBe(LINK_RULES.minRetryAfterMs);
    expect(retryAfterMs("9999999", t0)).toBe(LINK_RULES.maxRetryAfterMs);
    expect(retryAfterMs(new Date(t0.getTime() + 300_000).toUTCString(), t0)).toBe(300_000);
    expect(retryAfterMs("soon", t0)).toBeNull();
    expect(retryAfterMs(null, t0)).toBeNull();
  });

  it("is dead only after 3 failures in a row spanning 3 days, and alive again on any answer", () => {
    let facts = fresh;
    const step = (days: number, outcome: Parameters<typeof decideCheck>[1]) => {
      const decision = decideCheck(facts, outcome, at(days));
      if (decision.kind !== "checked") throw new Error("throttled");
      facts = { url, state: decision.state, consecutiveFailures: decision.consecutiveFailures, firstFailedAt: decision.firstFailedAt };
      return decision;
    };
    expect(step(0, answer(404))).toMatchObject({ state: "FAILING", consecutiveFailures: 1, firstFailedAt: at(0), nextCheckAt: at(1) });
    expect(step(1, { kind: "error", message: "No answer within 10 s." })).toMatchObject({ state: "FAILING", lastError: "No answer within 10 s." });
    expect(step(2, answer(500))).toMatchObject({ state: "FAILING", consecutiveFailures: 3 });
    expect(step(3, answer(500))).toMatchObject({ state: "DEAD", consecutiveFailures: 4, firstFailedAt: at(0) });
    expect(step(4, answer(200))).toMatchObject({ state: "OK", consecutiveFailures: 0, firstFailedAt: null, lastError: null });
    // Three quick failures a few hours apart stay "failing".
    facts = fresh;
    for (const hours of [0, 1, 2, 3, 4]) expect(step(hours / 24, answer(404)).state).toBe("FAILING");
  });

  it("waits on 429 or 503 with Retry-After without counting a failure; 503 without it fails", () => {
    expect(decideCheck(fresh, answer(429, url, "60"), t0)).toEqual({ kind: "throttled", until: new Date(t0.getTime() + 60_000), statusCode: 429 });
    expect(decideCheck(fresh, answer(503, url, "120"), t0)).toMatchObject({ kind: "throttled" });
    expect(decideCheck(fresh, answer(503), t0)).toMatchObject({ kind: "checked", state: "FAILING" });
    expect(decideCheck(fresh, answer(429), t0)).toMatchObject({ kind: "checked", state: "FAILING" });
  });

  it("counts 401 and 403 as alive (the page is there, not shown to robots) and reports moved on success only", () => {
    expect(decideCheck(fresh, answer(403), t0)).toMatchObject({ state: "OK", statusCode: 403 });
    expect(decideCheck(fresh, answer(200, "https://other.example/x"), t0)).toMatchObject({ state: "MOVED" });
    expect(decideCheck(fresh, answer(404, "https://other.example/x"), t0)).toMatchObject({ state: "FAILING" });
  });

  it("shows readers the archive notice only for a dead link with a copy, about the post's current URL", () => {
    const archiveUrl = "https://web.archive.org/web/1/x";
    expect(showsArchiveNotice({ state: "DEAD", archiveUrl, url }, url)).toBe(true);
    expect(showsArchiveNotice({ state: "FAILING", archiveUrl, url }, url)).toBe(false);
    expect(showsArchiveNotice({ state: "DEAD", archiveUrl: null, url }, url)).toBe(false);
    expect(showsArchiveNotice({ state: "DEAD", archiveUrl, url }, "https://example.org/new")).toBe(false);
    expect(showsArchiveNotice(null, url)).toBe(false);
  });

  it("allows N requests per host in any minute", () => {
    const limiter = new HostRateLimiter(2);
    const start = t0.getTime();
    expect(limiter.waitFor("a", start)).toBe(0);
    limiter.record("a", start);
    limiter.record("a", start + 10_000);
    expect(limiter.waitFor("a", start + 20_000)).toBe(40_000);
    expect(limiter.waitFor("b", start + 20_000)).toBe(0);
    expect(limiter.waitFor("a", start + 60_000)).toBe(0);
    limiter.record("a", start + 60_000);
    expect(limiter.waitFor("a", start + 61_000)).toBe(9_000);
  });
});
