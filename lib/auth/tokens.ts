import { createHash, randomBytes } from "node:crypto";

/** SHA-256 of a one-time token: the only form in which invitation and reset tokens are stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh 256-bit URL-safe token and its hash; the token goes into the link, the hash into the database. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}
