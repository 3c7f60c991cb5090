import "server-only";
// A published post's archived copy: the web archive's availability API (ARCHIVE_API_URL) for the closest snapshot,
// and optionally Save Page Now (ARCHIVE_SAVE_URL) first. Both through the safe fetcher.
import { z } from "zod";
import { prisma } from "@/lib/db";
import { fetchPage, isFetchRefusal, probeUrl } from "@/lib/fetch";
import { defineJobKind } from "@/lib/jobs/define";
import { publicPostWhere } from "@/lib/posts/visibility";
import { showsArchiveNotice } from "./health";
import { ensureLinkRow, refreshPostsShown } from "./mutations";
import { isArchiveSaveOn } from "./queries";

export const DEFAULT_ARCHIVE_API_URL = "https://archive.org/wayback/available";
export const DEFAULT_ARCHIVE_SAVE_URL = "https://web.archive.org/save/";

/** The archive's availability API for `url` (ARCHIVE_API_URL, read at each call, so tests point it at a fixture). */
function archiveLookupUrl(url: string): string {
  const api = new URL(process.env.ARCHIVE_API_URL || DEFAULT_ARCHIVE_API_URL);
  api.searchParams.set("url", url);
  return api.href;
}

const availabilitySchema = z.object({
  archived_snapshots: z.object({ closest: z.object({ available: z.boolean().optional(), url: z.string() }).optional() }).optional(),
});

/** The closest archived copy of `url` (an http(s) address), or null when the archive has none. Throws FetchRefusal. */
export async function lookupArchivedCopy(url: string, signal?: AbortSignal): Promise<string | null> {
  const page = await fetchPage(archiveLookupUrl(url), { acceptJson: true, signal });
  let body: unknown;
  try {
    body = JSON.parse(page.html);
  } catch {
    throw new Error("The archive's answer is not JSON.");
  }
  const closest = availabilitySchema.safeParse(body).data?.archived_snapshots?.closest;
  if (!closest || closest.available === false) return null;
  // Shown to readers as a link: only a web address.
  try {
    const snapshot = new URL(closest.url);
    return snapshot.protocol === "https:" || snapshot.protocol === "http:" ? snapshot.href : null;
  } catch {
    return null;
  }
}

/** Asks the archive to save a copy of `url` now (Save Page Now: ARCHIVE_SAVE_URL followed by the URL). */
export async function requestArchiveSave(url: string, signal?: AbortSignal): Promise<number> {
  const { status } = await probeUrl(`${process.env.ARCHIVE_SAVE_URL || DEFAULT_ARCHIVE_SAVE_URL}${url}`, { method: "GET", signal });
  return status;
}

/**
 * A published post's archived copy: asks for one to be saved first when the setting is on (best effort), then stores
 * the closest copy the archive has. Refreshes readers' pages when a dead link gains its copy.
 */
export async function archivePostLink(postId: string, options: { now?: Date; signal?: AbortSignal } = {}): Promise<string | null> {
  const now = options.now ?? new Date();
  const post = await prisma.post.findFirst({ where: { id: postId, ...publicPostWhere(now) }, select: { id: true, externalUrl: true } });
  if (!post) return null;
  const row = await ensureLinkRow(post.id, post.externalUrl, now);
  if (await isArchiveSaveOn()) {
    try {
      await requestArchiveSave(post.externalUrl, options.signal);
    } catch (error) {
      if (!isFetchRefusal(error)) throw error;
      console.warn(`[links] the archive did not take ${post.externalUrl}: ${error.message}`);
    }
  }
  const archiveUrl = await lookupArchivedCopy(post.externalUrl, options.signal);
  // Only if the post still links the URL looked up.
  const { count } = await prisma.linkCheck.updateMany({
    where: { id: row.id, url: post.externalUrl },
    data: { archiveUrl: archiveUrl ?? row.archiveUrl, archiveCheckedAt: now },
  });
  if (count > 0 && showsArchiveNotice({ ...row, archiveUrl: archiveUrl ?? row.archiveUrl }, post.externalUrl) !== showsArchiveNotice(row, post.externalUrl))
    await refreshPostsShown([post.id]);
  return archiveUrl;
}

/** A newly published post's archived copy (queued by the post.published subscriber, and after "Replace URL"). */
export const linksArchiveKind = defineJobKind({
  kind: "links.archive",
  payload: z.object({ postId: z.string().min(1).max(64) }),
  maxAttempts: 5,
  timeoutMs: 60_000,
  handle: async ({ postId }, { signal }) => void (await archivePostLink(postId, { signal })),
});
