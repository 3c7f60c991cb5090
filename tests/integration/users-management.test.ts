import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { describeToken, listUsers } from "@/lib/users/queries";
import { acceptInvitation, inviteUser } from "@/lib/users/invitations";
import { changeOwnPassword, updateOwnProfile } from "@/lib/users/own-account";
import { changeUserRole, deleteUser, setUserActive, unlockUser } from "@/lib/users/admin";
import { issuePasswordReset, requestPasswordReset, resetPasswordWithToken } from "@/lib/users/password-resets";
import { getSessionUser, revokeOtherSessions } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";
import { expectAppError } from "../support/app-error";
import { startSmtpCatcher, type SmtpCatcher, type CaughtMail } from "../support/smtp-catcher";

const tokenOf = (link: string) => link.split("/").pop()!;
const STRONG = "seven tall ships sail north";

let smtp: SmtpCatcher;

describeDatabase("people: invitations, links, roles, accounts", () => {
  let admin: TestUser;

  beforeAll(async () => {
    admin = await createTestUser("ADMIN");
    smtp = await startSmtpCatcher();
  });

  afterAll(async () => {
    await smtp.close();
  });

  const withMail = <T>(work: () => Promise<T>) => smtp.withMail(work);

  async function mailTo(address: string): Promise<CaughtMail> {
    for (let tries = 0; tries < 50; tries += 1) {
      const found = smtp.inbox.find((mail) => mail.to === address);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no mail to ${address}`);
  }

  it("an invitation: an invited account, a hashed 7-day single-use token, a link the admin sees; accepting sets the password", async () => {
    const email = `${unique("invite")}@example.test`;
    const issued = await inviteUser(admin, { name: "Ines Invited", email, role: "EDITOR" });
    expect(issued.emailed).toBe(false);
    expect(issued.link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    const token = tokenOf(issued.link);
    const stored = await prisma.userToken.findFirstOrThrow({ where: { userId: issued.userId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await listUsers({ status: "invited" })).map((user) => user.email)).toContain(email);
    expect(await signInWithPassword(email, "anything-at-all", {})).toBeNull();

    await expectAppError(acceptInvitation(token, "password1"), "INVALID_INPUT", { message: /most common/ });
    expect(await describeToken(token, "INVITE")).toMatchObject({ state: "valid", email });
    const [first, second] = await Promise.allSettled([acceptInvitation(token, STRONG), acceptInvitation(token, STRONG)]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await describeToken(token, "INVITE")).toEqual({ state: "used" });
    await expectAppError(acceptInvitation(token, `${STRONG}!`), "INVALID_INPUT", { message: /already been used/ });
    expect((await signInWithPassword(email, STRONG, {}))?.role).toBe("EDITOR");
    // The token is for an invitation only: it does not reset a password.
    await expectAppError(resetPasswordWithToken(token, STRONG), "INVALID_INPUT", { message: /not valid/ });
  });

  it("an expired invitation or reset link is refused with a clear message", async () => {
    const email = `${unique("late")}@example.test`;
    const issued = await inviteUser(admin, { name: "Late Larry", email, role: "CONTRIBUTOR" });
    await prisma.userToken.updateMany({ where: { userId: issued.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeToken(tokenOf(issued.link), "INVITE")).toEqual({ state: "expired" });
    await expectAppError(acceptInvitation(tokenOf(issued.link), STRONG), "INVALID_INPUT", { message: /expired/ });

    const user = await createTestUser("EDITOR");
    const reset = await issuePasswordReset(admin, user.id);
    expect(reset.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    await expectAppError(resetPasswordWithToken(tokenOf(reset.link), STRONG, {}, new Date(Date.now() + 61 * 60_000)), "INVALID_INPUT", { message: /expired/ });
    expect(await describeToken("x".repeat(43), "RESET")).toEqual({ state: "invalid" });
  });

  it("a reset link changes the password, ends every session, lifts a lock and works once; a newer link replaces it", async () => {
    const user = await createTestUser("EDITOR");
    const session = (await signInWithPassword(user.email, user.password, {}))!;
    await prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
    const older = await issuePasswordReset(admin, user.id);
    const newer = await issuePasswordReset(admin, user.id);
    await expectAppError(resetPasswordWithToken(tokenOf(older.link), STRONG), "INVALID_INPUT", { message: /already been used/ });
    await resetPasswordWithToken(tokenOf(newer.link), STRONG);
    expect(await getSessionUser(session.sessionId)).toBeNull();
    expect(await signInWithPassword(user.email, user.password, {})).toBeNull();
    expect(await signInWithPassword(user.email, STRONG, {})).not.toBeNull();
    await expectAppError(resetPasswordWithToken(tokenOf(newer.link), `${STRONG} again`), "INVALID_INPUT", { message: /already been used/ });
  });

  it("with SMTP configured, invitations and resets are emailed with the link; the log never holds the token", async () => {
    const email = `${unique("mailed")}@example.test`;
    const issued = await withMail(() => inviteUser(admin, { name: "Mia Mailed", email, role: "CONTRIBUTOR" }));
    expect(issued.emailed).toBe(true);
    const mail = await mailTo(email);
    expect(mail.raw).toContain(tokenOf(issued.link));
    expect(mail.raw).toMatch(/Subject: You are invited to/);
    const audit = JSON.stringify(await prisma.auditLog.findMany({ where: { targetId: issued.userId } }));
    expect(audit).toContain("user.invite");
    expect(audit).not.toContain(tokenOf(issued.link));
  });

  it("forgot password: a link by email for a real account, nothing for an unknown one, and the same answer for both", async () => {
    const user = await createTestUser("EDITOR");
    const unknown = `${unique("ghost")}@example.test`;
    const results = await withMail(async () => [
      await requestPasswordReset(user.email, { ip: "192.0.2.81" }),
      await requestPasswordReset(unknown, { ip: "192.0.2.81" }),
    ]);
    expect(results).toEqual([undefined, undefined]);
    const mail = await mailTo(user.email);
    const token = /reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.raw)![1];
    expect(await describeToken(token, "RESET")).toMatchObject({ state: "valid", email: user.email });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.inbox.some((message) => message.to === unknown)).toBe(false);
    // Without SMTP nothing is issued at all.
    const before = await prisma.userToken.count({ where: { userId: user.id } });
    await requestPasswordReset(user.email, { ip: "192.0.2.82" });
    expect(await prisma.userToken.count({ where: { userId: user.id } })).toBe(before);
  });

  it("only admins manage people, in lib/ too; refusals change nothing", async () => {
    const target = await createTestUser("CONTRIBUTOR");
    const snapshot = () =>
      prisma.user.findUnique({ where: { id: target.id }, select: { role: true, isActive: true, lockedUntil: true, _count: { select: { tokens: true } } } });
    const before = await snapshot();
    for (const role of ["EDITOR", "CONTRIBUTOR"] as const) {
      const actor = await createTestUser(role);
      await expectAppError(changeUserRole(actor, target.id, "ADMIN"), "FORBIDDEN");
      await expectAppError(setUserActive(actor, target.id, false), "FORBIDDEN");
      await expectAppError(unlockUser(actor, target.id), "FORBIDDEN");
      await expectAppError(issuePasswordReset(actor, target.id), "FORBIDDEN");
      await expectAppError(deleteUser(actor, target.id, actor.id), "FORBIDDEN");
      await expectAppError(inviteUser(actor, { name: "Nope", email: `${unique("nope")}@example.test`, role: "ADMIN" }), "FORBIDDEN");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("an admin cannot deactivate or delete themselves; a role change and a deactivation apply on the next request", async () => {
    await expectAppError(setUserActive(admin, admin.id, false), "FORBIDDEN", { message: /your own account/ });
    await expectAppError(deleteUser(admin, admin.id, admin.id), "FORBIDDEN", { message: /your own account/ });
    const editor = await createTestUser("EDITOR");
    const session = (await signInWithPassword(editor.email, editor.password, {}))!;
    await changeUserRole(admin, editor.id, "CONTRIBUTOR");
    expect((await getSessionUser(session.sessionId))?.role).toBe("CONTRIBUTOR");
    await setUserActive(admin, editor.id, false);
    expect(await getSessionUser(session.sessionId)).toBeNull();
    expect((await listUsers({ status: "deactivated" })).map((user) => user.id)).toContain(editor.id);
    await setUserActive(admin, editor.id, true);
    expect(await getSessionUser(session.sessionId)).toBeNull();
    expect(await signInWithPassword(editor.email, editor.password, {})).not.toBeNull();
    const actions = (await prisma.auditLog.findMany({ where: { targetId: editor.id }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["user.role_change", "user.deactivate", "user.reactivate"]));
  });

  it("deleting an account keeps its posts under the chosen owner", async () => {
    const author = await createTestUser("EDITOR");
    const id = unique("kept");
    await prisma.post.create({
      data: { title: id, slug: id, externalUrl: `https://example.com/${id}`, canonicalUrl: `https://example.com/${id}`, authorId: author.id },
    });
    await expectAppError(deleteUser(admin, author.id, author.id), "INVALID_INPUT");
    await expectAppError(deleteUser(admin, author.id, "no-such-user"), "INVALID_INPUT");
    expect(await deleteUser(admin, author.id, admin.id)).toEqual({ postsMoved: 1 });
    expect((await prisma.post.findUniqueOrThrow({ where: { slug: id } })).authorId).toBe(admin.id);
    expect(await prisma.user.findUnique({ where: { id: author.id } })).toBeNull();
  });

  it("one's own account: the email needs the current password; a password change signs out every other session", async () => {
    const user = await createTestUser("CONTRIBUTOR");
    const [current, other] = [(await signInWithPassword(user.email, user.password, {}))!, (await signInWithPassword(user.email, user.password, {}))!];
    const acting = { ...user, sessionId: current.sessionId };
    const newEmail = `${unique("moved")}@example.test`;
    await expectAppError(updateOwnProfile(acting, { name: user.name, email: newEmail, currentPassword: "wrong" }), "INVALID_INPUT", {
      message: /current password/,
    });
    await updateOwnProfile(acting, { name: "Renamed Person", email: user.email, currentPassword: "" });
    await updateOwnProfile({ ...acting, name: "Renamed Person" }, { name: "Renamed Person", email: newEmail, currentPassword: user.password });
    const moved = { ...acting, name: "Renamed Person", email: newEmail };

    await expectAppError(changeOwnPassword(moved, { currentPassword: "not it", newPassword: STRONG }), "INVALID_INPUT", { message: /current password/ });
    await expectAppError(changeOwnPassword(moved, { currentPassword: user.password, newPassword: "letmein123" }), "INVALID_INPUT", { message: /most common/ });
    expect(await changeOwnPassword(moved, { currentPassword: user.password, newPassword: STRONG })).toBe(1);
    expect(await getSessionUser(other.sessionId)).toBeNull();
    expect(await getSessionUser(current.sessionId)).not.toBeNull();
    expect((await signIn({ email: newEmail, password: STRONG }, {})).status).toBe("success");
    expect(await revokeOtherSessions(moved)).toBe(1);
    expect(await getSessionUser(current.sessionId)).not.toBeNull();
  });
});
