import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";

let totp: typeof import("@/lib/auth/totp");
let tokens: typeof import("@/lib/auth/tokens");

beforeAll(async () => {
  // Sealing derives its key from the session secret; a fixed one keeps the test away from the data folder.
  process.env.NEXTAUTH_SECRET = "unit-test-secret-0123456789abcdef";
  totp = await import("@/lib/auth/totp");
  tokens = await import("@/lib/auth/tokens");
});

const codeAt = (secret: string, time: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: time });

describe("TOTP (RFC 6238)", () => {
  const now = new Date("2026-11-26T12:00:10Z");
  const step = Math.floor(now.getTime() / 30_000);

  it("matches the RFC 6238 test vector (SHA-1, 59 s → 94287082 in 8 digits; 287082 in 6)", () => {
    const rfcSecret = Secret.fromLatin1("12345678901234567890").base32;
    expect(totp.matchTotp(rfcSecret, "287082", null, new Date(59_000))).toBe(1);
  });

  it("accepts the current code and one step either side, and nothing further", () => {
    const secret = totp.newTotpSecret();
    expect(totp.matchTotp(secret, codeAt(secret, now.getTime()), null, now)).toBe(step);
    expect(totp.matchTotp(secret, codeAt(secret, now.getTime() - 30_000), null, now)).toBe(step - 1);
    expect(totp.matchTotp(secret, codeAt(secret, now.getTime() + 30_000), null, now)).toBe(step + 1);
    const old = codeAt(secret, now.getTime() - 90_000);
    if (![-1, 0, 1].some((offset) => codeAt(secret, now.getTime() + offset * 30_000) === old)) expect(totp.matchTotp(secret, old, null, now)).toBeNull();
  });

  it("refuses a code at or before the last step used (no replay)", () => {
    const secret = totp.newTotpSecret();
    const code = codeAt(secret, now.getTime());
    expect(totp.matchTotp(secret, code, step, now)).toBeNull();
    expect(totp.matchTotp(secret, code, step - 1, now)).toBe(step);
  });

  it.each(["", "12345", "1234567", "abcdef", "12 34 5", "１２３４５６"])("refuses the malformed code %j", (code) => {
    expect(totp.matchTotp(totp.newTotpSecret(), code, null, now)).toBeNull();
  });

  it("makes an otpauth URI with the issuer and account", () => {
    const uri = totp.totpUri("JBSWY3DPEHPK3PXP", "ada@example.test");
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+ada%40example\.test\?/);
    expect(uri).toContain("secret=JBSWY3DPEHPK3PXP");
    expect(uri).toContain("period=30");
  });

  it("renders the QR code locally as a PNG data URL", async () => {
    expect(await totp.qrCodeDataUrl(totp.totpUri(totp.newTotpSecret(), "a@b.c"))).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
  });

  it("seals the secret: the stored form hides it, opens to it, and refuses tampering or another key", () => {
    const secret = totp.newTotpSecret();
    const sealed = totp.sealTotpSecret(secret);
    expect(sealed).not.toContain(secret);
    expect(totp.sealTotpSecret(secret)).not.toBe(sealed);
    expect(totp.openTotpSecret(sealed)).toBe(secret);
    const parts = sealed.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    expect(totp.openTotpSecret(parts.join("."))).toBeNull();
    expect(totp.openTotpSecret(secret)).toBeNull();
    expect(totp.openTotpSecret(null)).toBeNull();
  });
});

describe("recovery codes and tokens", () => {
  it("makes ten distinct 16-character codes that hash the same however they are typed", () => {
    const codes = totp.newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      const hash = totp.recoveryCodeHash(code);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(totp.recoveryCodeHash(code.toUpperCase().replace(/-/g, " "))).toBe(hash);
      expect(totp.recoveryCodeHash(` ${code.replace(/-/g, "")} `)).toBe(hash);
    }
  });

  it.each(["", "123456", "abcd-efgh", "abcd-efgh-jkmn-pqr1", "abcd-efgh-jkmn-pqrs-t"])("refuses %j as a recovery code", (typed) => {
    expect(totp.recoveryCodeHash(typed)).toBeNull();
  });

  it("tokens are 256-bit URL-safe strings stored only as their SHA-256", () => {
    const { token, tokenHash } = tokens.newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(tokens.hashToken(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token);
    expect(tokens.newToken().token).not.toBe(token);
  });
});
