import "server-only";
import { prisma, type DbTransaction } from "@/lib/db";
import { currentRequestMeta } from "@/lib/http/request-context";
import type { AuditAction } from "./schema";

/** Who acted; `via` marks a change made through the API with a personal access token (ApiActor carries it). */
export type AuditActor = { id: string; name?: string | null; email?: string | null; via?: { tokenId: string; tokenName: string } } | null;

export type AuditPerson = { id: string; name: string; email: string };

/** The audit log's target for a person: their id, and their name and email as they were at the time. */
export const userTarget = (user: AuditPerson) => ({ type: "user", id: user.id, label: `${user.name} <${user.email}>` });

export type AuditEntry = {
  actor: AuditActor;
  /** Who acted when no person did (the site's own clean-ups, such as emptying the trash of expired posts). */
  automatic?: string;
  /** A dotted verb such as "post.publish", "user.role_change", "auth.sign_in_failed"; each has its label in AUDIT_ACTIONS. */
  action: AuditAction;
  target?: { type: string; id?: string | null; label?: string | null };
  /** The client's address; when left out, taken from the current request (null outside one). */
  ip?: string | null;
  /** Extra facts. Never a password, token, code or hash. */
  details?: Record<string, unknown>;
};

/**
 * Appends one entry to the audit log; pass the caller's transaction so the entry commits or rolls back with the
 * change. The app only ever appends: nothing updates or deletes entries.
 */
export async function recordAudit(entry: AuditEntry, db: DbTransaction = prisma): Promise<void> {
  const ip = entry.ip !== undefined ? entry.ip : (await currentRequestMeta()).ip;
  const via = entry.actor?.via;
  const details = via ? { ...entry.details, token: via.tokenName, tokenId: via.tokenId } : entry.details;
  await db.auditLog.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorLabel: entry.actor ? (entry.actor.name ?? entry.actor.email ?? entry.actor.id) : (entry.automatic ?? null),
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      targetLabel: entry.target?.label?.slice(0, 300) ?? null,
      ip: ip?.slice(0, 64) ?? null,
      details: details ? JSON.stringify(details) : null,
    },
  });
}
