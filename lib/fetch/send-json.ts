import "server-only";
import { checkUrl } from "./address";
import { readAllowList, resolveTarget } from "./fetch-page";
import { pinnedExchange, withinDeadline } from "./pinned-request";

// Sending to another site (webhooks, WebSub pings, Webmentions): the same checks as fetchPage (URL, every resolved address, pinned to the socket,
// the operator's allow list, ./pinned-request.ts), one hop only (a redirect is an answer, never followed), FETCH_LIMITS.totalMs for all.

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
export function sendJson(url: string, body: string, options: SendJsonOptions): Promise<SentJson> {
  const { headers, keepBytes = 2048, signal } = options;
  return withinDeadline(signal, undefined, async (deadline) => {
    const target = checkUrl(url, readAllowList());
    const addresses = await resolveTarget(target, deadline);
    const request = { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, body };
    return pinnedExchange<SentJson>(target, addresses, deadline, request, (response, settle) => {
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
  });
}

/** POSTs form fields (application/x-www-form-urlencoded), as WebSub pings and Webmentions are sent; as sendJson otherwise. */
export function sendForm(url: string, fields: Record<string, string>, options: Omit<SendJsonOptions, "headers"> = {}): Promise<SentJson> {
  return sendJson(url, new URLSearchParams(fields).toString(), { ...options, headers: { "content-type": "application/x-www-form-urlencoded" } });
}
