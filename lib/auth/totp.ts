import "server-only";
import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { site } from "@/lib/settings/defaults";
import { hashToken } from "./tokens";
import { openSealedSecret, sealSecret } from "./seal";

// RFC 6238 with the parameters every authenticator app understands.
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side tolerates a phone clock that is up to 30 seconds off. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LENGTH = 16;

function totpFor(secretBase32: string, label = "") {
  return new TOTP({ issuer: site.title, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new random 160-bit TOTP secret, base32-encoded as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totpFor(secretBase32, accountLabel).toString();
}

/** The QR code of a URI as a PNG data URL, rendered locally. */
export function qrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 240 });
}

/** The time step a six-digit code matches (within one step of now), or null. A step at or before lastUsedStep is refused: each code works once. */
export function matchTotp(secretBase32: string, code: string, lastUsedStep: number | null, now = new Date()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

// The TOTP secret is sealed (lib/auth/seal.ts), so a copy of the database alone does not yield working codes.
const TOTP_SEAL = "totp-secret-v1";

export function sealTotpSecret(secretBase32: string): string {
  return sealSecret(TOTP_SEAL, secretBase32);
}

/** The base32 secret, or null when the value was sealed under another session secret or tampered with. */
export function openTotpSecret(stored: string | null): string | null {
  return openSealedSecret(TOTP_SEAL, stored);
}

/** Ten fresh recovery codes such as "k7qm-x2dp-9fza-hw3c" (80 bits each), shown once and stored only as hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** The hash of a typed recovery code, ignoring case, spaces and dashes; null when it cannot be one. */
export function recoveryCodeHash(typed: string): string | null {
  const normalized = typed.toLowerCase().replace(/[\s-]+/g, "");
  if (normalized.length !== RECOVERY_LENGTH || ![...normalized].every((char) => RECOVERY_ALPHABET.includes(char))) return null;
  return hashToken(`recovery:${normalized}`);
}
