import "server-only";
import { prisma } from "@/lib/db";
import { AUDIT_PAGE_SIZE, type AuditQuery } from "./schema";

const DAY_MS = 86_400_000;

/** One page of the audit log, newest first, filtered by person (actor or target), action and UTC day range. */
export async function listAuditEntries(query: AuditQuery) {
  const createdAt = {
    ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
    ...(query.to ? { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) } : {}),
  };
  const where = {
    ...(query.actor ? { OR: [{ actorId: query.actor }, { targetType: "user", targetId: query.actor }] } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to ? { createdAt } : {}),
  };
  const [total, items] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        actorLabel: true,
        action: true,
        targetType: true,
        targetLabel: true,
        ip: true,
        details: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  return { total, items, page: query.page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
