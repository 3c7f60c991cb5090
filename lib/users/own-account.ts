import "server-only";
// One's own account: name, email and password, each change confirmed with the current password.
import { prisma } from "@/lib/db";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { assertCurrentPassword } from "@/lib/auth/lockout";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import type { NamedActor } from "@/lib/auth/permissions";
import { revokeSessionsOf } from "@/lib/auth/sessions";
import type { RequestMeta } from "@/lib/http/request-context";
import { emailTaken } from "./accounts";

/** Changes one's own name and email; a new email needs the current password. */
export async function updateOwnProfile(
  actor: NamedActor,
  input: { name: string; email: string; currentPassword: string },
  meta: Partial<RequestMeta> = {},
): Promise<void> {
  const emailChanged = input.email !== actor.email;
  if (emailChanged) await assertCurrentPassword(actor, input.currentPassword, meta.ip ?? null);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.id }, data: { name: input.name, email: input.email } });
      const details = { ...(input.name !== actor.name ? { name: true } : {}), ...(emailChanged ? { emailFrom: actor.email, emailTo: input.email } : {}) };
      if (Object.keys(details).length)
        await recordAudit(
          { actor: { ...actor, name: input.name }, action: "user.profile_change", target: userTarget({ ...actor, ...input }), ip: meta.ip ?? null, details },
          tx,
        );
    });
  } catch (error) {
    throw emailTaken(error) ?? error;
  }
}

/** Changes one's own password after the current one; every other session of the account ends. */
export async function changeOwnPassword(
  actor: NamedActor & { sessionId: string },
  input: { currentPassword: string; newPassword: string },
  meta: Partial<RequestMeta> = {},
  now = new Date(),
): Promise<number> {
  assertAcceptablePassword(input.newPassword, actor, "newPassword");
  await assertCurrentPassword(actor, input.currentPassword, meta.ip ?? null);
  const passwordHash = await hashPassword(input.newPassword);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: now } });
    const sessionsEnded = await revokeSessionsOf(tx, actor.id, actor.sessionId, now);
    await recordAudit({ actor, action: "user.password_change", target: userTarget(actor), ip: meta.ip ?? null, details: { sessionsEnded } }, tx);
    return sessionsEnded;
  });
}
