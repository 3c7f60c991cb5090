import { expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/sessions";
import { createUserAccount } from "@/lib/users/accounts";
import { revokeSession } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { createTestUser, describeDatabase, signInWithPassword } from "../support/database";

const meta = { ip: "203.0.113.7", userAgent: "Vitest" };

describeDatabase("sign-in and sessions", () => {
  it("opens a session for the right password and records where it came from", async () => {
    const user = await createTestUser("EDITOR");
    const signedIn = await signInWithPassword(user.email, user.password, meta);
    expect(signedIn?.id).toBe(user.id);
    const session = await prisma.session.findUniqueOrThrow({ where: { id: signedIn!.sessionId } });
    expect(session).toMatchObject({ ip: "203.0.113.7", userAgent: "Vitest", revokedAt: null });
    expect((await getSessionUser(signedIn!.sessionId))?.role).toBe("EDITOR");
  });

  it("answers a wrong password and an unknown email the same way, and opens no session", async () => {
    const user = await createTestUser("EDITOR");
    const sessionsBefore = await prisma.session.count({ where: { userId: user.id } });
    expect(await signInWithPassword(user.email, `${user.password}x`, meta)).toBeNull();
    expect(await signInWithPassword(`nobody-${user.email}`, user.password, meta)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
  });

  it("checks the whole password: a long passphrase differing only after 72 bytes is refused", async () => {
    const long = "correct horse battery staple ".repeat(4); // 116 characters
    const user = await createUserAccount({ name: "Long", email: `long-${Date.now()}@example.test`, password: long, role: "EDITOR" });
    expect(await signInWithPassword(user.email, long, meta)).not.toBeNull();
    expect(await signInWithPassword(user.email, `${long.slice(0, 100)}different tail`, meta)).toBeNull();
  });

  it("ends a session on sign-out, deactivation, and reflects a role change on the next request", async () => {
    const user = await createTestUser("EDITOR");
    const first = (await signInWithPassword(user.email, user.password, meta))!;
    await prisma.user.update({ where: { id: user.id }, data: { role: "CONTRIBUTOR" } });
    expect((await getSessionUser(first.sessionId))?.role).toBe("CONTRIBUTOR");
    await revokeSession(first.sessionId);
    expect(await getSessionUser(first.sessionId)).toBeNull();

    const second = (await signInWithPassword(user.email, user.password, meta))!;
    await prisma.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await getSessionUser(second.sessionId)).toBeNull();
    expect(await signInWithPassword(user.email, user.password, meta)).toBeNull();
  });

  it("treats email addresses case-insensitively and refuses a second account for one address", async () => {
    const user = await createTestUser("CONTRIBUTOR");
    expect(await signInWithPassword(user.email, user.password, meta)).not.toBeNull();
    const error = await createUserAccount({ name: "Twin", email: user.email.toUpperCase(), password: "another-password", role: "EDITOR" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
  });
});
