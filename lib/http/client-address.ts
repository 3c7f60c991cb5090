import { isIP } from "node:net";

/**
 * The connection's own address, as the project's HTTP server (lib/server/http-server.ts) passes it to Next. That
 * server deletes any copy a client sends and writes the socket address, so this header cannot be forged through it.
 */
export const CLIENT_ADDRESS_HEADER = "x-linkpress-client-address";

let warnedAbout: string | undefined;

/**
 * How many reverse proxies in front of Linkpress are believed (TRUST_PROXY): unset, empty, 0 or false = none; true = 1;
 * a whole number = that many hops. Anything else trusts none (and says so once), so a typo never trusts the client.
 */
export function trustedProxyHops(value: string | undefined = process.env.TRUST_PROXY): number {
  const setting = value?.trim().toLowerCase() ?? "";
  if (setting === "true") return 1;
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting !== "" && setting !== "false" && warnedAbout !== setting) {
    warnedAbout = setting;
    console.warn(`[linkpress] TRUST_PROXY must be unset, false, true or a number of proxies; "${value}" trusts none.`);
  }
  return 0;
}

/** An IPv4 address as IPv6 sockets report it (::ffff:192.0.2.1) is written the IPv4 way. */
function normaliseAddress(address: string | null | undefined): string | null {
  const trimmed = address?.trim() ?? "";
  if (!trimmed) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

export type AddressSources = { socketAddress: string | null | undefined; forwardedFor: string | null | undefined; trustedHops: number };

/**
 * The client's address, the one decision every caller uses. Without trusted proxies it is the connection's address:
 * X-Forwarded-For is whatever the client wrote. Behind N trusted proxies, each of which appends the address it saw,
 * it is the Nth entry from the right of X-Forwarded-For (the leftmost when there are fewer); entries further left
 * came from the client and are ignored. A chosen entry that is not an IP address falls back to the connection.
 */
export function decideClientAddress({ socketAddress, forwardedFor, trustedHops }: AddressSources): string | null {
  const socket = normaliseAddress(socketAddress);
  if (trustedHops <= 0) return socket;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return socket;
  const chosen = normaliseAddress(hops[Math.max(hops.length - trustedHops, 0)]);
  return chosen && isIP(chosen) ? chosen : socket;
}

/**
 * The scheme the client used: X-Forwarded-Proto's entry from the last trusted proxy (chosen as for the address), else
 * the connection's own ("http": this server speaks plain HTTP behind its proxy).
 */
export function decideScheme({ forwardedProto, trustedHops }: { forwardedProto: string | null | undefined; trustedHops: number }): "http" | "https" {
  if (trustedHops <= 0) return "http";
  const hops = (forwardedProto ?? "")
    .split(",")
    .map((hop) => hop.trim().toLowerCase())
    .filter(Boolean);
  return hops[Math.max(hops.length - trustedHops, 0)] === "https" ? "https" : "http";
}

/** The client's address for a request's headers, by TRUST_PROXY (see decideClientAddress). */
export function clientIp(header: (name: string) => string | null | undefined): string | null {
  return decideClientAddress({ socketAddress: header(CLIENT_ADDRESS_HEADER), forwardedFor: header("x-forwarded-for"), trustedHops: trustedProxyHops() });
}
