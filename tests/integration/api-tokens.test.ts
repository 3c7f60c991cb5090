import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { authenticateBearer, TOKEN_TOUCH_INTERVAL_MS } from "@/lib/auth/api-tokens";
import { hashToken } from "@/lib/auth/tokens";
import type { TokenScope } from "@/lib/auth/permissions";
import { runTokenCreate } from "@/lib/tokens/command";
import { createApiToken, revokeApiToken } from "@/lib/tokens/mutations";
import { listApiTokens } from "@/lib/tokens/queries";
import { MAX_ACTIVE_TOKENS } from "@/lib/tokens/schema";
import { changeUserRole, setUserActive } from "@/lib/users/admin";
import { AppError } from "@/lib/errors";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

const ALL: TokenScope[] = ["posts:read", "posts:write", "posts:publish", "taxonomy:write"];

function bearer(secret: string | null, extra: Record<string, string> = {}) {
  const headers = new Headers({ "x-linkpress-client-address": "198.51.100.9", ...extra });
  if (secret !== null) headers.set("authorization", `Bearer ${secret}`);
  return new Request("http://localhost/api/v1/posts", { headers });
}

async function tokenFor(owner: TestUser, scopes: TokenScope[] = ALL, days: number | null = 30) {
  return createApiToken(owner, owner.id, { name: unique("token"), scopes, days });
}

async function auditOf(action: string, tokenId: string) {
  const entries = await prisma.auditLog.findMany({ where: { action }, orderBy: { createdAt: "desc" }, take: 200 });
  return entries.filter((entry) => entry.details && (JSON.parse(entry.details) as { tokenId?: string }).tokenId === tokenId);
}

describeDatabase("API tokens", () => {
  it("creates a token whose secret is returned once, lp_-prefixed, with only its hash stored", async () => {
    const owner = await createTestUser("EDITOR");
    const token = await tokenFor(owner, ["posts:read", "posts:write"]);
    expect(token.secret).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashToken(token.secret));
    expect(JSON.stringify(row)).not.toContain(token.secret.slice(3));
    expect(row.scopes).toBe("posts:read,posts:write");
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    const listed = await listApiTokens(owner.id);
    expect(listed.map((entry) => entry.id)).toEqual([token.id]);
    expect(JSON.stringify(listed)).not.toMatch(/tokenHash|lp_/);
    const [entry] = await auditOf("token.create", token.id);
    expect(entry).toMatchObject({ actorId: owner.id, targetId: owner.id });
    expect(entry.details).not.toContain(token.secret);
    expect(entry.details).not.toContain(row.tokenHash);
  });

  it("refuses a token for someone else, a deactivated owner, and more than the limit of active tokens", async () => {
    const owner = await createTestUser("CONTRIBUTOR");
    const other = await createTestUser("ADMIN");
    await expect(createApiToken(other, owner.id, { name: "x", scopes: ["posts:read"], days: null })).rejects.toThrow(/your own account/);
    const filler = Array.from({ length: MAX_ACTIVE_TOKENS }, (_, index) => ({
      userId: owner.id,
      name: `t${index}`,
      tokenHash: unique("hash"),
      scopes: "posts:read",
    }));
    await prisma.apiToken.createMany({ data: filler });
    await expect(tokenFor(owner)).rejects.toThrow(/most allowed/);
    // A revoked token no longer counts.
    await prisma.apiToken.updateMany({ where: { userId: owner.id, name: "t0" }, data: { revokedAt: new Date() } });
    await expect(tokenFor(owner)).resolves.toBeTruthy();
    const admin = await createTestUser("ADMIN");
    await setUserActive(admin, owner.id, false);
    await expect(createApiToken(null, owner.id, { name: "x", scopes: ["posts:read"], days: null })).rejects.toThrow(/not active/);
  });

  it("authenticates a valid bearer token as its owner, with the token named for the audit log", async () => {
    const owner = await createTestUser("EDITOR");
    const token = await tokenFor(owner);
    const result = await authenticateBearer(bearer(token.secret), "posts:publish");
    expect(result).toMatchObject({ ok: true, actor: { id: owner.id, role: "EDITOR", email: owner.email, via: { tokenId: token.id, tokenName: token.name } } });
    if (!result.ok) return;
    // A change made through the token carries its name into the audit entry.
    await recordAudit({ actor: result.actor, action: "post.publish", target: userTarget(owner), details: { marker: token.id } });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "post.publish", details: { contains: token.id } } });
    expect(JSON.parse(entry.details!)).toEqual({ marker: token.id, token: token.name, tokenId: token.id });
    expect(entry.actorId).toBe(owner.id);
  });

  it("refuses a missing header, another scheme, a cookie alone, a malformed or unknown token with 401", async () => {
    const owner = await createTestUser("ADMIN");
    const token = await tokenFor(owner);
    const cases: Array<[string, Request]> = [
      ["no header", bearer(null)],
      ["basic scheme", bearer(null, { authorization: `Basic ${Buffer.from(`x:${token.secret}`).toString("base64")}` })],
      ["token without scheme", bearer(null, { authorization: token.secret })],
      ["cookie only", bearer(null, { cookie: `next-auth.session-token=${token.secret}; lp_token=${token.secret}` })],
      ["not a token", bearer("hello")],
      ["unknown token", bearer(`lp_${"A".repeat(43)}`)],
      ["truncated token", bearer(token.secret.slice(0, -1))],
    ];
    for (const [label, request] of cases) {
      const result = await authenticateBearer(request, "posts:read");
      expect(result, label).toMatchObject({ ok: false, status: 401 });
      if (!result.ok) expect(result.title.length && result.detail.length, label).toBeGreaterThan(0);
    }
  });

  it("refuses an expired token and a revoked one", async () => {
    const owner = await createTestUser("EDITOR");
    const expiring = await tokenFor(owner, ALL, 30);
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(await authenticateBearer(bearer(expiring.secret), "posts:read", later)).toMatchObject({
      ok: false,
      status: 401,
      detail: expect.stringMatching(/expired/),
    });
    const forever = await tokenFor(owner, ALL, null);
    expect((await authenticateBearer(bearer(forever.secret), "posts:read", later)).ok).toBe(true);
    await revokeApiToken(owner, forever.id);
    expect(await authenticateBearer(bearer(forever.secret), "posts:read")).toMatchObject({ ok: false, status: 401, detail: expect.stringMatching(/revoked/) });
  });

  it("follows the owner on every call: deactivation refuses the token, a demotion takes publishing away", async () => {
    const admin = await createTestUser("ADMIN");
    const owner = await createTestUser("EDITOR");
    const token = await tokenFor(owner);
    expect((await authenticateBearer(bearer(token.secret), "posts:publish")).ok).toBe(true);
    await changeUserRole(admin, owner.id, "CONTRIBUTOR");
    expect(await authenticateBearer(bearer(token.secret), "posts:publish")).toMatchObject({ ok: false, status: 403 });
    expect(await authenticateBearer(bearer(token.secret), "taxonomy:write")).toMatchObject({ ok: false, status: 403 });
    expect(await authenticateBearer(bearer(token.secret), "posts:write")).toMatchObject({ ok: true, actor: { role: "CONTRIBUTOR" } });
    await setUserActive(admin, owner.id, false);
    expect(await authenticateBearer(bearer(token.secret), "posts:read")).toMatchObject({ ok: false, status: 401 });
    await setUserActive(admin, owner.id, true);
    expect((await authenticateBearer(bearer(token.secret), "posts:read")).ok).toBe(true);
  });

  it("a contributor's token with posts:publish is refused publishing (403), and a token is refused scopes it lacks", async () => {
    const contributor = await createTestUser("CONTRIBUTOR");
    const token = await tokenFor(contributor, ["posts:read", "posts:publish"]);
    expect(await authenticateBearer(bearer(token.secret), "posts:publish")).toMatchObject({ ok: false, status: 403 });
    const editor = await createTestUser("EDITOR");
    const readOnly = await tokenFor(editor, ["posts:read"]);
    expect(await authenticateBearer(bearer(readOnly.secret), "posts:write")).toMatchObject({ ok: false, status: 403, title: "Insufficient scope" });
  });

  it("refuses (403) an editor's token while two-factor is required of editors and they have not set it up", async () => {
    const owner = await createTestUser("EDITOR");
    const token = await tokenFor(owner);
    const policy = { key: "security.requireTwoFactorRoles", value: "ADMIN,EDITOR" };
    await prisma.setting.upsert({ where: { key: policy.key }, create: policy, update: { value: policy.value } });
    try {
      expect(await authenticateBearer(bearer(token.secret), "posts:read")).toMatchObject({
        ok: false,
        status: 403,
        detail: expect.stringMatching(/two-factor/),
      });
      await prisma.user.update({ where: { id: owner.id }, data: { totpEnabledAt: new Date() } });
      expect((await authenticateBearer(bearer(token.secret), "posts:read")).ok).toBe(true);
    } finally {
      await prisma.setting.update({ where: { key: policy.key }, data: { value: "" } });
    }
  });

  it("records when and from where a token was last used, at most once a minute", async () => {
    const owner = await createTestUser("EDITOR");
    const token = await tokenFor(owner);
    const lastUse = () => prisma.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { lastUsedAt: true, lastUsedIp: true } });
    const first = new Date(Date.now() + 1000);
    await authenticateBearer(bearer(token.secret), "posts:read", first);
    expect(await lastUse()).toEqual({ lastUsedAt: first, lastUsedIp: "198.51.100.9" });
    const soon = new Date(first.getTime() + TOKEN_TOUCH_INTERVAL_MS - 1000);
    await authenticateBearer(bearer(token.secret, { "x-linkpress-client-address": "198.51.100.10" }), "posts:read", soon);
    expect((await lastUse()).lastUsedAt).toEqual(first);
    const later = new Date(first.getTime() + TOKEN_TOUCH_INTERVAL_MS + 1000);
    await authenticateBearer(bearer(token.secret, { "x-linkpress-client-address": "198.51.100.10" }), "posts:read", later);
    expect(await lastUse()).toEqual({ lastUsedAt: later, lastUsedIp: "198.51.100.10" });
  });

  it("revokes at once, logs it once, and lets an admin revoke anyone's token but no one else", async () => {
    const owner = await createTestUser("EDITOR");
    const contributor = await createTestUser("CONTRIBUTOR");
    const editor = await createTestUser("EDITOR");
    const admin = await createTestUser("ADMIN");
    const token = await tokenFor(owner);
    for (const stranger of [contributor, editor]) {
      const refused = await revokeApiToken(stranger, token.id).catch((error: unknown) => error);
      expect(refused, stranger.role).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe("FORBIDDEN");
    }
    expect((await authenticateBearer(bearer(token.secret), "posts:read")).ok).toBe(true);
    expect(await revokeApiToken(admin, token.id)).toEqual({ ownerId: owner.id });
    expect((await authenticateBearer(bearer(token.secret), "posts:read")).ok).toBe(false);
    await expect(revokeApiToken(owner, token.id)).rejects.toThrow(/already revoked/);
    const entries = await auditOf("token.revoke", token.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, targetId: owner.id });
    expect(await listApiTokens(owner.id)).toEqual([]);
  });

  it("token:create makes a token from the shell, with the secret alone on the last line, and refuses bad arguments with code 1", async () => {
    const owner = await createTestUser("EDITOR");
    const ok = await runTokenCreate(["--email", owner.email.toUpperCase(), "--name", "CI", "--scopes", "posts:read,posts:write", "--days", "7"]);
    expect(ok.code).toBe(0);
    const secret = ok.out.at(-1)!;
    expect(secret).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    const result = await authenticateBearer(bearer(secret), "posts:write");
    expect(result).toMatchObject({ ok: true, actor: { id: owner.id, via: { tokenName: "CI" } } });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(secret) } });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    const [entry] = await auditOf("token.create", row.id);
    expect(entry).toMatchObject({ actorId: null, targetId: owner.id });

    const bad: Array<[string[], RegExp]> = [
      [["--name", "CI", "--scopes", "posts:read"], /--email/],
      [["--email", owner.email, "--scopes", "posts:read"], /name/i],
      [["--email", owner.email, "--name", "CI"], /scopes/],
      [["--email", owner.email, "--name", "CI", "--scopes", "posts:read,root"], /Unknown scope: root/],
      [["--email", owner.email, "--name", "CI", "--scopes", "posts:read", "--days", "0"], /at least 1/],
      [["--email", owner.email, "--name", "CI", "--scopes", "posts:read", "--colour", "red"], /colour/],
      [["--email", `nobody-${owner.email}`, "--name", "CI", "--scopes", "posts:read"], /No account/],
    ];
    const before = await prisma.apiToken.count({ where: { userId: owner.id } });
    for (const [args, message] of bad) {
      const outcome = await runTokenCreate(args);
      expect(outcome.code, args.join(" ")).toBe(1);
      expect(outcome.out).toEqual([]);
      expect(outcome.err.join("\n"), args.join(" ")).toMatch(message);
    }
    expect(await prisma.apiToken.count({ where: { userId: owner.id } })).toBe(before);
  });
});
