import "server-only";
import { FETCH_LIMITS } from "./limits";

export type FetchRefusalCode =
  | "bad-url"
  | "scheme"
  | "credentials"
  | "port"
  | "private-address"
  | "not-found"
  | "too-many-redirects"
  | "connect-timeout"
  | "timeout"
  | "too-large"
  | "not-html"
  | "http-status"
  | "network";

/** Why a page was not fetched: a stable code for code, and a sentence for the editor who asked. */
export class FetchRefusal extends Error {
  constructor(
    readonly code: FetchRefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FetchRefusal";
  }
}

export function isFetchRefusal(error: unknown): error is FetchRefusal {
  return error instanceof FetchRefusal;
}

const seconds = (ms: number) => `${ms / 1000} s`;
const mebibytes = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;

/** Every refusal the fetcher gives, worded once. */
export const refuse = {
  badUrl: (what = "That is not a valid web address.") => new FetchRefusal("bad-url", what),
  scheme: (protocol: string) => new FetchRefusal("scheme", `Only web addresses (http or https) can be fetched, not ${protocol}.`),
  credentials: () => new FetchRefusal("credentials", "Addresses with a user name or password in them are not fetched."),
  port: (port: number) => new FetchRefusal("port", `Only the usual web ports (80 and 443) are fetched, not port ${port}.`),
  privateAddress: () => new FetchRefusal("private-address", "That address is on a private network."),
  notFound: (hostname: string, cause?: unknown) => new FetchRefusal("not-found", `No site answers to the name ${hostname}.`, { cause }),
  tooManyRedirects: () => new FetchRefusal("too-many-redirects", `The page redirected more than ${FETCH_LIMITS.maxRedirects} times.`),
  connectTimeout: () => new FetchRefusal("connect-timeout", `The site did not accept a connection within ${seconds(FETCH_LIMITS.connectMs)}.`),
  timeout: (ms: number = FETCH_LIMITS.totalMs) => new FetchRefusal("timeout", `No answer within ${seconds(ms)}.`),
  tooLarge: () => new FetchRefusal("too-large", `The page is larger than ${mebibytes(FETCH_LIMITS.maxBytes)}.`),
  notHtml: (mediaType: string) => new FetchRefusal("not-html", `That is not a web page (${mediaType}).`),
  httpStatus: (status: number) => new FetchRefusal("http-status", `The page answered ${status}.`),
  network: (what: string, cause?: unknown) => new FetchRefusal("network", what, { cause }),
};
