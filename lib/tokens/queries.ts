import "server-only";
import { prisma } from "@/lib/db";
import type { TokenScope } from "@/lib/auth/permissions";
import { parseScopes } from "./schema";

export type ApiTokenSummary = {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
};

/** A person's tokens that were not revoked (expired ones included, marked by their date), newest first. Never the hash. */
export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  const tokens = await prisma.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, scopes: true, createdAt: true, expiresAt: true, lastUsedAt: true, lastUsedIp: true },
    take: 200,
  });
  return tokens.map((token) => ({ ...token, scopes: parseScopes(token.scopes) }));
}

/** listApiTokens for the token table (components/tokens/token-list.tsx): dates as ISO strings, expired ones marked. */
export async function listApiTokenRows(userId: string, now = new Date()) {
  return (await listApiTokens(userId)).map((token) => ({
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: token.lastUsedIp,
    expired: token.expiresAt !== null && token.expiresAt <= now,
  }));
}
