import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "@/lib/database-url";

const LOCAL_SECRET_FILE = path.join(DATA_DIR, "auth-secret");

function configuredSecret(): string | undefined {
  return process.env.NEXTAUTH_SECRET?.trim() || process.env.AUTH_SECRET?.trim() || undefined;
}

/**
 * The secret that signs session tokens: NEXTAUTH_SECRET or AUTH_SECRET, else one generated once and kept in the data
 * folder, so a local start needs no configuration and sessions survive restarts.
 */
export function ensureAuthSecret(): string {
  const secret = configuredSecret();
  if (secret) return secret;
  if (existsSync(LOCAL_SECRET_FILE)) return readFileSync(LOCAL_SECRET_FILE, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const generated = randomBytes(32).toString("base64url");
  writeFileSync(LOCAL_SECRET_FILE, generated + "\n", { mode: 0o600, flag: "wx" });
  return generated;
}

/** In production with a public URL, a generated secret would hide a deployment mistake: require an explicit one. */
export function missingProductionSecret(): boolean {
  const publicUrl = process.env.SITE_URL || process.env.NEXTAUTH_URL;
  return process.env.NODE_ENV === "production" && Boolean(publicUrl) && !configuredSecret();
}
