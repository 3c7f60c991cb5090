import "server-only";
// The post form's prefill: fetch the article through the one safe fetcher, read its metadata, and match what it names
// against what the site already has (a post for the same article, a source, tags). The form decides which empty
// fields to fill; nothing here writes but the person's prefill count.
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Actor } from "@/lib/auth/permissions";
import { extractArticle } from "@/lib/capture/extract";
import { fetchPage, FetchRefusal } from "@/lib/fetch";
import type { ExistingPostNotice } from "@/lib/posts/existing";
import { findExistingPostsForUrls } from "@/lib/posts/queries";
import { urlProblem } from "@/lib/posts/rules";
import { sharedLimiter } from "@/lib/rate-limit/shared";
import { slugify } from "@/lib/slug";
import { findSourceForSite } from "@/lib/sources/queries";
import { listTagsVisibleTo } from "@/lib/tags/queries";
import type { Prefill } from "./schema";

/** The "already posted" check on the URL as typed, before anything is fetched. */
export async function checkLink(actor: Actor, url: string, exceptId?: string): Promise<{ existing: ExistingPostNotice[] } | { error: string }> {
  const problem = urlProblem(url);
  if (problem) return { error: `The URL ${problem}.` };
  return { existing: await findExistingPostsForUrls(actor, [url], { exceptId }) };
}

// Each prefill makes the server fetch up to 2 MiB from another site: a person may ask for this many a minute (all
// instances together), which no editor reaches by hand and which keeps a script from using the server as a fetching
// proxy.
export const PREFILLS_PER_MINUTE = 30;
const prefillLimiter = sharedLimiter({ keyPrefix: "prefill", points: PREFILLS_PER_MINUTE, duration: 60 });

/** Fetches the article and proposes the form's values; a refused fetch still answers the "already posted" check. */
export async function prefillFromUrl(actor: Actor, url: string, exceptId?: string): Promise<Prefill | { error: string }> {
  const problem = urlProblem(url);
  if (problem) return { error: `The URL ${problem}.` };
  try {
    await prefillLimiter().consume(actor.id);
  } catch (refusal) {
    // A database failure is an error, not a refusal to be worded as one.
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return { error: "Too many pages fetched in the last minute. Wait a moment." };
  }
  let page;
  try {
    page = await fetchPage(url);
  } catch (error) {
    if (!(error instanceof FetchRefusal)) throw error;
    return { fetchError: error.message, values: {}, suggestedTags: [], article: null, existing: await findExistingPostsForUrls(actor, [url], { exceptId }) };
  }
  const article = extractArticle(page.html, page.finalUrl);
  const host = new URL(page.finalUrl).host.replace(/^www\./, "");
  const candidates = [url, ...page.redirects, page.finalUrl, article.canonicalUrl, article.ogUrl].filter((entry): entry is string => Boolean(entry));
  const [existing, source, tags] = await Promise.all([
    findExistingPostsForUrls(actor, candidates, { exceptId }),
    findSourceForSite(actor, { name: article.siteName, host }),
    listTagsVisibleTo(actor),
  ]);
  const keywords = new Set(article.keywords.flatMap((keyword) => [keyword.toLowerCase(), slugify(keyword)]));
  const suggestedTags = tags.filter((tag) => keywords.has(tag.name.toLowerCase()) || keywords.has(tag.slug)).map((tag) => tag.name);
  return {
    values: {
      title: article.title ?? "",
      source: source ?? article.siteName ?? host,
      tldr: article.description ?? "",
      summary: article.summary ?? "",
    },
    suggestedTags,
    article: { finalUrl: page.finalUrl, canonicalUrl: article.canonicalUrl, publishedAt: article.publishedAt, author: article.author },
    existing,
  };
}
