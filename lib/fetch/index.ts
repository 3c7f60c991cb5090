import "server-only";

// The SSRF-safe fetcher: the only code in Linkpress that reads other sites (docs/operations.md, "Fetching other sites").
export { fetchPage, type FetchedPage, type FetchPageOptions } from "./fetch-page";
export { FetchRefusal, isFetchRefusal, type FetchRefusalCode } from "./refusal";
export { FETCH_LIMITS } from "./limits";
export { sendForm, sendJson, type SentJson, type SendJsonOptions } from "./send-json";
export { probeUrl, type ProbeOptions, type ProbeResult } from "./probe";
