import "server-only";
// Link health: checking published posts' external URLs (a pass over the due ones, or one link now), and the archive
// setting. The archived copies are in ./archive.ts, "Replace URL" in ./replace.ts. Every request goes through the safe
// fetcher (lib/fetch).
import { recordAudit, type AuditActor } from "@/lib/audit/mutations";
import { canManageLinks, canManageSettings, type Actor } from "@/lib/auth/permissions";
import { invalidatePostContent } from "@/lib/cache/public-content";
import { readPostCacheFacts } from "@/lib/cache/queries";
import { prisma } from "@/lib/db";
import { AppError, uniqueViolationTarget } from "@/lib/errors";
import { isFetchRefusal, probeUrl, type ProbeResult } from "@/lib/fetch";
import { defineJobKind, noPayload } from "@/lib/jobs/define";
import { publicPostWhere } from "@/lib/posts/visibility";
import { HostRateLimiter, decideCheck, showsArchiveNotice, type CheckDecision, type CheckOutcome, type LinkFacts } from "./health";
import { ARCHIVE_SAVE_KEY, automaticLinkWorkOn, isArchiveSaveOn } from "./queries";
import type { LinkState } from "./schema";

/** How long one request may take (the fetcher's own limit is the ceiling). */
const PROBE_TIMEOUT_MS = 10_000;
/** Links looked at per pass; the oldest checks first, so a large site is covered over a few hours. */
const PASS_BATCH = 500;
/** A pass stops starting requests after this long; what is left waits for the next pass. */
const PASS_BUDGET_MS = 8 * 60 * 1000;
/** Hosts checked side by side (each host's links one after another, within its rate limit). */
const HOSTS_AT_ONCE = 4;

/** The time a pass runs on: the system's, or a test's that moves only when slept on. */
export type Clock = { now(): Date; sleep(ms: number): Promise<void> };
export const systemClock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}

/**
 * One check of `url`: HEAD, then GET when HEAD is refused (405, 501) or gets no answer at all (a connection error; a
 * timeout is not tried twice). `beforeRequest` runs before each request (the pass's per-host rate limit).
 */
export async function checkUrl(
  url: string,
  options: { timeoutMs?: number; signal?: AbortSignal; beforeRequest?: () => Promise<void> } = {},
): Promise<CheckOutcome> {
  const ask = async (method: "HEAD" | "GET"): Promise<ProbeResult | { error: string; retry: boolean }> => {
    await options.beforeRequest?.();
    try {
      return await probeUrl(url, { method, signal: options.signal, timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS });
    } catch (error) {
      if (!isFetchRefusal(error)) throw error;
      return { error: error.message, retry: error.code === "network" };
    }
  };
  let answer = await ask("HEAD");
  const refusedHead = "error" in answer ? answer.retry : answer.status === 405 || answer.status === 501;
  if (refusedHead) answer = await ask("GET");
  if ("error" in answer) return { kind: "error", message: answer.error };
  return { kind: "answer", status: answer.status, finalUrl: answer.finalUrl, retryAfter: answer.retryAfter };
}

type LinkRow = LinkFacts & { id: string; postId: string; host: string; archiveUrl: string | null; post: { externalUrl: string } };

const linkRowSelect = {
  id: true,
  postId: true,
  url: true,
  host: true,
  state: true,
  consecutiveFailures: true,
  firstFailedAt: true,
  archiveUrl: true,
  post: { select: { externalUrl: true } },
} as const;

const asRow = (row: Omit<LinkRow, "state"> & { state: string }): LinkRow => ({ ...row, state: row.state as LinkState });

/** The facts of a link whose post now has another URL: checked afresh, its archived copy looked up again. */
function freshFacts(url: string) {
  return {
    url,
    host: hostOf(url),
    state: "UNCHECKED",
    statusCode: null,
    finalUrl: null,
    lastError: null,
    checkedAt: null,
    consecutiveFailures: 0,
    firstFailedAt: null,
    archiveUrl: null,
    archiveCheckedAt: null,
  };
}

/** The post's link row, made (or started afresh, when the post's URL changed) as needed. */
export async function ensureLinkRow(postId: string, externalUrl: string, now: Date): Promise<LinkRow> {
  const existing = await prisma.linkCheck.findUnique({ where: { postId }, select: linkRowSelect });
  if (existing && existing.url === externalUrl) return asRow(existing);
  if (existing)
    return asRow(await prisma.linkCheck.update({ where: { postId }, data: { ...freshFacts(externalUrl), nextCheckAt: now }, select: linkRowSelect }));
  try {
    return asRow(await prisma.linkCheck.create({ data: { postId, ...freshFacts(externalUrl), nextCheckAt: now }, select: linkRowSelect }));
  } catch (error) {
    // Another pass made it meanwhile.
    if (!uniqueViolationTarget(error)) throw error;
    return asRow(await prisma.linkCheck.findUniqueOrThrow({ where: { postId }, select: linkRowSelect }));
  }
}

/** Stores a check's decision; true when what readers see of the post changed (the archive notice came or went). */
async function recordDecision(row: LinkRow, decision: CheckDecision, now: Date): Promise<boolean> {
  if (decision.kind === "throttled") {
    // The whole host waits: this link and every other due before then.
    await prisma.linkCheck.updateMany({ where: { host: row.host, nextCheckAt: { lt: decision.until } }, data: { nextCheckAt: decision.until } });
    return false;
  }
  const { state, statusCode, finalUrl, lastError, consecutiveFailures, firstFailedAt, nextCheckAt } = decision;
  await prisma.linkCheck.update({
    where: { id: row.id },
    data: { state, statusCode, finalUrl, lastError, consecutiveFailures, firstFailedAt, nextCheckAt, checkedAt: now },
  });
  const before = showsArchiveNotice(row, row.post.externalUrl);
  const after = showsArchiveNotice({ ...row, state: decision.state }, row.post.externalUrl);
  return before !== after;
}

/**
 * Drops the cached pages, lists and feeds that show these posts (their archive notice came or went), and nothing
 * else: the other posts' pages stay cached.
 */
export async function refreshPostsShown(postIds: readonly string[]): Promise<void> {
  const facts = await Promise.all(postIds.map((postId) => readPostCacheFacts(prisma, postId)));
  await invalidatePostContent(facts.filter((fact) => fact !== null));
}

export type PassSummary = {
  due: number;
  checked: number;
  ok: number;
  moved: number;
  failing: number;
  dead: number;
  deferred: number;
  throttledHosts: string[];
};

export type PassOptions = {
  clock?: Clock;
  /** Requests per host per minute (default REQUESTS_PER_HOST_PER_MINUTE). */
  perHostPerMinute?: number;
  /** Stop starting checks after this long (default PASS_BUDGET_MS). */
  budgetMs?: number;
  batch?: number;
  /** Every published link, due or not (npm run links:check -- --all). */
  all?: boolean;
  /** Only the links to this host (its name and any port, as in a URL: "example.com", "127.0.0.1:8080"). */
  host?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (checked: number, due: number) => void;
  /** Told once at the end with the posts whose pages readers see changed (default refreshPostsShown). */
  onPublicChange?: (postIds: string[]) => void | Promise<unknown>;
};

/**
 * One pass: every published post whose link is due (never checked, or last checked a day ago), oldest first, each
 * host within its rate limit; a host that answers 429 or 503 with Retry-After is left until then. Links whose host
 * has no free slot before the budget ends are deferred to the time one frees.
 */
export async function runLinkCheckPass(options: PassOptions = {}): Promise<PassSummary> {
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const batch = options.batch ?? PASS_BATCH;
  const deadline = start.getTime() + (options.budgetMs ?? PASS_BUDGET_MS);
  const limiter = new HostRateLimiter(options.perHostPerMinute);

  // Published posts never checked get their row, due now.
  const unchecked = await prisma.post.findMany({ where: { ...publicPostWhere(start), linkCheck: null }, select: { id: true, externalUrl: true }, take: batch });
  for (const post of unchecked) await ensureLinkRow(post.id, post.externalUrl, start);
  const due = await prisma.linkCheck.findMany({
    where: {
      ...(options.all ? {} : { nextCheckAt: { lte: start } }),
      ...(options.host ? { host: options.host.toLowerCase() } : {}),
      post: publicPostWhere(start),
    },
    orderBy: [{ nextCheckAt: "asc" }, { id: "asc" }],
    take: batch,
    select: { postId: true, post: { select: { externalUrl: true } } },
  });

  const summary: PassSummary = { due: due.length, checked: 0, ok: 0, moved: 0, failing: 0, dead: 0, deferred: 0, throttledHosts: [] };
  const changedPosts: string[] = [];
  const rows: LinkRow[] = [];
  for (const link of due) rows.push(await ensureLinkRow(link.postId, link.post.externalUrl, start));
  const byHost = new Map<string, LinkRow[]>();
  for (const row of rows) byHost.set(row.host, [...(byHost.get(row.host) ?? []), row]);

  const checkHost = async (host: string, links: LinkRow[]) => {
    for (const [index, row] of links.entries()) {
      options.signal?.throwIfAborted();
      const wait = limiter.waitFor(host, clock.now().getTime());
      if (clock.now().getTime() + wait > deadline) {
        // No slot before the pass ends: these links go first once one frees.
        const rest = links.slice(index).map((link) => link.id);
        await prisma.linkCheck.updateMany({ where: { id: { in: rest } }, data: { nextCheckAt: new Date(clock.now().getTime() + wait) } });
        summary.deferred += rest.length;
        return;
      }
      const beforeRequest = async () => {
        const delay = limiter.waitFor(host, clock.now().getTime());
        if (delay > 0) await clock.sleep(delay);
        limiter.record(host, clock.now().getTime());
      };
      const outcome = await checkUrl(row.post.externalUrl, { timeoutMs: options.timeoutMs, signal: options.signal, beforeRequest });
      const now = clock.now();
      const decision = decideCheck(row, outcome, now);
      if (await recordDecision(row, decision, now)) changedPosts.push(row.postId);
      if (decision.kind === "throttled") {
        summary.throttledHosts.push(host);
        summary.deferred += links.length - index;
        return;
      }
      summary.checked += 1;
      summary[decision.state === "OK" ? "ok" : decision.state === "MOVED" ? "moved" : decision.state === "DEAD" ? "dead" : "failing"] += 1;
      options.onProgress?.(summary.checked, summary.due);
    }
  };
  const hosts = [...byHost.entries()];
  const workers = Array.from({ length: Math.min(HOSTS_AT_ONCE, hosts.length) }, async () => {
    for (let next = hosts.shift(); next; next = hosts.shift()) await checkHost(...next);
  });
  await Promise.all(workers);
  if (changedPosts.length) await (options.onPublicChange ?? refreshPostsShown)(changedPosts);
  return summary;
}

export function requireLinkEditor(actor: Actor) {
  if (!canManageLinks(actor)) throw new AppError("FORBIDDEN", "Only editors and admins can check and replace links.");
}

async function findPublishedPost(postId: string, now: Date) {
  const post = await prisma.post.findFirst({ where: { id: postId, ...publicPostWhere(now) }, select: { id: true, externalUrl: true } });
  if (!post) throw new AppError("NOT_FOUND", "This post is no longer published, so its link is not checked.");
  return post;
}

/**
 * "Check now": one check of a post's link, right away in the caller's request (not through the queue, and outside
 * the pass's rate limit: one request, asked for by an editor). Returns the state it left the link in.
 */
export async function checkLinkNow(actor: Actor, postId: string, now = new Date(), options: { timeoutMs?: number } = {}): Promise<CheckDecision> {
  requireLinkEditor(actor);
  const post = await findPublishedPost(postId, now);
  const row = await ensureLinkRow(post.id, post.externalUrl, now);
  const decision = decideCheck(row, await checkUrl(post.externalUrl, options), now);
  if (await recordDecision(row, decision, now)) await refreshPostsShown([post.id]);
  return decision;
}

/** Whether published posts' links are also sent to the archive to be saved (admins only; audited). */
export async function setArchiveSave(actor: Actor & NonNullable<AuditActor>, archiveSave: boolean): Promise<void> {
  if (!canManageSettings(actor)) throw new AppError("FORBIDDEN", "Only admins can change the archive setting.");
  const before = await isArchiveSaveOn();
  if (before === archiveSave) return;
  const value = archiveSave ? "on" : "off";
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: ARCHIVE_SAVE_KEY }, create: { key: ARCHIVE_SAVE_KEY, value }, update: { value } });
    await recordAudit(
      {
        actor,
        action: "settings.update",
        target: { type: "settings", label: "Link archive" },
        details: { changed: { archiveSave: { from: before, to: archiveSave } } },
      },
      tx,
    );
  });
}

/** The hourly pass over due links (each link at most once a day). */
export const linksCheckKind = defineJobKind({
  kind: "links.check",
  payload: noPayload,
  maxAttempts: 3,
  timeoutMs: PASS_BUDGET_MS + 2 * 60 * 1000,
  handle: async (_payload, { signal }) => {
    if (!automaticLinkWorkOn()) return;
    await runLinkCheckPass({ signal });
  },
});
