import "server-only";
import { walkRedirects } from "./fetch-page";

// Whether an address still answers (link health): a HEAD or GET through the same checked request and redirect walk as
// fetchPage, answered by the last status alone. The body is never read, whatever its type or size.

export type ProbeResult = {
  /** The URL asked for, as the URL parser normalised it. */
  requestedUrl: string;
  /** Where the redirects ended: the URL whose status this is. */
  finalUrl: string;
  redirects: string[];
  status: number;
  /** The last answer's Retry-After header, as sent (seconds or an HTTP date), for a 429 or 503. */
  retryAfter: string | null;
};

export type ProbeOptions = {
  method: "HEAD" | "GET";
  signal?: AbortSignal;
  /** The whole probe, redirects included; at most FETCH_LIMITS.totalMs. */
  timeoutMs?: number;
};

/** Asks for `url` and reports the status it ends on (any status: a 404 is an answer, not a refusal). Throws FetchRefusal. */
export async function probeUrl(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const { answer, ...walk } = await walkRedirects(
    url,
    { method: options.method, accept: "text/html,application/xhtml+xml,*/*;q=0.8", readBody: false, acceptJson: false },
    { signal: options.signal, timeoutMs: options.timeoutMs },
  );
  const retryAfter = answer.kind === "status" ? answer.headers["retry-after"] : undefined;
  return { ...walk, status: answer.status, retryAfter: typeof retryAfter === "string" ? retryAfter : null };
}
