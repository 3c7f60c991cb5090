import "server-only";
// WebSub publishing: when a post event changes feeds, each changed feed's address is pinged to the hub set in the
// settings, one `websub.ping` job per feed, so one failing ping retries alone.
import { z } from "zod";
import { feedUrls } from "@/lib/feeds/channel";
import type { FeedScope } from "@/lib/feeds/queries";
import { sendForm } from "@/lib/fetch";
import { defineJobKind } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/mutations";
import { prisma } from "@/lib/db";
import { getSiteSettings } from "@/lib/settings/queries";
import { getPostFeedScopes } from "./queries";

type FeedScopes = { tagSlugs: string[]; sourceSlug: string | null };

/**
 * Every feed address a change to the post touches: the site's feeds, its tags' and its source's, each in every format
 * (a subscriber subscribes to one format's address, so each is a topic of its own).
 */
export function changedFeedUrls(siteUrl: string, scopes: FeedScopes): string[] {
  const all: FeedScope[] = [
    { kind: "site" },
    ...scopes.tagSlugs.map((slug) => ({ kind: "tag" as const, slug })),
    ...(scopes.sourceSlug ? [{ kind: "source" as const, slug: scopes.sourceSlug }] : []),
  ];
  return all.flatMap((scope) => Object.values(feedUrls(siteUrl, scope)));
}

/**
 * A post event's pings: one job per changed feed, keyed by the event's key and the feed, so the event's job running
 * again queues none twice. The feeds of the post's tags and source now and, after an edit, of those it had before (it
 * left their feeds). Nothing when no hub is set. Returns how many feeds were queued.
 */
export async function queueWebSubPings(postId: string, eventKey: string, before?: FeedScopes): Promise<number> {
  const settings = await getSiteSettings();
  if (!settings.websubHubUrl) return 0;
  const now = (await getPostFeedScopes(postId)) ?? { tagSlugs: [], sourceSlug: null };
  const urls = [...new Set([...changedFeedUrls(settings.url, now), ...(before ? changedFeedUrls(settings.url, before) : [])])];
  await prisma.$transaction(async (tx) => {
    for (const feedUrl of urls) await enqueueJob(websubPingKind, { feedUrl }, { tx, idempotencyKey: `${eventKey}|${feedUrl}` });
  });
  return urls.length;
}

/**
 * Tells the hub that `feedUrl` changed (`hub.mode=publish&hub.url=…`, form-encoded, the PubSubHubbub 0.4 ping that
 * hubs take; WebSub leaves the publish request to hub and publisher). Throws unless the hub answers 2xx, so the job
 * retries. The hub is read now: one removed in the settings meanwhile is not pinged.
 */
export async function pingHub(feedUrl: string, signal?: AbortSignal): Promise<void> {
  const { websubHubUrl } = await getSiteSettings();
  if (!websubHubUrl) return;
  const { status } = await sendForm(websubHubUrl, { "hub.mode": "publish", "hub.url": feedUrl }, { keepBytes: 256, signal });
  if (status < 200 || status > 299) throw new Error(`The hub answered ${status}.`);
}

export const websubPingKind = defineJobKind({
  kind: "websub.ping",
  payload: z.object({ feedUrl: z.url() }),
  maxAttempts: 8,
  // The fetcher stops at its own limit; the rest is reading the settings.
  timeoutMs: 30_000,
  handle: async ({ feedUrl }, { signal }) => pingHub(feedUrl, signal),
});
