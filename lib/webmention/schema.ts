// What editors are told of a post's Webmention (client-safe: the edit page shows it, unit tests check the wording).

/** SENT: the endpoint answered 2xx; ACCEPTED: it answered 202 (it will check the post later); NO_ENDPOINT: the article names none. */
export const WEBMENTION_STATUSES = ["SENT", "ACCEPTED", "NO_ENDPOINT", "FAILED"] as const;
export type WebmentionStatus = (typeof WEBMENTION_STATUSES)[number];

export type WebmentionResult = { status: string; endpoint: string | null; responseStatus: number | null; error: string | null };

/** The "Webmention" line of the edit page; `when` is the attempt's date as the admin shows dates. */
export function describeWebmention(result: WebmentionResult, when: string): string {
  switch (result.status) {
    case "ACCEPTED":
      return `Sent to ${result.endpoint} on ${when}, accepted (${result.responseStatus}).`;
    case "SENT":
      return `Sent to ${result.endpoint} on ${when}, answered ${result.responseStatus}.`;
    case "NO_ENDPOINT":
      return `No Webmention endpoint found (checked on ${when}).`;
    default:
      return `Failed on ${when}: ${result.error ?? "unknown error"}`;
  }
}
