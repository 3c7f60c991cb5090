import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { ensureAuthSecret } from "./secret";

// Secrets the site must read back (TOTP seeds, webhook signing secrets) are sealed with AES-256-GCM under a key
// derived from the session secret, one key per purpose, so a copy of the database alone does not yield them.

function sealingKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", ensureAuthSecret(), "linkpress", purpose, 32));
}

/** `text` sealed for `purpose` ("v1.<iv>.<tag>.<sealed>"); a fresh IV each time. */
export function sealSecret(purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(purpose), iv);
  const sealed = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

/** The sealed text, or null when it was sealed under another session secret or purpose, or tampered with. */
export function openSealedSecret(purpose: string, stored: string | null): string | null {
  const [version, iv, tag, sealed] = stored?.split(".") ?? [];
  if (version !== "v1" || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
