// The rules of link health, pure so that they are unit-tested without a network or a database: what one check's
// outcome makes of a link, whether a redirect left the site, and how long a Retry-After asks to wait.
import type { LinkState } from "./schema";

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const LINK_RULES = Object.freeze({
  /** Each link is checked at most once a day. */
  checkEveryMs: DAY_MS,
  /** Dead takes this many failed checks in a row… */
  deadAfterFailures: 3,
  /** …from the first to the last at least this far apart. */
  deadAfterMs: 3 * DAY_MS,
  /** A Retry-After is honoured within these bounds (a shorter one still waits a minute; a longer one, a day). */
  minRetryAfterMs: MINUTE_MS,
  maxRetryAfterMs: DAY_MS,
});

/** What one check saw: an answer (after any redirects), or no answer (a timeout, a refused connection…). */
export type CheckOutcome = { kind: "answer"; status: number; finalUrl: string; retryAfter: string | null } | { kind: "error"; message: string };

/** What a link's row says before a check. */
export type LinkFacts = { url: string; state: LinkState; consecutiveFailures: number; firstFailedAt: Date | null };

/** A check's result to store; `throttledUntil` when the site asked us to come back later (nothing else changes then). */
export type CheckDecision =
  | { kind: "throttled"; until: Date; statusCode: number }
  | {
      kind: "checked";
      state: LinkState;
      statusCode: number | null;
      finalUrl: string | null;
      lastError: string | null;
      consecutiveFailures: number;
      firstFailedAt: Date | null;
      nextCheckAt: Date;
    };

/** The host a link belongs to for "moved": lower case, without a leading "www." (not the registrable domain). */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return "";
  }
}

/** Whether a redirect ended on another site: hosts differ once "www." is set aside (blog.example.com ≠ example.com). */
export function isMoved(url: string, finalUrl: string): boolean {
  return siteOf(url) !== siteOf(finalUrl);
}

/**
 * The wait a Retry-After asks for (delta-seconds or an HTTP date), bounded by LINK_RULES; null when absent or
 * unreadable.
 */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.min(LINK_RULES.maxRetryAfterMs, Math.max(LINK_RULES.minRetryAfterMs, ms));
}

// 401 and 403 say the page is there but not shown to us (many sites refuse automated clients): not a failure.
const isAlive = (status: number) => status < 400 || status === 401 || status === 403;

/**
 * What a check makes of a link. Any answer that is not an error makes it alive again (OK, or MOVED when redirects
 * ended on another site); a failure counts, and the link is DEAD once LINK_RULES.deadAfterFailures failures in a row
 * span LINK_RULES.deadAfterMs. A 429 or 503 with Retry-After is neither: the site is busy, so the link waits.
 */
export function decideCheck(facts: LinkFacts, outcome: CheckOutcome, now: Date): CheckDecision {
  const nextCheckAt = new Date(now.getTime() + LINK_RULES.checkEveryMs);
  if (outcome.kind === "answer") {
    const { status, finalUrl } = outcome;
    const wait = status === 429 || status === 503 ? retryAfterMs(outcome.retryAfter, now) : null;
    if (wait !== null) return { kind: "throttled", until: new Date(now.getTime() + wait), statusCode: status };
    if (isAlive(status)) {
      const state = isMoved(facts.url, finalUrl) ? "MOVED" : "OK";
      return { kind: "checked", state, statusCode: status, finalUrl, lastError: null, consecutiveFailures: 0, firstFailedAt: null, nextCheckAt };
    }
  }
  const consecutiveFailures = facts.consecutiveFailures + 1;
  const firstFailedAt = facts.consecutiveFailures > 0 && facts.firstFailedAt ? facts.firstFailedAt : now;
  const dead = consecutiveFailures >= LINK_RULES.deadAfterFailures && now.getTime() - firstFailedAt.getTime() >= LINK_RULES.deadAfterMs;
  return {
    kind: "checked",
    state: dead ? "DEAD" : "FAILING",
    statusCode: outcome.kind === "answer" ? outcome.status : null,
    finalUrl: outcome.kind === "answer" ? outcome.finalUrl : null,
    lastError: outcome.kind === "answer" ? `The site answered ${outcome.status}.` : outcome.message,
    consecutiveFailures,
    firstFailedAt,
    nextCheckAt,
  };
}

/** Whether readers are told the original is gone: a dead link with an archived copy, about the post's current URL. */
export function showsArchiveNotice(check: { state: string; archiveUrl: string | null; url: string } | null, externalUrl: string): boolean {
  return check !== null && check.state === "DEAD" && check.archiveUrl !== null && check.url === externalUrl;
}

/** Requests per host per minute at most (a constant: polite for any site, enough for a link blog's few links per site). */
export const REQUESTS_PER_HOST_PER_MINUTE = 10;

/**
 * A sliding one-minute window per host: how long until the next request to a host may go out. Pure (the caller
 * supplies the time), so a pass can run on a test's clock.
 */
export class HostRateLimiter {
  private readonly sent = new Map<string, number[]>();
  constructor(private readonly perMinute: number = REQUESTS_PER_HOST_PER_MINUTE) {}

  /** Milliseconds to wait before a request to `host` at time `at` (0: now). */
  waitFor(host: string, at: number): number {
    const recent = (this.sent.get(host) ?? []).filter((time) => time > at - MINUTE_MS);
    this.sent.set(host, recent);
    return recent.length < this.perMinute ? 0 : recent[recent.length - this.perMinute] + MINUTE_MS - at;
  }

  /** Counts a request to `host` sent at `at`. */
  record(host: string, at: number): void {
    this.sent.set(host, [...(this.sent.get(host) ?? []), at]);
  }
}
