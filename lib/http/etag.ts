import { createHash } from "node:crypto";

/** A strong ETag for a body: the first 160 bits of its SHA-256, so equal bodies get equal tags on every instance. */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}
