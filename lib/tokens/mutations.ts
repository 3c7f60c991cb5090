import "server-only";
// Personal access tokens: created by their owner (in the account page or from the shell), revoked by the owner or an
// admin. Only the SHA-256 of the secret is stored; the secret is returned once, to be shown once.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { recordAudit, userTarget, type AuditActor } from "@/lib/audit/mutations";
import { canManageUsers, canManageWebhooks, isRole, type NamedActor, type TokenScope } from "@/lib/auth/permissions";
import { hashToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { MAX_ACTIVE_TOKENS, TOKEN_PREFIX } from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;

export type NewApiToken = {
  name: string;
  scopes: readonly TokenScope[];
  days: number | null;
  /** The IndieAuth client it is issued to, when an app asked for it (lib/indieauth). */
  clientId?: string;
};
export type IssuedApiToken = { id: string; name: string; secret: string; expiresAt: Date | null };

/** A fresh secret (`lp_` and 256 random bits in base64url) and the hash that is stored in its place. */
export function newApiTokenSecret(): { secret: string; tokenHash: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, tokenHash: hashToken(secret) };
}

/**
 * Creates a token for `ownerId`. `actor` is the person creating it, who must be the owner (nobody creates tokens that
 * act as someone else); null for the site owner's shell, which may create one for any active account.
 */
export async function createApiToken(
  actor: Pick<NamedActor, "id" | "name" | "email"> | null,
  ownerId: string,
  input: NewApiToken,
  now = new Date(),
): Promise<IssuedApiToken> {
  if (actor && actor.id !== ownerId) throw new AppError("FORBIDDEN", "You can only create tokens for your own account.");
  const { secret, tokenHash } = newApiTokenSecret();
  const expiresAt = input.days === null ? null : new Date(now.getTime() + input.days * DAY_MS);
  const created = await prisma.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({
      where: { id: ownerId },
      select: { id: true, name: true, email: true, role: true, isActive: true, passwordHash: true },
    });
    if (!owner || !owner.isActive || !owner.passwordHash) throw new AppError("NOT_FOUND", "That account is not active.");
    // Other scopes are only narrowed by the role when used; this one is never even issued to someone who is not an admin.
    if (input.scopes.includes("webhooks:write") && !(isRole(owner.role) && canManageWebhooks({ id: owner.id, role: owner.role })))
      throw new AppError("FORBIDDEN", "Only admins' tokens can have the webhooks:write scope.", { field: "scopes" });
    const active = await tx.apiToken.count({ where: { userId: owner.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (active >= MAX_ACTIVE_TOKENS)
      throw new AppError("CONFLICT", `You have ${MAX_ACTIVE_TOKENS} active tokens, the most allowed. Revoke one you no longer use first.`);
    const token = await tx.apiToken.create({
      data: { userId: owner.id, name: input.name, tokenHash, scopes: input.scopes.join(","), createdAt: now, expiresAt, clientId: input.clientId ?? null },
      select: { id: true, name: true, expiresAt: true },
    });
    const auditActor: AuditActor = actor ?? null;
    await recordAudit(
      {
        actor: auditActor,
        action: "token.create",
        target: userTarget(owner),
        details: {
          tokenId: token.id,
          name: token.name,
          scopes: input.scopes,
          expiresAt: expiresAt?.toISOString() ?? null,
          ...(actor ? {} : { via: "cli" }),
          ...(input.clientId ? { via: "indieauth", clientId: input.clientId } : {}),
        },
      },
      tx,
    );
    return token;
  });
  return { ...created, secret };
}

/**
 * Revokes a token at once: its owner, or an admin for anyone's. Returns the owner's id (for the pages to refresh).
 * A token already revoked is reported as such; nothing is logged twice.
 */
export async function revokeApiToken(actor: NamedActor, tokenId: string, now = new Date()): Promise<{ ownerId: string }> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { id: true, name: true, userId: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (!token) throw new AppError("NOT_FOUND", "That token no longer exists.");
    if (token.userId !== actor.id && !canManageUsers(actor)) throw new AppError("FORBIDDEN", "Your role does not allow revoking someone else's token.");
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", "That token was already revoked.");
    await recordAudit({ actor, action: "token.revoke", target: userTarget(token.user), details: { tokenId: token.id, name: token.name } }, tx);
    return { ownerId: token.userId };
  });
}

/**
 * Revokes a token without a signed-in person: by its secret, for whoever holds it (IndieAuth's revocation endpoint,
 * RFC 7009), or by id when the code it was issued from is presented again. True when a live token was revoked; the
 * audit entry names the owner and the reason.
 */
export async function revokeApiTokenWithoutSession(token: { secret: string } | { id: string }, reason: string, now = new Date()): Promise<boolean> {
  const where = "secret" in token ? { tokenHash: hashToken(token.secret) } : { id: token.id };
  return prisma.$transaction(async (tx) => {
    const found = await tx.apiToken.findUnique({ where, select: { id: true, name: true, user: { select: { id: true, name: true, email: true } } } });
    if (!found) return false;
    const { count } = await tx.apiToken.updateMany({ where: { id: found.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return false;
    await recordAudit(
      { actor: found.user, action: "token.revoke", target: userTarget(found.user), details: { tokenId: found.id, name: found.name, reason } },
      tx,
    );
    return true;
  });
}

/** The shell's way in (npm run token:create): a token for the active account with this email. */
export async function createApiTokenForEmail(email: string, input: NewApiToken, now = new Date()): Promise<IssuedApiToken> {
  const owner = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!owner) throw new AppError("NOT_FOUND", `No account has the email ${email}.`);
  return createApiToken(null, owner.id, input, now);
}
