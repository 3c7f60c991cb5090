import "server-only";
import { prisma } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import type { UserListQuery, UserStatus } from "./schema";

/** Whether anybody has an account yet; with none, the admin area leads to first-run setup. */
export async function hasAnyUser(): Promise<boolean> {
  return (await prisma.user.count({ take: 1 })) > 0;
}

const ADMIN_LIST_FIELDS = {
  id: true,
  name: true,
  email: true,
  role: true,
  isActive: true,
  passwordHash: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
  totpEnabledAt: true,
} as const;

type StatusFields = { isActive: boolean; passwordHash: string | null; lockedUntil: Date | null };

/** Deactivated first (it overrides everything), then invited (no password chosen yet), then locked. */
function userStatus(user: StatusFields, now = new Date()): UserStatus {
  if (!user.isActive) return "deactivated";
  if (user.passwordHash === null) return "invited";
  if (user.lockedUntil && user.lockedUntil > now) return "locked";
  return "active";
}

function statusWhere(status: UserStatus | undefined, now: Date) {
  switch (status) {
    case "deactivated":
      return { isActive: false };
    case "invited":
      return { isActive: true, passwordHash: null };
    case "locked":
      return { isActive: true, passwordHash: { not: null }, lockedUntil: { gt: now } };
    case "active":
      return { isActive: true, passwordHash: { not: null }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
    default:
      return {};
  }
}

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: string;
  status: UserStatus;
  lastLoginAt: Date | null;
  createdAt: Date;
  twoFactor: boolean;
};

function toRow(
  user: StatusFields & { id: string; name: string; email: string; role: string; lastLoginAt: Date | null; createdAt: Date; totpEnabledAt: Date | null },
  now: Date,
): UserRow {
  const { id, name, email, role, lastLoginAt, createdAt } = user;
  return { id, name, email, role, lastLoginAt, createdAt, status: userStatus(user, now), twoFactor: user.totpEnabledAt !== null };
}

/** Everyone with an account (for admins), filtered by role and status, by name. The password hash never leaves this function. */
export async function listUsers(query: UserListQuery, now = new Date()): Promise<UserRow[]> {
  const users = await prisma.user.findMany({
    where: { ...(query.role ? { role: query.role } : {}), ...statusWhere(query.status, now) },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: ADMIN_LIST_FIELDS,
    take: 1000,
  });
  return users.map((user) => toRow(user, now));
}

/** One person's record for the admin's user page, with how many posts they wrote. */
export async function getUserForAdmin(userId: string, now = new Date()) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { ...ADMIN_LIST_FIELDS, _count: { select: { posts: true } } } });
  if (!user) return null;
  return { ...toRow(user, now), lockedUntil: user.lockedUntil, postCount: user._count.posts };
}

/** Names and ids of everyone, for "keep the posts under…" and the audit log's person filter. */
export async function listUserChoices() {
  return prisma.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true, isActive: true }, take: 1000 });
}

export type TokenState = { state: "valid"; name: string; email: string } | { state: "expired" | "used" | "invalid" };

/** What an invitation or reset link leads to, without using it: valid (for whom), expired, used or unknown. */
export async function describeToken(token: string, kind: "INVITE" | "RESET", now = new Date()): Promise<TokenState> {
  const row = await prisma.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { kind: true, usedAt: true, expiresAt: true, user: { select: { name: true, email: true, isActive: true } } },
  });
  if (!row || row.kind !== kind || !row.user.isActive) return { state: "invalid" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt <= now) return { state: "expired" };
  return { state: "valid", name: row.user.name, email: row.user.email };
}
