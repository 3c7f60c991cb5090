import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { listAuditEntries } from "@/lib/audit/queries";
import { auditQuerySchema, AUDIT_ACTIONS, AUDIT_PAGE_SIZE } from "@/lib/audit/schema";
import { recordAudit } from "@/lib/audit/mutations";
import { confirmTwoFactorEnrolment, regenerateRecoveryCodes, startTwoFactorEnrolment } from "@/lib/auth/two-factor";
import { getTwoFactorStatus } from "@/lib/auth/two-factor";
import { deletePost, savePost } from "@/lib/posts/mutations";
import { postFormSchema } from "@/lib/posts/schema";
import { acceptInvitation, inviteUser } from "@/lib/users/invitations";
import { changeOwnPassword } from "@/lib/users/own-account";
import { issuePasswordReset, resetPasswordWithToken } from "@/lib/users/password-resets";
import { signIn } from "@/lib/auth/sign-in";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

const root = path.resolve(__dirname, "../..");

function postInput(id: string) {
  return postFormSchema.parse({
    title: `Audited ${id}`,
    externalUrl: `https://example.com/${id}`,
    source: "Example",
    tags: "audit",
    publishedAt: "",
    tldr: "T",
    summary: "S",
    commentary: "",
    slug: "",
  });
}

describeDatabase("audit log", () => {
  let admin: TestUser;
  let editor: TestUser;
  const output: string[] = [];

  beforeAll(async () => {
    [admin, editor] = await Promise.all([createTestUser("ADMIN"), createTestUser("EDITOR")]);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("records publish, schedule, unpublish and delete, with who and what, in the same transaction as the change", async () => {
    const id = unique("audited");
    const draft = await savePost(editor, { intent: "draft", input: postInput(id) });
    const published = await savePost(editor, { intent: "publish", postId: draft.id, version: draft.version, input: postInput(id) });
    const future = postFormSchema.parse({
      ...Object.fromEntries(Object.entries(postInput(id)).map(([key, value]) => [key, typeof value === "string" ? value : ""])),
      tags: "audit",
      publishedAt: "2099-01-01T10:00",
    });
    const scheduled = await savePost(editor, { intent: "schedule", postId: published.id, version: published.version, input: future });
    const unpublished = await savePost(editor, { intent: "unpublish", postId: scheduled.id, version: scheduled.version, input: postInput(id) });
    // A refused save (stale version) rolls back and logs nothing.
    await expect(savePost(editor, { intent: "publish", postId: draft.id, version: 1, input: postInput(id) })).rejects.toThrow();
    await deletePost(editor, unpublished.id);
    const entries = await prisma.auditLog.findMany({ where: { targetType: "post", targetId: draft.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(["post.publish", "post.schedule", "post.unpublish", "post.delete"]);
    for (const entry of entries) expect(entry).toMatchObject({ actorId: editor.id, actorLabel: editor.name, targetLabel: `Audited ${id}` });
  });

  it("filters by person (as actor or target), action and UTC day, and pages", async () => {
    const person = await createTestUser("CONTRIBUTOR");
    for (let index = 0; index < AUDIT_PAGE_SIZE + 3; index += 1)
      await recordAudit({ actor: person, action: "user.profile_change", target: { type: "user", id: person.id, label: person.name }, ip: "192.0.2.9" });
    await recordAudit({ actor: admin, action: "user.unlock", target: { type: "user", id: person.id, label: person.name } });
    const all = await listAuditEntries(auditQuerySchema.parse({ actor: person.id }));
    expect(all.total).toBe(AUDIT_PAGE_SIZE + 4);
    expect(all.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(all.items[0].action).toBe("user.unlock");
    const second = await listAuditEntries(auditQuerySchema.parse({ actor: person.id, page: "2" }));
    expect(second.items).toHaveLength(4);
    expect(new Set([...all.items, ...second.items].map((entry) => entry.id)).size).toBe(AUDIT_PAGE_SIZE + 4);
    expect((await listAuditEntries(auditQuerySchema.parse({ actor: person.id, action: "user.unlock" }))).total).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEntries(auditQuerySchema.parse({ actor: person.id, from: today, to: today }))).total).toBe(AUDIT_PAGE_SIZE + 4);
    expect((await listAuditEntries(auditQuerySchema.parse({ actor: person.id, to: "2000-01-01" }))).total).toBe(0);
    // Nonsense in the URL is dropped, not an error.
    expect(auditQuerySchema.parse({ from: "yesterday", to: "2024-13-45", page: "-3" })).toEqual({ page: 1 });
  });

  it("never holds a password, token or code, and neither does the server's output", async () => {
    const logged = (...args: unknown[]) => output.push(args.map(String).join(" "));
    for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation(logged);
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (output.push(String(chunk)), true));
    const secrets: string[] = [];
    const email = `${unique("secret")}@example.test`;
    const password = "correct horse battery staple audit";
    const invite = await inviteUser(admin, { name: "Secret Sam", email, role: "EDITOR" });
    secrets.push(invite.link.split("/").pop()!, password);
    await acceptInvitation(invite.link.split("/").pop()!, password);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true, role: true } });
    const acting = { ...user, role: "EDITOR" as const };
    await signIn({ email, password: "wrong password typed" }, { ip: "192.0.2.7" });
    secrets.push("wrong password typed");
    await signIn({ email: password, password }, { ip: "192.0.2.7" });

    await startTwoFactorEnrolment(acting);
    const status = await getTwoFactorStatus(user.id);
    if (status.state !== "pending") throw new Error("no pending enrolment");
    const code = new TOTP({ secret: Secret.fromBase32(status.secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() - 30_000 });
    const recovery = await confirmTwoFactorEnrolment(acting, code);
    secrets.push(status.secret, ...recovery);
    const next = new TOTP({ secret: Secret.fromBase32(status.secret), digits: 6, period: 30, algorithm: "SHA1" }).generate();
    const session = await signIn({ email, password, code: next }, { ip: "192.0.2.7" });
    if (session.status !== "success") throw new Error(session.status);
    await signIn({ email, password, code: recovery[0] }, { ip: "192.0.2.7" });
    secrets.push(...(await regenerateRecoveryCodes(acting, password, null)));
    const newPassword = "another secret passphrase for audit";
    await changeOwnPassword({ ...acting, sessionId: session.user.sessionId }, { currentPassword: password, newPassword });
    const reset = await issuePasswordReset(admin, user.id);
    await resetPasswordWithToken(reset.link.split("/").pop()!, `${newPassword} 2`);
    secrets.push(newPassword, `${newPassword} 2`, reset.link.split("/").pop()!);
    stdout.mockRestore();

    const rows = JSON.stringify(
      await prisma.auditLog.findMany({ where: { OR: [{ actorId: user.id }, { targetId: user.id }, { targetLabel: { contains: password } }] } }),
    );
    expect(rows).toContain("auth.sign_in");
    expect(rows).toContain("two_factor.enable");
    const everything = `${rows}\n${output.join("\n")}`;
    for (const secret of secrets) expect(everything, "a secret leaked").not.toContain(secret);
    // Six-digit codes are short; check them against the structured details only.
    expect(rows).not.toContain(`"${next}"`);
  });

  it("is append-only: no code in the app updates or deletes audit entries", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (name === "generated" || name === "node_modules") continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(name) && /auditLog\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.test(readFileSync(full, "utf8")))
          offenders.push(path.relative(root, full));
      }
    };
    for (const dir of ["app", "lib", "components"]) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });

  it("names every action it writes on the log page", () => {
    const sources = [
      ...["accounts", "admin", "invitations", "own-account", "password-resets"].map((name) => `lib/users/${name}.ts`),
      ...["lockout", "sessions", "sign-in", "two-factor"].map((name) => `lib/auth/${name}.ts`),
      "lib/posts/mutations.ts",
    ]
      .map((file) => readFileSync(path.join(root, file), "utf8"))
      .join("\n");
    const written = [
      ...sources.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g),
      ...sources.matchAll(/"((?:user|post|auth|two_factor|session|settings)\.[a-z_]+)"/g),
    ].map((match) => match[1]);
    for (const action of new Set(written)) expect(Object.keys(AUDIT_ACTIONS), action).toContain(action);
  });
});
