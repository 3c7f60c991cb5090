import "server-only";
import type { LookupAddress } from "node:dns";
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import packageJson from "@/package.json";
import type { CheckedUrl } from "./address";
import { FETCH_LIMITS } from "./limits";
import { FetchRefusal, refuse } from "./refusal";

// One request to another site, shared by everything in lib/fetch that asks (fetchPage's hops, probes, sendJson): made
// on the addresses already checked for it (the socket is handed them, so DNS is never asked again), with the
// fetcher's User-Agent, a connect timeout, and one outcome however many events race for it.

/** Ends the exchange with an error or a result; later calls do nothing. */
export type Settle<T> = (error: unknown, result?: T) => void;

type PinnedRequest = { method: string; headers: OutgoingHttpHeaders; body?: string };

/**
 * Sends `request` to `target` on `addresses` and hands the response to `onResponse`, which settles the exchange when
 * it has what it needs. Settling, aborting `signal`, a network error or no connection within FETCH_LIMITS.connectMs
 * closes the connection (nothing more is read) and runs `onSettled` for the caller's own clean-up.
 */
export function pinnedExchange<T>(
  target: CheckedUrl,
  addresses: LookupAddress[],
  signal: AbortSignal,
  request: PinnedRequest,
  onResponse: (response: IncomingMessage, settle: Settle<T>) => void,
  onSettled?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const client = target.url.protocol === "https:" ? https : http;
    let outgoing: ClientRequest;
    try {
      outgoing = client.request(target.url, {
        method: request.method,
        agent: false,
        lookup: pinnedLookup(addresses),
        // TLS names the site, not the address connected to (no SNI for an address).
        servername: target.isAddress ? undefined : target.host,
        headers: { ...request.headers, "user-agent": userAgent() },
      });
    } catch (error) {
      return reject(networkRefusal(error));
    }
    let settled = false;
    let response: IncomingMessage | undefined;
    const connectTimer = setTimeout(() => settle(refuse.connectTimeout()), FETCH_LIMITS.connectMs);
    const settle: Settle<T> = (error, result) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      signal.removeEventListener("abort", onAbort);
      // Whatever the outcome, nothing more is read: the connection is closed (the agent keeps none alive).
      onSettled?.();
      response?.destroy();
      outgoing.destroy();
      if (result !== undefined) resolve(result);
      else reject(error);
    };
    const onAbort = () => settle(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    outgoing.on("socket", (socket) => {
      if (socket.connecting) socket.once("connect", () => clearTimeout(connectTimer));
      else clearTimeout(connectTimer);
    });
    outgoing.on("error", (error) => settle(networkRefusal(error)));
    outgoing.on("response", (answer) => {
      response = answer;
      onResponse(answer, settle);
    });
    outgoing.end(request.body);
  });
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs` (never more than FETCH_LIMITS.totalMs) or when the caller's
 * `signal` aborts, whichever comes first: the one time limit of a whole fetch, redirects included.
 */
export async function withinDeadline<T>(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  callerSignal?.throwIfAborted();
  const deadline = new AbortController();
  const totalMs = Math.min(timeoutMs ?? FETCH_LIMITS.totalMs, FETCH_LIMITS.totalMs);
  const timer = setTimeout(() => deadline.abort(refuse.timeout(totalMs)), totalMs);
  const onCallerAbort = () => deadline.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    return await work(deadline.signal);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

/** Who is asking: Linkpress and its version, and the site to contact about it. */
export function userAgent(): string {
  const site = process.env.SITE_URL || process.env.NEXTAUTH_URL;
  // Only printable ASCII may go in a header.
  const contact = site?.replace(/[^\x21-\x7e]/g, "");
  return `Linkpress/${packageJson.version}${contact ? ` (+${contact})` : ""}`;
}

/** A lookup that answers with the addresses already checked, whatever DNS would say now. */
export function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: "The site refused the connection.",
  ECONNRESET: "The site closed the connection.",
  EPIPE: "The site closed the connection.",
  EHOSTUNREACH: "The site cannot be reached from this server.",
  ENETUNREACH: "The site cannot be reached from this server.",
};

export function networkRefusal(error: unknown): FetchRefusal {
  if (error instanceof FetchRefusal) return error;
  const code = (error as { code?: unknown })?.code;
  const name = typeof code === "string" ? code : "";
  if (NETWORK_MESSAGES[name]) return refuse.network(NETWORK_MESSAGES[name], error);
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(name)) return refuse.network(`The site's security certificate is not valid (${name}).`, error);
  if (name.startsWith("HPE_")) return refuse.network("The site answered with something that is not valid HTTP.", error);
  return refuse.network(`The site could not be reached (${name || (error instanceof Error ? error.message : "unknown error")}).`, error);
}
