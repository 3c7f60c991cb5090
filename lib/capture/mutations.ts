import "server-only";
// Captures waiting for the new-post form. They are written before sign-in (a bookmarklet opens from another site,
// perhaps signed out), so each address may store only a few an hour, and rows older than a day are dropped.
import { newToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sharedLimiter } from "@/lib/rate-limit/shared";
import type { Capture } from "./schema";

export const CAPTURE_STORE = { perAddressPerHour: 60, lifetimeHours: 24 } as const;

const captureLimiter = sharedLimiter({ keyPrefix: "capture-ip", points: CAPTURE_STORE.perAddressPerHour, duration: 60 * 60 });

/** Keeps a capture and returns the token that opens it; only the token's hash is stored. */
export async function storeCapture(capture: Capture, ip: string | null, now = new Date()): Promise<string> {
  const state = await captureLimiter().penalty(ip || "unknown", 1);
  if (state.consumedPoints > CAPTURE_STORE.perAddressPerHour)
    throw new AppError("RATE_LIMITED", "Too many captures from this address in the last hour. Wait a little and try again.");
  const { token, tokenHash } = newToken();
  await prisma.$transaction([
    prisma.capture.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.capture.create({ data: { id: tokenHash, ...capture, expiresAt: new Date(now.getTime() + CAPTURE_STORE.lifetimeHours * 3_600_000) } }),
  ]);
  return token;
}
