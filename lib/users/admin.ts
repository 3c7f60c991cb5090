import "server-only";
// What admins do to other people's accounts: roles, deactivation, unlocking, two-factor reset, deletion. None of
// it may leave the site without an active admin.
import { prisma, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, userTarget } from "@/lib/audit/mutations";
import { canManageUsers, type Actor, type NamedActor, type Role } from "@/lib/auth/permissions";
import { revokeSessionsOf } from "@/lib/auth/sessions";
import { clearTwoFactor } from "@/lib/auth/two-factor";

// Updating this row first serialises every change that could leave the site without an active admin, so two admins
// demoting each other at the same moment cannot both succeed (PostgreSQL row lock; SQLite serialises writers anyway).
const ADMIN_GUARD_KEY = "lock.activeAdmins";

/** Refuses anyone but an admin. */
export function assertCanManage(actor: Actor) {
  if (!canManageUsers(actor)) throw new AppError("FORBIDDEN", "Only admins can manage people.");
}

/** The account an admin acts on, read in the admin's transaction; refused when it no longer exists. */
export async function findManagedUser(tx: DbTransaction, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, isActive: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "This person no longer has an account.");
  return user;
}

/** Runs a change, then refuses it (rolling back) when no active admin with a password would remain. */
async function keepingAnActiveAdmin<T>(work: (tx: DbTransaction) => Promise<T>, message: string): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: ADMIN_GUARD_KEY }, create: { key: ADMIN_GUARD_KEY, value: "" }, update: { value: new Date().toISOString() } });
    const result = await work(tx);
    const admins = await tx.user.count({ where: { role: "ADMIN", isActive: true, passwordHash: { not: null } } });
    if (admins === 0) throw new AppError("CONFLICT", message);
    return result;
  });
}

/** Changes a person's role. The last active admin keeps theirs. Takes effect on their next request. */
export async function changeUserRole(actor: NamedActor, userId: string, role: Role): Promise<void> {
  assertCanManage(actor);
  await keepingAnActiveAdmin(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (user.role === role) return;
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit({ actor, action: "user.role_change", target: userTarget(user), details: { from: user.role, to: role } }, tx);
  }, "This is the last active admin. Make someone else an admin first.");
}

/** Deactivates (ending every session at once) or reactivates an account. Nobody deactivates themselves or the last admin. */
export async function setUserActive(actor: NamedActor, userId: string, active: boolean, now = new Date()): Promise<void> {
  assertCanManage(actor);
  if (!active && userId === actor.id) throw new AppError("FORBIDDEN", "You cannot deactivate your own account.");
  await keepingAnActiveAdmin(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (user.isActive === active) return;
    await tx.user.update({ where: { id: user.id }, data: active ? { isActive: true, failedLoginCount: 0, lockedUntil: null } : { isActive: false } });
    const sessionsEnded = active ? 0 : await revokeSessionsOf(tx, user.id, null, now);
    await recordAudit(
      { actor, action: active ? "user.reactivate" : "user.deactivate", target: userTarget(user), details: active ? undefined : { sessionsEnded } },
      tx,
    );
  }, "This is the last active admin. Make someone else an admin first.");
}

/** Lifts a sign-in lock and clears the failure count. */
export async function unlockUser(actor: NamedActor, userId: string): Promise<void> {
  assertCanManage(actor);
  await prisma.$transaction(async (tx) => {
    const user = await findManagedUser(tx, userId);
    await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedLoginCount: 0 } });
    await recordAudit({ actor, action: "user.unlock", target: userTarget(user) }, tx);
  });
}

/** Turns off someone's two-factor sign-in (a lost phone and lost recovery codes); they can set it up again. */
export async function resetUserTwoFactor(actor: NamedActor, userId: string): Promise<void> {
  assertCanManage(actor);
  await prisma.$transaction(async (tx) => {
    const user = await findManagedUser(tx, userId);
    if (!user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already off for this person.");
    await clearTwoFactor(tx, actor, user);
  });
}

/** Deletes an account; its posts stay, moved to the owner the admin chose. Nobody deletes themselves or the last admin. */
export async function deleteUser(actor: NamedActor, userId: string, newOwnerId: string): Promise<{ postsMoved: number }> {
  assertCanManage(actor);
  if (userId === actor.id) throw new AppError("FORBIDDEN", "You cannot delete your own account.");
  if (newOwnerId === userId) throw new AppError("INVALID_INPUT", "Choose someone else to keep the posts.", { field: "newOwnerId" });
  return keepingAnActiveAdmin(async (tx) => {
    const user = await findManagedUser(tx, userId);
    const owner = await tx.user.findUnique({ where: { id: newOwnerId }, select: { id: true, name: true, email: true } });
    if (!owner) throw new AppError("INVALID_INPUT", "The person chosen to keep the posts no longer exists.", { field: "newOwnerId" });
    const { count } = await tx.post.updateMany({ where: { authorId: user.id }, data: { authorId: owner.id } });
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit(
      { actor, action: "user.delete", target: userTarget(user), details: { postsMovedTo: `${owner.name} <${owner.email}>`, posts: count } },
      tx,
    );
    return { postsMoved: count };
  }, "This is the last active admin. Make someone else an admin first.");
}
