import { Secret, TOTP } from "otpauth";
import { expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { IP_THROTTLE, LOCKOUT } from "@/lib/auth/lockout";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { getSessionUser } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { unlockUser } from "@/lib/users/admin";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

let addressCounter = 0;
/** A documentation-range address of its own per test, so the per-address throttle of one test never touches another. */
function address() {
  addressCounter += 1;
  return `198.51.${100 + (process.pid % 50)}.${addressCounter}`;
}

async function auditActions(userId: string) {
  const rows = await prisma.auditLog.findMany({ where: { targetId: userId }, orderBy: { createdAt: "asc" }, select: { action: true, details: true } });
  return rows.map((row) => row.action);
}

function codeFor(secret: string, at = Date.now()) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: at });
}

async function enrol(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  await startTwoFactorEnrolment(user);
  const status = await getTwoFactorStatus(user.id);
  if (status.state !== "pending") throw new Error("enrolment did not start");
  // Confirm with the previous step's code, so the sign-in below can use the current one.
  const recoveryCodes = await confirmTwoFactorEnrolment(user, codeFor(status.secret, Date.now() - 30_000));
  return { secret: status.secret, recoveryCodes };
}

describeDatabase("sign-in protection", () => {
  it("answers an unknown email, a wrong password and a locked account identically, and logs why", async () => {
    const user = await createTestUser("EDITOR");
    const ip = address();
    const unknown = await signIn({ email: `nobody-${unique()}@example.test`, password: user.password }, { ip });
    const wrong = await signIn({ email: user.email, password: `${user.password}x` }, { ip });
    expect(unknown).toEqual({ status: "invalid" });
    expect(wrong).toEqual({ status: "invalid" });
    expect(await auditActions(user.id)).toEqual(["auth.sign_in_failed"]);
    const failure = await prisma.auditLog.findFirstOrThrow({ where: { targetId: user.id } });
    expect(failure).toMatchObject({ ip, actorId: null });
    expect(JSON.parse(failure.details!)).toEqual({ reason: "wrong_password" });
  });

  it("locks an account on the 5th failure for 15 minutes; the right password is then refused; an admin unlocks", async () => {
    const user = await createTestUser("EDITOR");
    const admin = await createTestUser("ADMIN");
    const started = new Date();
    for (let attempt = 1; attempt <= LOCKOUT.attempts; attempt += 1)
      expect((await signIn({ email: user.email, password: `wrong-${attempt}` }, { ip: address() })).status).toBe("invalid");
    const locked = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true } });
    expect(locked.lockedUntil!.getTime() - started.getTime()).toBeGreaterThanOrEqual(LOCKOUT.minutes * 60_000 - 1000);
    expect((await signIn({ email: user.email, password: user.password }, { ip: address() })).status).toBe("invalid");
    expect(await auditActions(user.id)).toContain("auth.lockout");

    // After the lock runs out, the right password works again.
    const later = new Date(Date.now() + LOCKOUT.minutes * 60_000 + 1000);
    expect((await signIn({ email: user.email, password: user.password }, { ip: address() }, later)).status).toBe("success");

    for (let attempt = 1; attempt <= LOCKOUT.attempts; attempt += 1) await signIn({ email: user.email, password: "nope-nope" }, { ip: address() });
    expect((await signIn({ email: user.email, password: user.password }, { ip: address() })).status).toBe("invalid");
    await unlockUser(admin, user.id);
    expect((await signIn({ email: user.email, password: user.password }, { ip: address() })).status).toBe("success");
  });

  it("a success before the limit resets the count", async () => {
    const user = await createTestUser("EDITOR");
    for (let round = 0; round < 3; round += 1) {
      for (let attempt = 1; attempt < LOCKOUT.attempts; attempt += 1) await signIn({ email: user.email, password: "wrong-password" }, { ip: address() });
      expect((await signIn({ email: user.email, password: user.password }, { ip: address() })).status).toBe("success");
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { failedLoginCount: true, lockedUntil: true } })).toEqual({
      failedLoginCount: 0,
      lockedUntil: null,
    });
  });

  it("20 parallel wrong attempts lock the account, check at most 5 passwords, and a right password among them is refused", async () => {
    const user = await createTestUser("EDITOR");
    const attempts = Array.from({ length: 20 }, (_, index) =>
      signIn({ email: user.email, password: index === 17 ? user.password : `parallel-wrong-${index}` }, { ip: address() }),
    );
    const results = await Promise.all(attempts);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(results.filter((result) => result.status === "success").length).toBeLessThanOrEqual(1);
    const failures = await prisma.auditLog.findMany({ where: { targetId: user.id, action: "auth.sign_in_failed" }, select: { details: true } });
    const checked = failures.filter((entry) => JSON.parse(entry.details!).reason === "wrong_password").length;
    expect(checked).toBeLessThanOrEqual(LOCKOUT.attempts);
    expect(await prisma.auditLog.count({ where: { targetId: user.id, action: "auth.lockout" } })).toBe(1);
    expect((await signIn({ email: user.email, password: user.password }, { ip: address() })).status).toBe("invalid");
  });

  it("throttles one address after many failures across different accounts, while other addresses still sign in", async () => {
    const ip = address();
    const victim = await createTestUser("EDITOR");
    for (let index = 0; index < IP_THROTTLE.failures; index += 1)
      expect((await signIn({ email: `spray-${index}-${unique()}@example.test`, password: "password-spray" }, { ip })).status).toBe("invalid");
    expect(await signIn({ email: victim.email, password: victim.password }, { ip })).toEqual({ status: "throttled" });
    expect((await signIn({ email: victim.email, password: victim.password }, { ip: address() })).status).toBe("success");
    expect(await prisma.auditLog.count({ where: { action: "auth.address_throttled", ip } })).toBe(1);
  });

  it("rotating X-Forwarded-For does not escape the per-address throttle (TRUST_PROXY unset)", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "integration-only-secret-0123456789abcdef");
    vi.stubEnv("TRUST_PROXY", "");
    try {
      const { authOptions } = await import("@/lib/auth/options");
      const provider = authOptions.providers[0] as unknown as {
        options: { authorize: (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<unknown> };
      };
      const socket = address();
      // What the outer server passes on (lib/server/http-server.ts): the connection's address in its private header,
      // and whatever X-Forwarded-For the client made up.
      const attempt = (index: number, email: string, password: string) =>
        provider.options.authorize({ email, password }, { headers: { "x-linkpress-client-address": socket, "x-forwarded-for": `203.0.113.${index % 250}` } });
      for (let index = 0; index < IP_THROTTLE.failures; index += 1)
        expect(await attempt(index, `rotate-${index}-${unique()}@example.test`, "password-spray")).toBeNull();
      const victim = await createTestUser("EDITOR");
      await expect(attempt(IP_THROTTLE.failures, victim.email, victim.password)).rejects.toThrow();
      const logged = await prisma.auditLog.findMany({ where: { action: "auth.sign_in_failed", ip: { startsWith: "203.0.113." } }, select: { id: true } });
      expect(logged).toEqual([]);
      expect(await prisma.auditLog.count({ where: { action: "auth.address_throttled", ip: socket } })).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("believes the trusted proxy's X-Forwarded-For entry for the throttle and the audit log (TRUST_PROXY=1)", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "integration-only-secret-0123456789abcdef");
    vi.stubEnv("TRUST_PROXY", "1");
    try {
      const { authOptions } = await import("@/lib/auth/options");
      const provider = authOptions.providers[0] as unknown as {
        options: { authorize: (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<unknown> };
      };
      // One proxy's address on the socket; the client's address is the entry that proxy appended (the last one).
      const proxy = address();
      const client = address();
      const attempt = (email: string, password: string) =>
        provider.options.authorize({ email, password }, { headers: { "x-linkpress-client-address": proxy, "x-forwarded-for": `203.0.113.9, ${client}` } });
      const victim = await createTestUser("EDITOR");
      expect(await attempt(victim.email, "wrong-password")).toBeNull();
      expect(await prisma.auditLog.count({ where: { action: "auth.sign_in_failed", targetId: victim.id, ip: client } })).toBe(1);
      for (let index = 1; index < IP_THROTTLE.failures; index += 1)
        expect(await attempt(`proxied-${index}-${unique()}@example.test`, "password-spray")).toBeNull();
      expect(await prisma.auditLog.count({ where: { action: "auth.address_throttled", ip: client } })).toBe(1);
      expect(await prisma.auditLog.count({ where: { ip: proxy } })).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("with two-factor on, asks for a code, accepts a TOTP code once and a recovery code once", async () => {
    const user = await createTestUser("ADMIN");
    const { secret, recoveryCodes } = await enrol(user);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    expect(await signIn({ email: user.email, password: user.password }, { ip: address() })).toEqual({ status: "two_factor_required" });
    expect(await signIn({ email: user.email, password: `${user.password}x`, code: codeFor(secret) }, { ip: address() })).toEqual({ status: "invalid" });
    expect(await signIn({ email: user.email, password: user.password, code: "000000" === codeFor(secret) ? "111111" : "000000" }, { ip: address() })).toEqual({
      status: "two_factor_invalid",
    });

    const code = codeFor(secret);
    const first = await signIn({ email: user.email, password: user.password, code }, { ip: address() });
    expect(first.status).toBe("success");
    // The same code again (a replay) is refused.
    expect((await signIn({ email: user.email, password: user.password, code }, { ip: address() })).status).toBe("two_factor_invalid");

    const recovery = recoveryCodes[3].toUpperCase().replace(/-/g, " ");
    expect((await signIn({ email: user.email, password: user.password, code: recovery }, { ip: address() })).status).toBe("success");
    expect((await signIn({ email: user.email, password: user.password, code: recoveryCodes[3] }, { ip: address() })).status).toBe("two_factor_invalid");
    const status = await getTwoFactorStatus(user.id);
    expect(status).toMatchObject({ state: "on", recoveryCodesLeft: 9 });
    const methods = await prisma.auditLog.findMany({
      where: { targetId: user.id, action: "auth.sign_in" },
      select: { details: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(methods.map((entry) => JSON.parse(entry.details!).method)).toEqual(["password+totp", "password+recovery_code"]);
  });

  it("wrong second-factor codes count toward the lockout, so a known password does not allow guessing codes", async () => {
    const user = await createTestUser("EDITOR");
    const { secret } = await enrol(user);
    const wrongCode = codeFor(secret) === "123456" ? "654321" : "123456";
    for (let attempt = 1; attempt <= LOCKOUT.attempts; attempt += 1)
      expect((await signIn({ email: user.email, password: user.password, code: wrongCode }, { ip: address() })).status).toBe("two_factor_invalid");
    expect((await signIn({ email: user.email, password: user.password, code: codeFor(secret) }, { ip: address() })).status).toBe("invalid");
  });

  it("opens a session row that getSessionUser accepts, and never stores the password or a code in the audit log", async () => {
    const user = await createTestUser("EDITOR");
    const result = await signIn({ email: user.email, password: user.password }, { ip: address(), userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" });
    if (result.status !== "success") throw new Error(result.status);
    expect((await getSessionUser(result.user.sessionId))?.id).toBe(user.id);
    const everything = JSON.stringify(await prisma.auditLog.findMany({ where: { OR: [{ targetId: user.id }, { actorId: user.id }] } }));
    expect(everything).not.toContain(user.password);
  });
});
