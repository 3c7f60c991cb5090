import { isUnusableCallbackUrl } from "./auth/request-safety";

/** A same-site path to go to after signing in; anything pointing elsewhere (absolute, protocol-relative, odd) becomes the fallback. */
export function safeCallbackPath(value: unknown, fallback = "/admin"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  // Control characters and encoded slashes can turn a path into another host in some browsers; anything beyond ASCII
  // (a real path arrives %-encoded) cannot even be sent in a Location header.
  if (isUnusableCallbackUrl(value) || /^\/%2f/i.test(value)) return fallback;
  return value;
}
