import "server-only";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { FETCH_LIMITS } from "./limits";
import { FetchRefusal, refuse } from "./refusal";

// What the fetcher may reach, decided without the network: the URL as the WHATWG parser normalised it (so
// `http://2130706433/`, `http://0x7f.1/` and `http://017700000001/` all arrive here as 127.0.0.1), and each address a
// name resolved to. Address classes come from ipaddr.js: only its "unicast" class (public addresses) is reached.

/** `host:port` entries an operator allowed (LINKPRESS_FETCH_ALLOW), normalised like a URL's host. */
export type FetchAllowList = ReadonlySet<string>;

export const NO_ALLOWED_HOSTS: FetchAllowList = new Set();

// Cloud metadata services that no address class covers (Azure's WireServer is a public address), and the ones that
// are covered, so that an allow-list entry can never open them.
const METADATA_ADDRESSES = new Set(["168.63.129.16", "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2:0:0:0:0:0:254"]);
// Names refused before any lookup: they mean this machine or its cloud's metadata service wherever they are asked.
const REFUSED_NAMES = new Set(["localhost", "metadata", "metadata.google.internal"]);

/** Why no fetch may connect to this address (an ipaddr.js range name, or "cloudMetadata"), or null for a public one. */
export function addressProblem(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return "invalid";
  let address = ipaddr.parse(ip);
  // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel: classify the IPv4 address inside.
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  if (METADATA_ADDRESSES.has(address.toNormalizedString())) return "cloudMetadata";
  const range = address.range();
  if (range !== "unicast") return range;
  // The deprecated IPv4-compatible form ::a.b.c.d (RFC 4291 §2.5.5.1): ipaddr.js calls it unicast, yet it embeds an
  // IPv4 address the way ::ffff:a.b.c.d does, and nothing public lives there.
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return "ipv4Compatible";
  return null;
}

/** Whether a name means this machine or a metadata service whatever it resolves to (a trailing dot changes nothing). */
export function isRefusedHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return REFUSED_NAMES.has(name) || name.endsWith(".localhost");
}

/** A URL the fetcher may ask for, with what the checks found. */
export type CheckedUrl = {
  url: URL;
  /** The port connected to, the scheme's default filled in. */
  port: number;
  /** The host as written in the URL ([::1] unbracketed), a name or an IP address. */
  host: string;
  /** Whether the host is an IP address (no lookup then). */
  isAddress: boolean;
  /** Whether LINKPRESS_FETCH_ALLOW lists this host and port. */
  allowed: boolean;
};

/** The allow-list key of a URL's host and port: the host as the URL parser wrote it (IPv6 in brackets). */
export function allowKey(url: URL): string {
  return `${url.hostname}:${effectivePort(url)}`;
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** Checks a URL before any lookup: scheme, credentials, named and literal private hosts, port. Throws FetchRefusal. */
export function checkUrl(input: string | URL, allowList: FetchAllowList = NO_ALLOWED_HOSTS): CheckedUrl {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw refuse.badUrl();
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse.scheme(url.protocol);
  if (url.username || url.password) throw refuse.credentials();
  if (!url.hostname) throw refuse.badUrl();

  const port = effectivePort(url);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const isAddress = isIP(host) !== 0;
  const allowed = allowList.has(allowKey(url));
  const checked: CheckedUrl = { url, port, host, isAddress, allowed };

  if (isAddress && addressProblem(host) === "cloudMetadata") throw refuse.privateAddress();
  if (allowed) return checked;
  if (isAddress ? addressProblem(host) !== null : isRefusedHostname(host)) throw refuse.privateAddress();
  if (!(FETCH_LIMITS.ports as readonly number[]).includes(port)) throw refuse.port(port);
  return checked;
}

/** The refusal checkUrl would give, or null: for tests and for forms that want to say so before fetching. */
export function urlProblem(input: string | URL, allowList: FetchAllowList = NO_ALLOWED_HOSTS): FetchRefusal | null {
  try {
    checkUrl(input, allowList);
    return null;
  } catch (error) {
    if (error instanceof FetchRefusal) return error;
    throw error;
  }
}

/** Checks every address a name resolved to: one private address refuses them all. Throws FetchRefusal. */
export function checkResolvedAddresses(target: CheckedUrl, addresses: readonly string[]): void {
  if (addresses.length === 0) throw refuse.notFound(target.host);
  for (const address of addresses) {
    const problem = addressProblem(address);
    if (problem === "cloudMetadata" || problem === "invalid" || (problem !== null && !target.allowed)) throw refuse.privateAddress();
  }
}

const ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+):(\d{1,5})$/i;

/**
 * LINKPRESS_FETCH_ALLOW: comma-separated `host:port` entries (`intranet.example:8080`, `127.0.0.1:4321`,
 * `[::1]:8080`), normalised as a URL's host would be. Entries that are not `host:port` are returned as invalid and
 * allow nothing.
 */
export function parseFetchAllowList(value: string | undefined): { allowed: FetchAllowList; invalid: string[] } {
  const allowed = new Set<string>();
  const invalid: string[] = [];
  for (const entry of (value ?? "").split(",").map((part) => part.trim())) {
    if (!entry) continue;
    const match = ENTRY.exec(entry);
    const port = match ? Number(match[2]) : 0;
    let hostname = "";
    if (match && port >= 1 && port <= 65535) {
      try {
        hostname = new URL(`http://${match[1]}/`).hostname;
      } catch {
        hostname = "";
      }
    }
    if (hostname) allowed.add(`${hostname}:${port}`);
    else invalid.push(entry);
  }
  return { allowed, invalid };
}
