import "server-only";
// The client an IndieAuth request names: its client_id URL is fetched (through the safe fetcher, like every other
// site Linkpress reads) for its name and the redirect URIs it declares, either as a JSON metadata document or
// as an HTML page with an h-app and <link rel="redirect_uri">. (Its logo is not shown: the admin's policy loads no
// image from elsewhere.) A client that cannot be fetched is shown by its URL.
import { parseBoundedDocument } from "@/lib/capture/extract";
import { fetchPage, isFetchRefusal } from "@/lib/fetch";

export type ClientInfo = {
  clientId: string;
  /** What the client calls itself, or its host when it says nothing (or could not be fetched). */
  name: string;
  /** The host the client_id is on: shown beside the name, which any site could claim. */
  host: string;
  /** Redirect URIs the client declares (absolute), beyond those on its own origin. */
  redirectUris: string[];
  /** Why the client's page could not be read, when it could not. */
  fetchProblem: string | null;
};

const NAME_MAX = 100;

function absoluteHttpUrl(value: unknown, base: string): string | null {
  if (typeof value !== "string" || !value.trim()) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function cleanName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const name = value.replace(/\s+/g, " ").trim().slice(0, NAME_MAX);
  return name || null;
}

type Declared = Pick<ClientInfo, "redirectUris"> & { name: string | null };

function fromJson(text: string, clientId: string, base: string): Declared {
  const document = JSON.parse(text) as Record<string, unknown>;
  // A metadata document speaks for the client_id it names, and for no other.
  if (typeof document.client_id === "string" && document.client_id !== clientId) throw new Error("The client's metadata names another client_id.");
  const uris = Array.isArray(document.redirect_uris) ? document.redirect_uris : [];
  return {
    name: cleanName(document.client_name),
    redirectUris: uris.map((uri) => absoluteHttpUrl(uri, base)).filter((uri): uri is string => uri !== null),
  };
}

function fromHtml(html: string, base: string): Declared {
  const document = parseBoundedDocument(html);
  const app = document.querySelector(".h-app, .h-x-app");
  const nameElement = app?.querySelector(".p-name") ?? (app?.classList.contains("p-name") ? app : null);
  const links = [...document.querySelectorAll('link[rel~="redirect_uri"], a[rel~="redirect_uri"]')];
  return {
    name: cleanName(nameElement?.getAttribute("content") ?? nameElement?.textContent) ?? cleanName(document.querySelector("title")?.textContent),
    redirectUris: links.map((link) => absoluteHttpUrl(link.getAttribute("href"), base)).filter((uri): uri is string => uri !== null),
  };
}

/** What the client's own page says of it; never throws (a client that cannot be read is named by its host). */
export async function describeClient(clientId: string): Promise<ClientInfo> {
  const host = new URL(clientId).host;
  try {
    const page = await fetchPage(clientId, { acceptJson: true });
    const declared = page.contentType.includes("json") ? fromJson(page.html, clientId, page.finalUrl) : fromHtml(page.html, page.finalUrl);
    return { clientId, host, name: declared.name ?? host, redirectUris: declared.redirectUris, fetchProblem: null };
  } catch (error) {
    const fetchProblem = isFetchRefusal(error) ? error.message : error instanceof Error ? error.message : "The client's page could not be read.";
    return { clientId, host, name: host, redirectUris: [], fetchProblem };
  }
}

/**
 * Whether the client may be sent back to `redirectUri` (§4.2.2): anywhere on its client_id's own scheme, host and
 * port, or exactly a redirect URI it declares.
 */
export function redirectAllowed(client: Pick<ClientInfo, "clientId" | "redirectUris">, redirectUri: string): boolean {
  if (new URL(redirectUri).origin === new URL(client.clientId).origin) return true;
  return client.redirectUris.includes(new URL(redirectUri).href);
}
