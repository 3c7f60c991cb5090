import "server-only";
import http, { type ClientRequest } from "node:http";
import https from "node:https";
import { checkUrl } from "./address";
import { networkRefusal, pinnedLookup, readAllowList, resolveTarget, userAgent } from "./fetch-page";
import { FETCH_LIMITS } from "./limits";
import { refuse } from "./refusal";

// Sending to another site (webhooks, WebSub pings, Webmentions): the same checks as fetchPage (URL, every resolved address, pinned to the socket,
// the operator's allow list), one hop only (a redirect is an answer, never followed), FETCH_LIMITS.totalMs for all.

export type SentJson = {
  status: number;
  /** The answer's first `keepBytes` bytes as text (the rest is not read). */
  body: string;
};

export type SendJsonOptions = {
  headers: Record<string, string>;
  /** How much of the answer to keep (default 2 KB). */
  keepBytes?: number;
  signal?: AbortSignal;
};

/** POSTs `body` (JSON text) to `url` and returns any answer's status; refuses (FetchRefusal) what fetchPage would not reach. */
export async function sendJson(url: string, body: string, options: SendJsonOptions): Promise<SentJson> {
  const { headers, keepBytes = 2048, signal: callerSignal } = options;
  callerSignal?.throwIfAborted();
  const target = checkUrl(url, readAllowList());
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(refuse.timeout()), FETCH_LIMITS.totalMs);
  const onCallerAbort = () => deadline.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const addresses = await resolveTarget(target, deadline.signal);
    const signal = deadline.signal;
    return await new Promise<SentJson>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const client = target.url.protocol === "https:" ? https : http;
      let request: ClientRequest;
      try {
        request = client.request(target.url, {
          method: "POST",
          agent: false,
          lookup: pinnedLookup(addresses),
          servername: target.isAddress ? undefined : target.host,
          headers: { ...headers, "user-agent": userAgent(), "content-length": String(Buffer.byteLength(body)) },
        });
      } catch (error) {
        return reject(networkRefusal(error));
      }
      let settled = false;
      const settle = (error: unknown, answer?: SentJson) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        request.destroy();
        if (answer) resolve(answer);
        else reject(error);
      };
      const onAbort = () => settle(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      request.on("error", (error) => settle(networkRefusal(error)));
      request.on("response", (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () => settle(undefined, { status, body: Buffer.concat(chunks).toString("utf8") });
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, keepBytes - kept));
          kept += Math.min(chunk.length, keepBytes - kept);
          // Enough of the answer for the log: the rest is not waited for.
          if (kept >= keepBytes) done();
        });
        response.on("end", done);
        response.on("error", done);
      });
      request.end(body);
    });
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

/** POSTs form fields (application/x-www-form-urlencoded), as WebSub pings and Webmentions are sent; as sendJson otherwise. */
export function sendForm(url: string, fields: Record<string, string>, options: Omit<SendJsonOptions, "headers"> = {}): Promise<SentJson> {
  return sendJson(url, new URLSearchParams(fields).toString(), { ...options, headers: { "content-type": "application/x-www-form-urlencoded" } });
}
