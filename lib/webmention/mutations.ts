import "server-only";
// Webmention sending (W3C Webmention §3.1): when a post is published and the setting is on, a `webmention.send` job
// reads the linked article through the safe fetcher, finds its endpoint and tells it `source` (our post) links
// `target` (the article). Each outcome is kept per post and article for the edit page.
import { z } from "zod";
import { prisma } from "@/lib/db";
import { fetchPage, isFetchRefusal, sendForm, type FetchRefusalCode } from "@/lib/fetch";
import { defineJobKind } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/mutations";
import { isPubliclyVisible } from "@/lib/posts/visibility";
import { getSiteSettings } from "@/lib/settings/queries";
import { discoverWebmentionEndpoint } from "./discover";
import { getPostForWebmention } from "./queries";
import type { WebmentionStatus } from "./schema";

// Refusals that may pass (a slow or failing site); the others (a private address, not a web page…) will not.
const PASSING_REFUSALS = new Set<FetchRefusalCode>(["not-found", "connect-timeout", "timeout", "network", "http-status"]);

type Outcome = { status: WebmentionStatus; endpoint: string | null; responseStatus?: number | null; error?: string | null };

async function recordOutcome(postId: string, target: string, outcome: Outcome): Promise<void> {
  const data = { status: outcome.status, endpoint: outcome.endpoint, responseStatus: outcome.responseStatus ?? null, error: outcome.error ?? null };
  await prisma.webmention.upsert({
    where: { postId_target: { postId, target } },
    create: { postId, target, ...data, attempts: 1 },
    update: { ...data, attempts: { increment: 1 } },
  });
}

/**
 * Queues the Webmention of a post event (keyed by the event's key) when the setting is on; whether it queued one. An
 * update (`previousUrl` given) sends one only when the post now links another article.
 */
export async function queueWebmention(postId: string, eventKey: string, previousUrl?: string): Promise<boolean> {
  if (!(await getSiteSettings()).sendWebmentions) return false;
  if (previousUrl !== undefined && (await getPostForWebmention(postId))?.externalUrl === previousUrl) return false;
  await enqueueJob(webmentionSendKind, { postId }, { idempotencyKey: `${eventKey}|webmention` });
  return true;
}

/**
 * One attempt: discover the article's endpoint and POST `source` and `target` to it (form-encoded). No endpoint, a
 * 4xx answer or a refusal that will not pass is a final outcome; a 5xx or 429 answer, or a site that did not answer,
 * is recorded and thrown so the job retries. A post no longer public, or a setting turned off meanwhile, sends nothing.
 */
export async function sendWebmention(postId: string, signal?: AbortSignal, now = new Date()): Promise<void> {
  const [post, settings] = await Promise.all([getPostForWebmention(postId), getSiteSettings()]);
  if (!post || !isPubliclyVisible(post, now) || !settings.sendWebmentions) return;
  const target = post.externalUrl;
  let endpoint: string | null = null;
  try {
    endpoint = discoverWebmentionEndpoint(await fetchPage(target, { signal }));
    if (!endpoint) return await recordOutcome(post.id, target, { status: "NO_ENDPOINT", endpoint: null });
    const source = `${settings.url}/posts/${post.slug}`;
    const { status } = await sendForm(endpoint, { source, target }, { keepBytes: 512, signal });
    if (status >= 200 && status <= 299)
      return await recordOutcome(post.id, target, { status: status === 202 ? "ACCEPTED" : "SENT", endpoint, responseStatus: status });
    await recordOutcome(post.id, target, { status: "FAILED", endpoint, responseStatus: status, error: `The endpoint answered ${status}.` });
    if (status >= 500 || status === 429) throw new Error(`The Webmention endpoint answered ${status}.`);
  } catch (error) {
    if (!isFetchRefusal(error)) throw error;
    await recordOutcome(post.id, target, { status: "FAILED", endpoint, error: error.message });
    if (PASSING_REFUSALS.has(error.code)) throw error;
  }
}

export const webmentionSendKind = defineJobKind({
  kind: "webmention.send",
  payload: z.object({ postId: z.string().min(1).max(64) }),
  maxAttempts: 6,
  // Two fetches, each within the fetcher's own limit.
  timeoutMs: 60_000,
  handle: async ({ postId }, { signal }) => sendWebmention(postId, signal),
});
