import "server-only";
import { hashToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db";
import type { Capture } from "./schema";

/** The capture a token opens, while it lasts. It stays until it expires, so a reload of the form finds it again. */
export async function findStoredCapture(token: string, now = new Date()): Promise<Capture | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await prisma.capture.findUnique({
    where: { id: hashToken(token) },
    select: { url: true, title: true, selection: true, via: true, expiresAt: true },
  });
  return row && row.expiresAt > now ? { url: row.url, title: row.title, selection: row.selection, via: row.via } : null;
}
